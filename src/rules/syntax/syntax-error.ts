import type { Rule } from "../rule.js";

/** Text that is not valid Ruby: Haconiwa would fail to evaluate the file at all. */
export const rule: Rule = {
  meta: {
    id: "syntax-error",
    class: "syntax",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The Hacofile must be valid Ruby.",
      details: "Haconiwa evaluates the Hacofile with mruby; a syntax error stops every subcommand. hacolint recovers after the error and still lints the statements around it.",
      fix: "Correct the syntax at the reported position (a missing `end`, `)` or `,` is the usual cause).",
      examples: { invalid: ['Haconiwa.define do |c|\n  c.name = "x"\n'], valid: ['Haconiwa.define do |c|\n  c.name = "x"\nend\n'] },
    },
  },
  check({ model, report }) {
    for (const d of model.parse.diagnostics) if (d.kind === "syntax-error") report({ range: d.range, message: d.message });
  },
};
