import type { Rule } from "../rule.js";
import { lookupCapability } from "./capabilities.js";
import { at, known, opsOf } from "./util.js";

/** libcap accepts "CAP_KILL", "12" or "cap_kill," — but only the canonical spelling is clear (§4.3). */
export const rule: Rule = {
  meta: {
    id: "capability-spelling",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: true,
    docs: {
      summary: "Write capability names in their canonical lower-case `cap_*` spelling.",
      details: "libcap compares names case-insensitively, takes a numeric string as the raw capability number and ignores trailing punctuation, so `\"CAP_SYS_TIME\"`, `\"25\"` or `\"cap_kill,\"` work, but they hide which capability is meant from readers and from tools that compare names.",
      fix: "Replace the name by its canonical spelling (the quick fix does this).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.capabilities.allow "CAP_SYS_TIME"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.capabilities.allow "cap_sys_time"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "capabilities", "allow", "drop")) {
      for (const arg of op.args) {
        for (const v of known(arg)) {
          if (v.kind !== "str") continue;
          const r = lookupCapability(v.value);
          if (!r.ok || r.exact) continue;
          const range = at(op, v);
          const literal = range === v.range && op.argNodes.some((n) => n.type === "Str" && n.range.start.offset === v.range.start.offset && n.range.end.offset === v.range.end.offset);
          report({
            range,
            message: `capability "${v.value}" resolves to ${r.canonical}: write "${r.canonical}"`,
            ...(literal ? { fix: { title: `Write "${r.canonical}"`, edits: [{ range, newText: JSON.stringify(r.canonical) }] } } : {}),
          });
        }
      }
    }
  },
};
