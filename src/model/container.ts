// Haconiwa's container state and how each DSL operation changes it (hacofile-dsl.md §2-4).
import type { BlockNode, CallNode } from "../ast/nodes.js";
import type { ContainerModel, DslOp, NamespaceState, Setting, Value } from "./model.js";
import { asString, either } from "./values.js";

/** Haconiwa's default capability whitelist (§4.3). */
export const DEFAULT_CAPABILITIES = [
  "cap_audit_read", "cap_chown", "cap_dac_override", "cap_fowner", "cap_fsetid", "cap_net_bind_service",
  "cap_net_raw", "cap_setgid", "cap_setfcap", "cap_setpcap", "cap_setuid",
];

export const NAMESPACE_NAMES = ["ipc", "net", "mount", "pid", "user", "uts"];

export function newContainer(node: CallNode, block: BlockNode): ContainerModel {
  return {
    kind: "single",
    defineRange: node.range,
    defineNameRange: node.nameRange,
    blockParam: block.params[0]?.name ?? null,
    parent: null,
    children: [],
    namespaces: [],
    uidMappings: [],
    gidMappings: [],
    capabilities: { whitelist: [], blacklist: [], defaultWhitelist: true },
    mounts: [],
    independentMounts: [],
    ops: [],
  };
}

/**
 * A child copies the barn's state at the moment `barn.define` runs. Haconiwa's copy is shallow:
 * scalars are copied, while the namespace flags, capability lists and mount lists are shared, so
 * a child's `namespace.unshare` also reaches the barn and its siblings (§2.2).
 */
export function copyForChild(barn: ContainerModel, node: CallNode, block: BlockNode): ContainerModel {
  return {
    ...barn,
    kind: "child",
    defineRange: node.range,
    defineNameRange: node.nameRange,
    blockParam: block.params[0]?.name ?? null,
    parent: barn,
    children: [],
    uidMappings: [...barn.uidMappings],
    gidMappings: [...barn.gidMappings],
    ops: [...barn.ops],
  };
}

/** Records `op` on the container and applies its effect. `uncertain`: the op may not run. */
export function applyOp(c: ContainerModel, op: DslOp, uncertain: boolean): void {
  c.ops.push(op);
  const set = (key: SettingKey, value: Value | undefined = op.args[0]) => {
    if (!value) return;
    const prev = c[key];
    c[key] = { value: uncertain && prev ? either(op.range, [prev.value, value]) : value, range: op.range };
  };
  const implicit = (name: string) => activate(c, { name, how: "implicit", range: op.range });
  const m = op.method;
  switch (op.target) {
    case "":
    case "guid":
      switch (m) {
        case "name=": return set("name");
        case "hostname=": return set("hostname");
        case "init_command=": return set("initCommand");
        case "uid=": return set("uid");
        case "gid=": return set("gid");
        case "groups=": return set("groups");
        case "environ=": return set("environ");
        case "workdir=": return set("workdir");
        case "apparmor=": case "apparmor_profile=": return set("apparmor");
        case "daemonize!": c.daemonize = op.range; return;
        case "chroot_to":
          set("rootfs");
          // a new rootfs object: readonly back to true, owner back to 0:0 (§4.2)
          c.rootfsReadonly = undefined;
          c.rootfsOwner = undefined;
          return;
        case "rootfs_owner": return set("rootfsOwner");
        case "add_mount_point":
          c.mounts.push({ source: op.args[0], options: op.args[1] ?? { kind: "hash", entries: [], range: op.range }, range: op.range });
          return implicit("mount");
        case "mount_independent":
          c.independentMounts.push({ name: op.args[0], range: op.range });
          return implicit("mount");
        case "mount_independent_procfs":
          c.independentMounts.push({ name: { kind: "str", value: "procfs", range: op.nameRange }, range: op.range });
          return implicit("mount");
        case "lxcfs_root=":
          c.independentMounts.push({ name: { kind: "str", value: "procfs", range: op.nameRange }, range: op.range });
          return implicit("mount");
      }
      return;
    case "namespace":
      switch (m) {
        case "unshare": return activate(c, { name: nsName(op.args[0]), how: "unshare", range: op.range, path: option(op.args[1], "persist_in") });
        case "enter": return activate(c, { name: nsName(op.args[0]), how: "enter", range: op.range, path: op.args[1]?.kind === "hash" ? option(op.args[1], "via") : op.args[1] });
        case "use_netns": return activate(c, { name: "net", how: "enter", range: op.range, path: op.args[0] });
        case "set_uid_mapping": c.uidMappings.push({ value: op.args[0], range: op.range }); return implicit("user");
        case "set_gid_mapping": c.gidMappings.push({ value: op.args[0], range: op.range }); return implicit("user");
      }
      return;
    case "capabilities": {
      const caps = c.capabilities;
      if (m === "allow") {
        if (op.args[0]?.kind === "sym" && op.args[0].name === "all") {
          caps.whitelist.length = 0;
          caps.defaultWhitelist = false;
          caps.emptiedAt = op.range;
        } else for (const a of op.args) caps.whitelist.push({ name: a, range: a.range });
      } else if (m === "drop") for (const a of op.args) caps.blacklist.push({ name: a, range: a.range });
      else if (m === "reset_to_privileged!") {
        caps.whitelist.length = 0;
        caps.blacklist.length = 0;
        caps.defaultWhitelist = false;
        caps.emptiedAt = op.range;
      }
      return;
    }
    case "environ": {
      // `c.environ["K"] = v`, `store`, `merge!`, `update`: Haconiwa's environ hash starts empty
      const added = (m === "[]=" || m === "store") && op.args.length >= 2 ? [{ key: op.args[0], value: op.args[1] }]
        : (m === "merge!" || m === "update") && op.args[0]?.kind === "hash" ? op.args[0].entries : null;
      if (added) {
        const prev = c.environ?.value;
        const entries = prev?.kind === "hash" ? [...prev.entries, ...added] : added;
        const hash: Value = { kind: "hash", entries, range: op.range };
        c.environ = { value: prev && prev.kind !== "hash" ? either(op.range, [prev, hash]) : hash, range: op.range };
      } else if ((m === "merge!" || m === "update" || m === "replace") && op.args[0]) {
        c.environ = { value: op.args[0], range: op.range };
      }
      return;
    }
    case "rootfs":
      if (m === "readonly=") set("rootfsReadonly");
      return;
    case "filesystem":
      if (m === "use_legacy_chroot=") set("legacyChroot");
      return;
    case "seccomp":
      if (m === "filter") set("seccompDefault", option(op.args[0], "default") ?? { kind: "nil", range: op.range });
      return;
  }
}

type SettingKey = Exclude<{
  [K in keyof ContainerModel]-?: ContainerModel[K] extends Setting | undefined ? K : never;
}[keyof ContainerModel], undefined>;

function activate(c: ContainerModel, ns: NamespaceState): void {
  c.namespaces.push(ns);
}

/** "pid", :pid → "pid"; other values keep their text so rules can report them. */
export function nsName(v: Value | undefined): string {
  if (!v) return "";
  if (v.kind === "int") return `flag:${v.value}`;
  return asString(v) ?? "";
}

export function option(h: Value | undefined, key: string): Value | undefined {
  if (!h || h.kind !== "hash") return undefined;
  for (let i = h.entries.length - 1; i >= 0; i--) {
    const k = h.entries[i].key;
    if ((k.kind === "sym" && k.name === key) || (k.kind === "str" && k.value === key)) return h.entries[i].value;
  }
  return undefined;
}

/** The containers Haconiwa would start: a barn's children, or the define itself without children. */
export function runnableContainers(containers: ContainerModel[]): ContainerModel[] {
  return containers.filter((c) => c.kind !== "barn");
}

/** Whether a namespace is active (unshared, entered, or implied by another setting). */
export function hasNamespace(c: ContainerModel, name: string): boolean {
  return c.namespaces.some((n) => n.name === name);
}
