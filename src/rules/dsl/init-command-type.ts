import type { Rule } from "../rule.js";
import { at, known, opsOf } from "./util.js";

/** init_command elements are passed to execve and must be Strings (§4.10). */
export const rule: Rule = {
  meta: {
    id: "init-command-type",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`init_command` must be a String or an Array of Strings.",
      details: "Every element becomes an execve argument through `to_str`; an Integer such as `[\"/bin/sleep\", 30]` raises TypeError when the container starts.",
      fix: "Quote every element: `c.init_command = [\"/bin/sleep\", \"30\"]`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.init_command = ["/bin/sleep", 30]\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.init_command = ["/bin/sleep", "30"]\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "init_command=")) {
      for (const v of known(op.args[0])) {
        const items = v.kind === "array" ? v.items : [v];
        for (const item of items.flatMap(known)) {
          if (item.kind === "str" || item.kind === "path") continue;
          report({ range: at(op, item), message: `init_command element ${item.kind === "int" || item.kind === "float" ? item.value : item.kind} is not a String (TypeError at start): quote it` });
        }
      }
    }
  },
};
