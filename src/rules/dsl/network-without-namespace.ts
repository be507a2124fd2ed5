import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";

/** network.container_ip= enables networking, which needs network.namespace= (§4.9). */
export const rule: Rule = {
  meta: {
    id: "network-without-namespace",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "Setting `network.container_ip` needs `network.namespace` too.",
      details: "A container IP turns the network feature on; the supervisor then creates or joins `/var/run/netns/<namespace>` and raises ArgumentError at start when no namespace name is set.",
      fix: "Name the network namespace: `c.network.namespace = \"web\"`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.network.container_ip = "10.0.0.2"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.network.namespace = "web"\n  c.network.container_ip = "10.0.0.2"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      const net = c.ops.filter((o) => o.target === "network");
      const ip = [...net].reverse().find((o) => o.method === "container_ip=");
      if (!ip || ip.args[0]?.kind === "nil") continue;
      const ns = [...net].reverse().find((o) => o.method === "namespace=");
      if (ns && ns.args[0]?.kind !== "nil") continue;
      report({ range: ip.range, message: "network.container_ip is set but network.namespace is not (ArgumentError at start): set c.network.namespace = \"<name>\"" });
    }
  },
};
