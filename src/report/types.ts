// What every output format receives: per-file results plus the rule metadata formats may need.
import type { Diagnostic } from "../lint/diagnostic.js";
import type { RuleMeta } from "../rules/rule.js";

export interface FileReport {
  /** Path as shown to the user (as given on the command line, or the --stdin-filename). */
  filePath: string;
  diagnostics: Diagnostic[];
  /** File text, when available: SARIF fingerprints hash the flagged line. */
  source?: string;
}

export interface ReportContext {
  /** Directory relative paths are resolved against (SARIF's %SRCROOT%). */
  cwd: string;
  /** Metadata of every known rule, by id. */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Colour escapes allowed (only the stylish format uses them). */
  color: boolean;
  toolVersion: string;
}

export type Formatter = (files: FileReport[], context: ReportContext) => string;

/** Diagnostics in reading order, so every format lists them the same way. */
export function sortedDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column ||
    a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
}

export const DOCS_BASE = "https://github.com/hacolint/hacolint/blob/main/docs/rules/";

export function helpUri(ruleId: string): string {
  return `${DOCS_BASE}${encodeURIComponent(ruleId)}.md`;
}
