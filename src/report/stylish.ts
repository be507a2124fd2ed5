// Default human format: a header per file, one aligned line per finding, then a summary.
// Each line starts with path:line:col so terminals and editors can jump to it.
import type { Severity } from "../lint/diagnostic.js";
import { paint } from "./color.js";
import { sortedDiagnostics, type Formatter } from "./types.js";

export const stylish: Formatter = (files, context) => {
  const p = paint(context.color);
  const colour: Record<Severity, (s: string) => string> = { error: p.red, warning: p.yellow, info: p.cyan };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  const out: string[] = [];
  for (const file of files) {
    if (file.diagnostics.length === 0) continue;
    const rows = sortedDiagnostics(file.diagnostics).map((d) => {
      counts[d.severity]++;
      if (d.fix) fixable++;
      return [`${file.filePath}:${d.range.start.line}:${d.range.start.column}`, d.severity, d.message.replace(/\s*\n\s*/g, " "), d.ruleId] as const;
    });
    const width = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    out.push(p.underline(file.filePath));
    for (const [where, severity, message, ruleId] of rows) {
      out.push(`  ${where.padEnd(width[0]!)}  ${colour[severity as Severity](severity.padEnd(width[1]!))}  ${message}  ${p.dim(ruleId)}`);
    }
    out.push("");
  }
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return "";
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const summary = `${plural(total, "problem")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info)`;
  out.push((counts.error > 0 ? p.red : counts.warning > 0 ? p.yellow : p.cyan)(p.bold(`✖ ${summary}`)));
  if (fixable > 0) out.push(p.dim(`  ${plural(fixable, "problem")} fixable with --fix`));
  return `${out.join("\n")}\n`;
};
