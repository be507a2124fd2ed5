import type { Rule } from "../rule.js";
import { at, known, opsOf } from "./util.js";

/** environ= keys and values must be Strings (§3): anything else is a TypeError at exec. */
export const rule: Rule = {
  meta: {
    id: "environ-type",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`environ` keys and values must be Strings.",
      details: "The hash becomes init's whole environment at `execve`; a Symbol key or an Integer value raises TypeError when the container starts.",
      fix: "Quote keys and values: `c.environ = { \"WORKERS\" => \"4\" }`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.environ = { "WORKERS" => 4 }\nend\n', 'Haconiwa.define do |c|\n  c.environ = { lang: "C" }\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.environ = { "WORKERS" => "4", "LANG" => "C" }\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "environ=")) {
      for (const h of known(op.args[0])) {
        if (h.kind !== "hash") continue;
        for (const { key, value } of h.entries) {
          for (const k of known(key)) {
            if (k.kind !== "str") report({ range: at(op, k), message: `environment key ${k.kind === "sym" ? `:${k.name}` : k.kind} is not a String (TypeError at start): write it as "NAME"` });
          }
          for (const v of known(value)) {
            if (v.kind !== "str") report({ range: at(op, v), message: `environment value ${v.kind === "int" || v.kind === "float" ? v.value : v.kind} is not a String (TypeError at start): quote it` });
          }
        }
      }
    }
  },
};
