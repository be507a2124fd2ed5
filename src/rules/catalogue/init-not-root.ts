import type { ContainerModel, Setting } from "../../model/model.js";
import { option } from "../../model/container.js";
import type { Policy } from "../../policy/policy.js";
import type { Rule } from "../rule.js";
import { containerLabel, numericIds, origins, runnable, valueRange, wrapNote } from "../helpers.js";

/**
 * The init program must not run as uid 0 or gid 0 (suEXEC 7 and 9). Without `uid=`/`gid=`,
 * Haconiwa keeps the ids of the process that starts it: root for a privileged runtime.
 */
export const rule: Rule = {
  meta: {
    id: "init-not-root",
    class: "selectable",
    suexec: [7, 9],
    harm: ["launch", "escape"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The init program must not run as uid 0 or gid 0.",
      details:
        "A container started by a privileged runtime keeps the runtime's ids unless `uid=` and `gid=` are set, so its init runs as root. " +
        "Root inside the container holds the capabilities left in the bounding set and owns every file of the rootfs; a daemon that is tricked into starting it hands that power to whoever steered the start.",
      fix: "Set `config.uid` and `config.gid` to an unprivileged user and group of the rootfs, at or above the policy's `uidMin`/`gidMin`.",
      examples: {
        invalid: [
          'Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/app"\n  c.uid = 0\n  c.gid = 1000\n  c.init_command = ["/bin/app"]\nend\n',
          'Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/app"\n  c.init_command = ["/bin/app"]\nend\n',
        ],
        valid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/app"\n  c.uid = 1000\n  c.gid = 1000\n  c.init_command = ["/bin/app"]\nend\n'],
      },
    },
  },
  check({ model, policy, report }) {
    for (const c of runnable(model)) {
      for (const [kind, setting, maps] of [["uid", c.uid, c.uidMappings], ["gid", c.gid, c.gidMappings]] as const) {
        if (!setting) {
          report({ range: c.defineNameRange, message: `${containerLabel(c)} sets no ${kind}: init keeps the runtime's ${kind}, which is 0 for a privileged runtime; set config.${kind}` });
          continue;
        }
        for (const { value, id, written } of numericIds(setting)) {
          if (value.kind === "nil") {
            report({ range: valueRange(setting, value), message: `${containerLabel(c)} sets ${kind} to nil: init keeps the runtime's ${kind}, which is 0 for a privileged runtime`, related: origins(value) });
            continue;
          }
          if (id !== 0 || mappedAway(id, maps, policy, kind)) continue;
          report({ range: valueRange(setting, value), message: `${containerLabel(c)} runs init with ${kind} 0 (root)${wrapNote(id, written)}`, related: origins(value) });
        }
      }
    }
  },
};

/** With allowMappedRoot, uid 0 inside is fine when a mapping puts it at an allowed host id. */
function mappedAway(id: number, maps: Setting[], policy: Policy, kind: "uid" | "gid"): boolean {
  if (!policy.allowMappedRoot) return false;
  const host = hostId(id, maps);
  return host !== null && host !== 0 && host >= (kind === "uid" ? policy.uidMin : policy.gidMin);
}

/** Haconiwa writes `min offset max`: inside ids min..min+max-1 map to offset.. on the host. */
export function hostId(id: number, maps: Setting[]): number | null {
  for (const m of maps) {
    const min = option(m.value, "min");
    const max = option(m.value, "max");
    const offset = option(m.value, "offset");
    if (min?.kind !== "int" || max?.kind !== "int" || offset?.kind !== "int") continue;
    if (id >= min.value && id < min.value + max.value) return offset.value + (id - min.value);
  }
  return null;
}

export type { ContainerModel };
