import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";
import { nameOf } from "./util.js";

/** General hooks are kept in a Hash by point: a second hook replaces the first (§4.12). */
export const rule: Rule = {
  meta: {
    id: "duplicate-hook-point",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Only the last `add_general_hook` for a point runs.",
      details: "Haconiwa stores general hooks in a Hash keyed by point, so registering the same point twice silently discards the earlier hook.",
      fix: "Merge the hook bodies into one block.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.add_general_hook :after_fork do |base|\n  end\n  c.add_general_hook :after_fork do |base|\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_general_hook :after_fork do |base|\n  end\n  c.add_general_hook :before_chroot do |base|\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      const hooks = c.ops.filter((o) => o.target === "" && o.method === "add_general_hook");
      hooks.forEach((op, i) => {
        const point = nameOf(op.args[0]);
        if (point === undefined) return;
        const later = hooks.slice(i + 1).find((o) => nameOf(o.args[0]) === point);
        if (!later) return;
        report({
          range: op.range.start.line === op.range.end.line ? op.range : op.nameRange,
          message: `this :${point} hook is replaced by the one on line ${later.range.start.line} (last wins): merge them into one block`,
          related: [{ message: "the hook that wins", range: later.nameRange }],
        });
      });
    }
  },
};
