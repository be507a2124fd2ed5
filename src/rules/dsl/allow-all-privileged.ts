import type { Rule } from "../rule.js";
import { DEFAULT_CAPABILITIES } from "../../model/container.js";
import { runnable } from "../helpers.js";

/** `allow :all` / `reset_to_privileged!` without any drop leaves the full bounding set (§4.3). */
export const rule: Rule = {
  meta: {
    id: "allow-all-privileged",
    class: "hardening",
    suexec: [],
    harm: ["escape"],
    severity: "warning",
    fixable: true,
    docs: {
      summary: "`capabilities.allow :all` without drops runs the container fully privileged.",
      details: "`allow :all` (and `reset_to_privileged!`) empties the whitelist; with an empty blacklist no capability is removed from the bounding set, so root in the container keeps CAP_SYS_ADMIN, CAP_SYS_MODULE and the rest — enough to escape.",
      fix: "List what the container needs with `allow \"cap_...\"`, or drop the dangerous ones after `allow :all`. The quick fix replaces `allow :all` with Haconiwa's default 11 capabilities written out; add what the workload needs on top.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.capabilities.allow :all\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.capabilities.allow :all\n  c.capabilities.drop "cap_sys_admin", "cap_sys_module"\nend\n', 'Haconiwa.define do |c|\n  c.capabilities.allow "cap_net_bind_service"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      const caps = c.capabilities;
      if (!caps.emptiedAt || caps.whitelist.length > 0 || caps.blacklist.length > 0) continue;
      const at = caps.emptiedAt;
      const op = c.ops.find((o) => o.range.start.offset === at.start.offset && o.range.end.offset === at.end.offset);
      const allowAll = op?.method === "allow";
      const message = `${allowAll ? "allow :all" : "reset_to_privileged!"} without any drop keeps every capability: list the needed ones with allow, or drop the dangerous ones`;
      // the fix is safe only for a plain `x.allow :all` written once: same container state whether it runs or not
      const arg = op?.argNodes[0];
      const fixable = allowAll && op && op.args.length === 1 && arg?.type === "Sym" && !op.block &&
        c.ops.filter((o) => o.target === "capabilities" && (o.method === "reset_to_privileged!" || o.method === "allow")).length === 1;
      if (!fixable || !op || !arg) {
        report({ range: at, message });
        continue;
      }
      report({
        range: at,
        message,
        fix: {
          title: "Replace allow :all with Haconiwa's default capabilities",
          edits: [{ range: arg.range, newText: DEFAULT_CAPABILITIES.map((n) => JSON.stringify(n)).join(", ") }],
        },
      });
    }
  },
};
