import type { Rule } from "../rule.js";
import { at, kwargs, opsOf, option } from "./util.js";

/** max: of set_uid/gid_mapping is the number of ids, not the last id (§4.1). */
export const rule: Rule = {
  meta: {
    id: "mapping-max-is-count",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "info",
    fixable: false,
    docs: {
      summary: "`max:` in `set_uid_mapping`/`set_gid_mapping` is a count, not an upper bound.",
      details: "The mapping line is `<min> <offset> <max>`: `max` ids starting at `min`. `min: 0, max: 65535` maps 65535 ids (0..65534), not 0..65535; `min: 1000, max: 1999` maps 1999 ids.",
      fix: "Write the number of ids: to map `min`..`last`, use `max: last - min + 1` (e.g. `max: 65536`).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65535, offset: 100000\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "namespace", "set_uid_mapping", "set_gid_mapping")) {
      const h = kwargs(op);
      const min = option(h, "min");
      const max = option(h, "max");
      if (!min || !max || min.kind !== "int" || max.kind !== "int") continue;
      const looksLikeBound = max.value >= min.value && (max.value % 1000 === 999 || max.value % 65536 === 65535 || (min.value > 0 && max.value > min.value));
      if (!looksLikeBound) continue;
      report({
        range: at(op, max),
        message: `max: ${max.value} is a count: this maps ids ${min.value}..${min.value + max.value - 1}; to end at ${max.value} write max: ${max.value - min.value + 1}`,
      });
    }
  },
};
