// Machine format of the lint issue: exactly these keys, 1-based lines and columns, end exclusive
// (endColumn is the column just after the last character, like LSP and SARIF).
import { sortedDiagnostics, type Formatter } from "./types.js";

export const json: Formatter = (files) =>
  `${JSON.stringify(files.map((file) => ({
    filePath: file.filePath,
    diagnostics: sortedDiagnostics(file.diagnostics).map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
      column: d.range.start.column,
      endLine: d.range.end.line,
      endColumn: d.range.end.column,
    })),
  })), null, 2)}\n`;
