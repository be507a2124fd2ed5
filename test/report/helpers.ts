// Shared fixtures for the format tests: a small file with findings of every severity.
import type { Range } from "../../src/ast/nodes.js";
import type { Diagnostic } from "../../src/lint/diagnostic.js";
import { SUPPRESSION_META } from "../../src/lint/suppressions.js";
import type { FileReport, ReportContext } from "../../src/report/index.js";
import type { RuleMeta } from "../../src/rules/rule.js";

export const SOURCE = 'Haconiwa.define do |c|\n  c.init_command = "/bin/sh"\n  c.environ = { "LD_PRELOAD" => "x,y:z" }\nend\n';

export function range(line: number, column: number, endLine: number, endColumn: number): Range {
  const lines = SOURCE.split("\n");
  const offset = (l: number, col: number) => lines.slice(0, l - 1).reduce((n, s) => n + s.length + 1, 0) + col - 1;
  return {
    start: { line, column, offset: offset(line, column) },
    end: { line: endLine, column: endColumn, offset: offset(endLine, endColumn) },
  };
}

export const DIAGNOSTICS: Diagnostic[] = [
  { ruleId: "env-allowed", severity: "warning", message: 'environment variable "LD_PRELOAD" is not in allowedEnv\n(the policy clears it)', range: range(3, 17, 3, 29),
    related: [{ message: "allowedEnv is set in the policy", range: range(1, 1, 1, 9) }] },
  { ruleId: "init-not-root", severity: "error", message: "init runs as uid 0: 100% <root> & \"quotes\"", range: range(2, 3, 2, 29),
    fix: { title: "set uid", edits: [{ range: range(2, 3, 2, 3), newText: "c.uid = 1000\n  " }] } },
  { ruleId: "unused-suppression", severity: "info", message: "unused suppression", range: range(4, 1, 4, 4) },
];

export const FILES: FileReport[] = [
  { filePath: "dir/app,1:x.haco", diagnostics: DIAGNOSTICS, source: SOURCE },
  { filePath: "clean.haco", diagnostics: [], source: "" },
];

const meta = (id: string, cls: RuleMeta["class"], severity: RuleMeta["severity"]): RuleMeta => ({
  id, class: cls, suexec: [7, 9], harm: ["launch"], severity, fixable: false,
  docs: { summary: `${id} summary.`, details: `${id} details.`, fix: `${id} fix.`, examples: { invalid: ["c.uid = 0\n"], valid: ["c.uid = 1000\n"] } },
});

export const CONTEXT: ReportContext = {
  cwd: "/work/project",
  rules: new Map([
    ["init-not-root", meta("init-not-root", "selectable", "error")],
    ["env-allowed", meta("env-allowed", "selectable", "error")],
    ...Object.entries(SUPPRESSION_META),
  ]),
  color: false,
  toolVersion: "0.1.0",
};
