// The contract every rule module fulfils (one file per rule, ESLint style).
import type { HarmKind, ValidationClass } from "../catalogue/validations.js";
import type { Range } from "../ast/nodes.js";
import type { Fix, RelatedInfo, Severity } from "../lint/diagnostic.js";
import type { Policy } from "../policy/policy.js";
import type { FileModel } from "../model/model.js";
import type { HostContext } from "../host/host.js";

/**
 * validation classes come from the catalogue; the others are hacolint's own:
 * dsl = what Haconiwa rejects or silently ignores (hacofile-dsl.md §5), hardening = harm kinds 1-3,
 * input = launch-time input steering a security-relevant value, syntax = the parser's findings.
 */
export type RuleClass = ValidationClass | "dsl" | "hardening" | "input" | "syntax";

export interface RuleDocs {
  /** One line, shown in lists and SARIF shortDescription. */
  summary: string;
  /** What the rule checks and why it matters (Markdown). */
  details: string;
  /** How to fix a finding (Markdown). */
  fix: string;
  /** Hacofile snippets that must fire / must not fire; executed as tests. */
  examples: { invalid: string[]; valid: string[] };
}

export interface RuleMeta {
  id: string;
  class: RuleClass;
  /** suEXEC checklist items, empty when the rule is not one of suEXEC's. */
  suexec: number[];
  harm: HarmKind[];
  severity: Severity;
  fixable: boolean;
  docs: RuleDocs;
}

export interface Report {
  range: Range;
  message: string;
  related?: RelatedInfo[];
  fix?: Fix;
}

export interface RuleContext {
  model: FileModel;
  policy: Policy;
  report(report: Report): void;
  /** Present with `--host`: facts about the files the Hacofile points at. */
  host?: HostContext;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
