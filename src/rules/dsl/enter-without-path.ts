import type { Rule } from "../rule.js";
import { opsOf, option } from "./util.js";

/** namespace.enter needs the namespace file: `enter "net", via: "/path"` or `enter "net", "/path"` (§4.1). */
export const rule: Rule = {
  meta: {
    id: "enter-without-path",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`namespace.enter` needs the path of the namespace file to join.",
      details: "Joining an existing namespace needs its file (e.g. `/var/run/netns/web`). Without `via:` or a second argument Haconiwa raises a RuntimeError while evaluating the file.",
      fix: "Pass the file: `c.namespace.enter \"net\", via: \"/var/run/netns/<name>\"`, or use `unshare` for a new namespace.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.namespace.enter "net"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.namespace.enter "net", via: "/var/run/netns/web"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "namespace", "enter")) {
      const second = op.args[1];
      const path = second?.kind === "hash" ? option(second, "via") : second;
      if (path && path.kind !== "nil") continue;
      report({ range: op.range, message: "namespace.enter without a path raises at evaluation: add via: \"/path/to/ns-file\"" });
    }
  },
};
