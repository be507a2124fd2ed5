// `hacolint rules`: the validation catalogue and every rule, as a table or JSON.
import type { Command } from "commander";
import { VALIDATIONS } from "../../catalogue/validations.js";
import { allRules } from "../registry.js";

export function register(program: Command): void {
  program
    .command("rules")
    .description("list the validation catalogue and all rules")
    .option("--json", "print JSON instead of tables")
    .action((options: { json?: boolean }) => {
      const rules = allRules().map(({ meta }) => ({
        id: meta.id, class: meta.class, severity: meta.severity, suexec: meta.suexec, harm: meta.harm,
        fixable: meta.fixable, summary: meta.docs.summary,
      }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ validations: VALIDATIONS, rules }, null, 2)}\n`);
        return;
      }
      const out = ["Validation catalogue (validation model v0.2):", ""];
      out.push(...table(["id", "class", "suEXEC", "define", "exit"], VALIDATIONS.map((v) =>
        [v.id, v.class, v.suexec.join(","), v.define ?? "(always compiled in)", String(v.exitCode)])));
      out.push("", `Rules (${rules.length}); \`hacolint explain <id>\` shows one in full:`, "");
      out.push(...table(["id", "class", "severity", "fix", "summary"], rules.map((r) =>
        [r.id, r.class, r.severity, r.fixable ? "yes" : "", r.summary])));
      process.stdout.write(`${out.join("\n")}\n`);
    });
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
