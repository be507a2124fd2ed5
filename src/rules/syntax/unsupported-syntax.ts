import type { Rule } from "../rule.js";

/** Ruby that parses but that hacolint does not evaluate; values it produces are unknown. */
export const rule: Rule = {
  meta: {
    id: "unsupported-syntax",
    class: "syntax",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Constructs outside the evaluated Ruby subset make values unknown.",
      details:
        "`case`, loops, `class`, lambdas, regular expressions, `&.`, splats and multiple assignment are valid Ruby that no Hacofile needs. hacolint parses them, analyses the rest of the file, and treats what they produce as unknown, so a finding may be missed there.",
      fix: "Prefer the plain forms (`if`, literal arrays, `each` over literals), or suppress with a reason.",
      examples: { invalid: ['mode = case ENV["M"]\n       when "a" then 1\n       end\nHaconiwa.define do |c|\nend\n'], valid: ['mode = 1\nHaconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, report }) {
    for (const d of model.parse.diagnostics) if (d.kind === "unsupported-syntax") report({ range: d.range, message: d.message });
  },
};
