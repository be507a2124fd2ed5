// `hacolint explain <id>`: a rule's full documentation (the same text as docs/rules/<id>.md).
import type { Command } from "commander";
import { closest } from "../../config/validate.js";
import { ruleText } from "../../report/rule-docs.js";
import { UsageError } from "../errors.js";
import { allRules } from "../registry.js";

export function register(program: Command): void {
  program
    .command("explain")
    .description("show a rule's documentation: what, why, suEXEC items, examples, how to fix")
    .argument("<id>", "rule id (see `hacolint rules`)")
    .action((id: string) => {
      const rule = allRules().find((r) => r.meta.id === id);
      if (!rule) {
        const hint = closest(id, allRules().map((r) => r.meta.id));
        throw new UsageError(`unknown rule id "${id}"${hint ? `; did you mean "${hint}"?` : ""} (\`hacolint rules\` lists them)`);
      }
      process.stdout.write(ruleText(rule.meta));
    });
}
