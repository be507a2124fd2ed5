import type { Rule } from "../rule.js";
import { containerLabel, numericIds, runnable, valueRange } from "../helpers.js";
import { hostId } from "./init-not-root.js";

/**
 * The runtime must be able to become the init user and group (suEXEC 11). Statically: with a user
 * namespace mapping, setuid/setgid to an id outside the mapping fails (EINVAL).
 */
export const rule: Rule = {
  meta: {
    id: "identity-switchable",
    class: "always-error",
    suexec: [11],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The runtime must be able to become the init user and group.",
      details:
        "Inside a user namespace only mapped ids exist. `set_uid_mapping(min:, max:, offset:)` maps `max` ids (a count, not an upper bound) starting at `min`; a `uid=` outside that range cannot be switched to and the start fails. " +
        "Whether the runtime holds CAP_SETUID/CAP_SETGID is checked by the baked runtime check.",
      fix: "Widen the mapping (`max:` is a count) or pick a uid/gid inside it.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 1000, offset: 100000\n  c.uid = 1000\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\n  c.uid = 1000\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      for (const [kind, setting, maps] of [["uid", c.uid, c.uidMappings], ["gid", c.gid, c.gidMappings]] as const) {
        if (!maps.length) continue;
        for (const { value, id } of numericIds(setting)) {
          if (id === null || hostId(id, maps) !== null) continue;
          report({ range: valueRange(setting!, value), message: `${containerLabel(c)} switches to ${kind} ${id}, which its ${kind} mapping does not cover (max: is a count of ids)`, related: maps.map((m) => ({ message: `${kind} mapping`, range: m.range })) });
        }
      }
    }
  },
};
