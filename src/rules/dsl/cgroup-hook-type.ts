import type { Rule } from "../rule.js";
import { at, kwargs, known, nameOf, opsOf, option } from "./util.js";

/** add_cgroup_hook type: must be memory_pressure or oom (§4.12). */
export const rule: Rule = {
  meta: {
    id: "cgroup-hook-type",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`add_cgroup_hook` needs `type: \"memory_pressure\"` or `type: \"oom\"`.",
      details: "Haconiwa raises a RuntimeError while evaluating the file when `type:` is missing or names anything else.",
      fix: "Set `type: :memory_pressure` (optionally with `level:`) or `type: :oom`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.add_cgroup_hook type: :memory do |base|\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_cgroup_hook type: :memory_pressure, level: "critical" do |base|\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "add_cgroup_hook")) {
      const h = kwargs(op);
      if (op.args.length > 0 && !h) continue;
      const type = option(h, "type");
      if (!type || type.kind === "nil") {
        report({ range: op.range, message: "add_cgroup_hook without type: raises at evaluation: add type: :memory_pressure or type: :oom" });
        continue;
      }
      for (const v of known(type)) {
        const name = nameOf(v);
        if (name === "memory_pressure" || name === "oom") continue;
        report({ range: at(op, v), message: `cgroup hook type ${name !== undefined ? `"${name}"` : v.kind} is unknown (RuntimeError at evaluation): use :memory_pressure or :oom` });
      }
    }
  },
};
