import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";

/** drop only works in blacklist mode, i.e. after the whitelist was emptied (§4.3). */
export const rule: Rule = {
  meta: {
    id: "capability-drop-ignored",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`capabilities.drop` has no effect while the whitelist is in use.",
      details: "With a non-empty whitelist (Haconiwa's default 11 names, or names added by `allow`) every capability outside it is removed and the blacklist is ignored. A `drop` therefore does nothing unless `reset_to_privileged!` or `allow :all` emptied the whitelist (and `reset_to_privileged!` afterwards clears earlier drops).",
      fix: "Either list what the container needs with `allow` (whitelist mode), or call `c.capabilities.reset_to_privileged!` before the drops (blacklist mode).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.capabilities.drop "cap_chown"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.capabilities.reset_to_privileged!\n  c.capabilities.drop "cap_sys_admin"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      const caps = c.capabilities;
      const whitelistMode = caps.defaultWhitelist || caps.whitelist.length > 0;
      const kept = new Set(caps.blacklist.map((b) => b.range.start.offset));
      for (const op of c.ops.filter((o) => o.target === "capabilities" && o.method === "drop")) {
        if (whitelistMode) {
          report({ range: op.range, message: "drop has no effect: the capability whitelist is in use, so the blacklist is ignored; remove the name from allow, or call reset_to_privileged! first" });
        } else if (op.args.some((a) => !kept.has(a.range.start.offset))) {
          report({ range: op.range, message: "this drop is cleared by a later reset_to_privileged!: move it after the reset" });
        }
      }
    }
  },
};
