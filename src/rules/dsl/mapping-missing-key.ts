import type { Rule } from "../rule.js";
import { hasKey, kwargs, opsOf } from "./util.js";

/** set_uid_mapping/set_gid_mapping raise unless min:, max: and offset: are all given (§4.1). */
export const rule: Rule = {
  meta: {
    id: "mapping-missing-key",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`set_uid_mapping`/`set_gid_mapping` need `min:`, `max:` and `offset:`.",
      details: "The mapping is written as `<min> <offset> <max>` into uid_map/gid_map. Haconiwa raises a RuntimeError while evaluating the file when any of the three keys is missing.",
      fix: "Give all three: `min:` (first id inside), `offset:` (first id on the host), `max:` (how many ids).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, offset: 100000\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "namespace", "set_uid_mapping", "set_gid_mapping")) {
      const h = kwargs(op);
      if (op.args.length > 0 && !h) continue; // a hash we cannot see
      const missing = ["min", "max", "offset"].filter((k) => hasKey(h, k) !== true);
      if (missing.length === 0) continue;
      report({ range: op.range, message: `${op.method} is missing ${missing.map((k) => k + ":").join(", ")} (RuntimeError at evaluation): give min:, max: and offset:` });
    }
  },
};
