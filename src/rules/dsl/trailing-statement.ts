import type { Rule } from "../rule.js";

/** The file's last expression must be the define: Haconiwa calls hacofile= on it (§1). */
export const rule: Rule = {
  meta: {
    id: "trailing-statement",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "Nothing may follow the `Haconiwa.define` block at the top level.",
      details: "Haconiwa takes the value of the file's last expression as the configuration and calls `hacofile=` on it. A statement after the define makes every subcommand fail with NoMethodError.",
      fix: "Move the statement before `Haconiwa.define`, or into the define block.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.name = "web"\nend\nputs "defined"\n'],
        valid: ['greeting = "defined"\nHaconiwa.define do |c|\n  c.name = "web"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    if (model.trailingStatement) {
      report({ range: model.trailingStatement, message: "statement after the define: Haconiwa would call hacofile= on its value and fail; make Haconiwa.define the last expression" });
    }
  },
};
