import type { Rule } from "../rule.js";
import { hasNamespace } from "../../model/container.js";
import { containerLabel, numericIds, runnable } from "../helpers.js";

/** uid 0 without a user namespace is the host's root (harm: escape). */
export const rule: Rule = {
  meta: {
    id: "root-without-user-namespace",
    class: "hardening",
    suexec: [],
    harm: ["escape"],
    severity: "info",
    fixable: false,
    docs: {
      summary: "Root in the container without a user namespace is root on the host.",
      details: "When init runs as uid 0 (the default) and no user namespace maps it, any escape from the other isolation layers lands as the host's real root.",
      fix: "Run init as a non-root uid, or map ids with `c.namespace.set_uid_mapping`/`set_gid_mapping` (which unshares the user namespace).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.uid = 0\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.uid = 1000\nend\n', 'Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\n  c.namespace.set_gid_mapping min: 0, max: 65536, offset: 100000\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      if (hasNamespace(c, "user")) continue;
      const ids = numericIds(c.uid);
      const root = !c.uid || ids.some((i) => i.id === 0);
      if (!root) continue;
      report({
        range: c.uid ? c.uid.range : c.defineNameRange,
        message: `${containerLabel(c)} runs as uid 0 without a user namespace, i.e. as the host's root: set a non-root uid or map ids with set_uid_mapping`,
      });
    }
  },
};
