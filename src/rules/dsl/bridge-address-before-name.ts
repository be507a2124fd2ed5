import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";

/** bridge_name= reads the bridge's address from the host and overwrites bridge_ip/netmask (§4.9). */
export const rule: Rule = {
  meta: {
    id: "bridge-address-before-name",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Set `network.bridge_ip=`/`netmask=` after `bridge_name=`.",
      details: "`bridge_name=` immediately queries the host for the bridge's address and overwrites `bridge_ip` and `netmask`, so values set before it are silently replaced.",
      fix: "Move `bridge_ip=`/`netmask=` below `bridge_name=`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.network.bridge_ip = "10.1.0.1"\n  c.network.bridge_name = "br1"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.network.bridge_name = "br1"\n  c.network.bridge_ip = "10.1.0.1"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      const net = c.ops.filter((o) => o.target === "network");
      for (const op of net.filter((o) => o.method === "bridge_ip=" || o.method === "netmask=")) {
        const later = net.find((o) => o.method === "bridge_name=" && o.seq > op.seq);
        if (!later) continue;
        report({
          range: op.range,
          message: `network.${op.method} is overwritten by bridge_name= on line ${later.range.start.line}: set it after bridge_name=`,
          related: [{ message: "bridge_name= reads the address from the host here", range: later.range }],
        });
      }
    }
  },
};
