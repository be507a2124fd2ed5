import type { Rule } from "../rule.js";

/** `Haconiwa::Base.define` was removed upstream: it raises while the Hacofile is evaluated (§2.1). */
export const rule: Rule = {
  meta: {
    id: "legacy-base-define",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`Haconiwa::Base.define` no longer exists; use `Haconiwa.define`.",
      details: "Old samples start with `Haconiwa::Base.define`. Current Haconiwa raises a RuntimeError for it while evaluating the file, so every subcommand fails before anything starts.",
      fix: "Write `Haconiwa.define do |c| ... end` instead and review the settings for removed options.",
      examples: {
        invalid: ['Haconiwa::Base.define do |c|\n  c.name = "old"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.name = "new"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const range of model.legacyDefines) {
      report({ range, message: "Haconiwa::Base.define was removed and raises at evaluation: use Haconiwa.define" });
    }
  },
};
