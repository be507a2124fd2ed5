import type { Rule } from "../rule.js";
import { hasNamespace } from "../../model/container.js";
import { runnable } from "../helpers.js";

/** hostname= is applied only when the uts namespace is unshared (§3). */
export const rule: Rule = {
  meta: {
    id: "hostname-without-uts",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`hostname=` has no effect without the uts namespace.",
      details: "Haconiwa calls `sethostname` only when `uts` is unshared; otherwise the setting is silently ignored and the container sees the host's name.",
      fix: "Add `c.namespace.unshare \"uts\"`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.hostname = "web"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.namespace.unshare "uts"\n  c.hostname = "web"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      if (!c.hostname || hasNamespace(c, "uts")) continue;
      report({ range: c.hostname.range, message: "hostname= is ignored without the uts namespace: add c.namespace.unshare \"uts\"" });
    }
  },
};
