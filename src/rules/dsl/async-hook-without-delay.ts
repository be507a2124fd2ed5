import type { Rule } from "../rule.js";
import { hasKey, kwargs, opsOf } from "./util.js";

/** add_async_hook (alias after_spawn) needs a first delay: msec:, sec:, min: or hour: (§4.12). */
export const rule: Rule = {
  meta: {
    id: "async-hook-without-delay",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`add_async_hook` needs one of `msec:`, `sec:`, `min:`, `hour:`.",
      details: "The first delay of the timer is taken from `msec:`, `sec:`, `min:` or `hour:`; `interval_msec:` only sets the repeat period. Without a delay key Haconiwa raises ArgumentError while evaluating the file.",
      fix: "Add the first delay, e.g. `c.add_async_hook sec: 5, interval_msec: 5000 do |base| ... end`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.add_async_hook interval_msec: 1000 do |base|\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_async_hook msec: 1000, interval_msec: 1000 do |base|\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "add_async_hook", "after_spawn")) {
      const h = kwargs(op);
      if (op.args.length > 0 && !h) continue;
      if (["msec", "sec", "min", "hour"].some((k) => hasKey(h, k))) continue;
      report({ range: op.range, message: `${op.method} without msec:, sec:, min: or hour: raises ArgumentError at evaluation: add the first delay` });
    }
  },
};
