// The evaluated model of a Hacofile: what each container would be configured with, computed
// statically. Values carry where they came from, or why they cannot be known.
import type { BlockNode, Node, ParseResult, Range } from "../ast/nodes.js";

/** Where launch-time input comes from; such a value is steered by whoever starts the container. */
export type InputSource = "env" | "argv" | "command" | "file" | "time" | "random";

interface ValueBase {
  /** Where this value is written in the file. */
  range: Range;
  /** Places it flowed through before use (e.g. the local variable's assignment), oldest first. */
  via?: Range[];
}

export type Value =
  | (ValueBase & { kind: "str"; value: string })
  | (ValueBase & { kind: "int"; value: number })
  | (ValueBase & { kind: "float"; value: number })
  | (ValueBase & { kind: "sym"; name: string })
  | (ValueBase & { kind: "bool"; value: boolean })
  | (ValueBase & { kind: "nil" })
  | (ValueBase & { kind: "path"; value: string })
  | (ValueBase & { kind: "array"; items: Value[] })
  | (ValueBase & { kind: "hash"; entries: { key: Value; value: Value }[] })
  | (ValueBase & { kind: "range"; low: number; high: number; exclusive: boolean })
  /** A value that cannot be known statically. `source` is set when launch-time input steers it. */
  | (ValueBase & { kind: "unknown"; reason: string; source?: InputSource })
  /** One of several values, e.g. `ENV["X"] || "default"` or the two branches of an `if`. */
  | (ValueBase & { kind: "either"; options: Value[] });

export type ValueKind = Value["kind"];

/** A setting as last assigned: the value and the whole assignment or call that set it. */
export interface Setting {
  value: Value;
  range: Range;
}

/**
 * One DSL operation on a container or its sub-objects, in evaluation order. Rules about DSL
 * correctness (hacofile-dsl.md §5) read these; security rules read the resolved fields.
 */
export interface DslOp {
  /** Global evaluation order across the file. */
  seq: number;
  /** Sub-object the method was called on: "" for the container, else "namespace", "capabilities",
   *  "rootfs", "filesystem", "network", "guid", "command", "cgroup", "cgroupv2", "resource",
   *  "seccomp", "bootstrap", "provision", "checkpoint", "metadata", "seccomp-rule". */
  target: string;
  /** Method name as written; attribute writes end in "=", index writes are "[]=". */
  method: string;
  /** Evaluated arguments; keyword arguments are a trailing "hash" value. */
  args: Value[];
  argNodes: Node[];
  node: Node;
  range: Range;
  nameRange: Range;
  block: BlockNode | null;
  /** True when the op ran inside a `cgroup do`/`resource do` block (reloadable form). */
  inReloadBlock?: boolean;
}

export interface NamespaceState {
  /** Normalised name: ipc, net, mount, pid, user, uts (or the raw value for unknown ones). */
  name: string;
  how: "unshare" | "enter" | "implicit";
  /** The op that activated it; for implicit ones, the op that implied it. */
  range: Range;
  /** For enter: the namespace file; for unshare: the persist_in option. */
  path?: Value;
}

export interface CapabilityState {
  /** Names in the whitelist, in order (empty = blacklist mode). */
  whitelist: { name: Value; range: Range }[];
  blacklist: { name: Value; range: Range }[];
  /** Whether the whitelist still holds Haconiwa's default 11 names. */
  defaultWhitelist: boolean;
  /** Where `allow :all` / `reset_to_privileged!` emptied the whitelist, if it did. */
  emptiedAt?: Range;
}

export interface MountState {
  source: Value;
  /** The options hash (to:, fs:, readonly:, ...). */
  options: Value;
  range: Range;
}

export interface ContainerModel {
  /** "single": one Haconiwa.define; "barn": a define with children; "child": barn.define. */
  kind: "single" | "barn" | "child";
  /** The define call: where container-wide findings (a missing setting) are reported. */
  defineRange: Range;
  /** The `Haconiwa.define` / `x.define` name token, a tight range for such findings. */
  defineNameRange: Range;
  blockParam: string | null;
  parent: ContainerModel | null;
  children: ContainerModel[];
  /** When inside N.times/each: the iteration this child was defined in, for messages. */
  iteration?: string;

  name?: Setting;
  hostname?: Setting;
  initCommand?: Setting;
  uid?: Setting;
  gid?: Setting;
  groups?: Setting;
  /** chroot_to */
  rootfs?: Setting;
  rootfsReadonly?: Setting;
  rootfsOwner?: Setting;
  environ?: Setting;
  workdir?: Setting;
  apparmor?: Setting;
  seccompDefault?: Setting;
  daemonize?: Range;
  legacyChroot?: Setting;

  namespaces: NamespaceState[];
  uidMappings: Setting[];
  gidMappings: Setting[];
  capabilities: CapabilityState;
  mounts: MountState[];
  independentMounts: { name: Value; range: Range }[];
  /** Operations on this container and its sub-objects, in order (shared sub-objects included). */
  ops: DslOp[];
}

export interface SideEffect {
  kind: "system" | "backtick" | "file" | "process" | "exec" | "eval";
  range: Range;
  description: string;
}

/** Something the evaluator could not follow; informational, reported by the `evaluation-limit` rule. */
export interface EvaluationNote {
  range: Range;
  message: string;
}

export interface FileModel {
  filePath: string;
  text: string;
  parse: ParseResult;
  /** Top-level containers first, then children in definition order. */
  containers: ContainerModel[];
  sideEffects: SideEffect[];
  notes: EvaluationNote[];
  /** Top-level statement after the last define call (Haconiwa would call hacofile= on it). */
  trailingStatement?: Range;
  /** `Haconiwa::Base.define` calls (removed upstream). */
  legacyDefines: Range[];
  /** Values the evaluator resolved, by source offset of the node, for editor hover. */
  resolved: Map<number, { range: Range; value: Value }>;
}
