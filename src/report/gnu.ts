// GNU coding standards' error format, understood by Emacs compilation-mode and Vim's errorformat:
// file:line.col-endLine.endCol: severity: message [rule]
import { sortedDiagnostics, type Formatter } from "./types.js";

export const gnu: Formatter = (files) => {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of sortedDiagnostics(file.diagnostics)) {
      const { start, end } = d.range;
      lines.push(`${file.filePath}:${start.line}.${start.column}-${end.line}.${end.column}: ${d.severity}: ${d.message.replace(/\s*\n\s*/g, " ")} [${d.ruleId}]`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
};
