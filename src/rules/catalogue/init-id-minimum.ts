import type { Rule } from "../rule.js";
import { containerLabel, numericIds, origins, runnable, valueRange, wrapNote } from "../helpers.js";

/** The init uid and gid must be at least the policy's minimums (suEXEC 8 and 10). */
export const rule: Rule = {
  meta: {
    id: "init-id-minimum",
    class: "selectable",
    suexec: [8, 10],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The init uid and gid must be at least the configured minimums.",
      details:
        "Ids below `uidMin`/`gidMin` belong to system accounts (daemon, bin, mail, ...), which own files and hold group memberships an application should not have. " +
        "uid/gid 0 is reported by `init-not-root`; this rule covers the ids between 1 and the minimum.",
      fix: "Use an application user and group whose ids are at or above the policy's `uidMin` and `gidMin` (default 1000).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.uid = 33\n  c.gid = 1000\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.uid = 1000\n  c.gid = 1000\nend\n'],
      },
    },
  },
  check({ model, policy, report }) {
    for (const c of runnable(model)) {
      for (const [kind, setting, min] of [["uid", c.uid, policy.uidMin], ["gid", c.gid, policy.gidMin]] as const) {
        for (const { value, id, written } of numericIds(setting)) {
          if (id === null || id === 0 || id >= min) continue;
          report({ range: valueRange(setting!, value), message: `${containerLabel(c)} runs init with ${kind} ${id}, below the policy minimum ${min}${wrapNote(id, written)}`, related: origins(value) });
        }
      }
    }
  },
};
