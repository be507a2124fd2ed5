import type { Rule } from "../rule.js";
import { kwargs, opsOf, option } from "./util.js";

/** seccomp.filter raises unless default: is given (§4.7). */
export const rule: Rule = {
  meta: {
    id: "seccomp-filter-without-default",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`seccomp.filter` needs a `default:` action.",
      details: "The default action decides what happens to every syscall no rule matches. Haconiwa raises a RuntimeError while evaluating the file when `default:` is missing or nil.",
      fix: "Add `default: :allow` (deny-list style) or `default: :kill` (allow-list style; then allow at least setuid, setgid, setgroups and execve).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.seccomp.filter do |rule|\n    rule.kill :ptrace\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.seccomp.filter(default: :allow) do |rule|\n    rule.kill :ptrace\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "seccomp", "filter")) {
      const h = kwargs(op);
      if (op.args.length > 0 && !h) continue;
      const d = option(h, "default");
      if (d && d.kind !== "nil") continue;
      report({ range: op.nameRange, message: "seccomp.filter without default: raises at evaluation: add default: :allow or default: :kill" });
    }
  },
};
