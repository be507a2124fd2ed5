import type { Rule } from "../rule.js";
import { at, known, opsOf } from "./util.js";

/** support_reload takes the Symbols :cgroup and :resource only (§4.13). */
export const rule: Rule = {
  meta: {
    id: "support-reload-argument",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`support_reload` accepts only the Symbols `:cgroup` and `:resource`.",
      details: "Anything else — a String such as `\"cgroup\"` or another name — raises ArgumentError while evaluating the file.",
      fix: "Write `c.support_reload :cgroup, :resource` (either or both).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.daemonize!\n  c.support_reload "cgroup"\n  c.cgroup do |cg|\n    cg["pids.max"] = 64\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.daemonize!\n  c.support_reload :cgroup\n  c.cgroup do |cg|\n    cg["pids.max"] = 64\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "support_reload")) {
      for (const arg of op.args) {
        for (const v of known(arg)) {
          if (v.kind === "sym" && (v.name === "cgroup" || v.name === "resource")) continue;
          const hint = v.kind === "str" && (v.value === "cgroup" || v.value === "resource") ? `; write :${v.value}` : "";
          report({ range: at(op, v), message: `support_reload accepts only :cgroup and :resource (ArgumentError at evaluation)${hint}` });
        }
      }
    }
  },
};
