// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Severity } from "../lint/diagnostic.js";
import { sortedDiagnostics, type Formatter } from "./types.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Message data: %, CR and LF must be escaped or the runner cuts the message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally must not contain the separators `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export const github: Formatter = (files) => {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of sortedDiagnostics(file.diagnostics)) {
      const { start, end } = d.range;
      const properties = [
        `file=${escapeProperty(file.filePath)}`, `line=${start.line}`, `col=${start.column}`,
        `endLine=${end.line}`, `endColumn=${end.column}`, `title=${escapeProperty(`hacolint ${d.ruleId}`)}`,
      ];
      lines.push(`::${COMMAND[d.severity]} ${properties.join(",")}::${escapeData(d.message)}`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
};
