// Lint one text: parse → evaluate → rules → diagnostics. Pure: no file system access here.
import type { ParseResult } from "../ast/nodes.js";
import type { FileModel } from "../model/model.js";
import type { Policy } from "../policy/policy.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

export type RuleSetting = Severity | "off";

export interface LintOptions {
  filePath: string;
  policy: Policy;
  /** Per-rule severity overrides from the config (`rules:`). */
  rules?: Record<string, RuleSetting>;
}

export interface LintResult {
  filePath: string;
  diagnostics: Diagnostic[];
  parse: ParseResult;
  model: FileModel;
}

export function lintText(_text: string, _options: LintOptions): LintResult {
  throw new Error("engine not wired yet"); // replaced when parser/evaluator/rules land
}
