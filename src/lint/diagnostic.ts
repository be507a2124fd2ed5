// What rules produce and reporters consume.
import type { Range } from "../ast/nodes.js";

export type Severity = "error" | "warning" | "info";

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A safe, mechanical fix: the same edits serve `--fix` and the editor's quick fix. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInfo {
  message: string;
  range: Range;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Where a value came from, or the other places that take part in the finding. */
  related?: RelatedInfo[];
  fix?: Fix;
}
