import type { Rule } from "../rule.js";

/** A Hacofile must define a container: Haconiwa takes the file's last value as the configuration. */
export const rule: Rule = {
  meta: {
    id: "no-define",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "A Hacofile must call `Haconiwa.define` with a block.",
      details:
        "Haconiwa evaluates the file and calls `hacofile=` on its last value; without a `Haconiwa.define do |c| ... end` block there is no container and every subcommand fails with NoMethodError. " +
        "An empty file, a file of helpers only, or `Haconiwa.define` without a block is reported once, at the start of the file (or at the blockless call).",
      fix: "End the file with `Haconiwa.define do |config| ... end`.",
      examples: {
        invalid: ['puts "hello"\n', "Haconiwa.define\n"],
        valid: ['Haconiwa.define do |c|\n  c.name = "x"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    if (model.containers.length > 0 || model.parse.diagnostics.some((d) => d.kind === "syntax-error")) return;
    const start = model.parse.program.range.start;
    const blockless = model.parse.program.body.find((n) => n.type === "Call" && n.name === "define" && !n.block);
    report({
      range: blockless && blockless.type === "Call" ? blockless.nameRange : { start, end: start },
      message: blockless ? "Haconiwa.define without a block defines no container: add `do |config| ... end`" : "no container is defined: the file must end with `Haconiwa.define do |config| ... end`",
    });
  },
};
