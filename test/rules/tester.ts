// RuleTester: run ONE rule on Hacofile snippets and assert its findings exactly (ESLint style).
//
//   import { ruleTester } from "../tester.js";
//   ruleTester(rule).run({
//     valid: ["Haconiwa.define do |c|\n  ...\nend\n"],
//     invalid: [{
//       code: "...",
//       errors: [{ message: /pid namespace/, line: 1, column: 10, endLine: 1, endColumn: 16 }],
//       output: "...",          // optional: the text after applying every reported fix
//     }],
//   });
//
// The snippet is parsed and evaluated like `lintText` does, then only this rule's `check` runs (no
// other rules, no suppressions, whatever the rule's class or severity). Errors are compared in
// source order; line/column are 1-based, endColumn points just after the last character.
// `output` applies the fixes of all findings; omit it to assert nothing about fixes, or set it to
// `null` to assert that no finding carries a fix. Options: `filePath`, `policy`.
import { describe, expect, it } from "vitest";
import { parseRuby } from "../../grammar/parser.js";
import { evaluate } from "../../src/model/evaluate.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";
import type { Report, Rule } from "../../src/rules/rule.js";
import type { TextEdit } from "../../src/lint/diagnostic.js";

export interface ExpectedError {
  message?: RegExp;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface InvalidCase {
  code: string;
  errors: ExpectedError[];
  /** Text after applying all fixes; `null` = no finding may carry a fix. */
  output?: string | null;
  name?: string;
}

export interface TesterCases {
  valid: (string | { code: string; name?: string })[];
  invalid: InvalidCase[];
}

export interface TesterOptions {
  filePath?: string;
  policy?: Policy;
}

/** The findings of one rule on a text, in source order (deduplicated like the engine does). */
export function runRule(rule: Rule, code: string, options: TesterOptions = {}): Report[] {
  const model = evaluate(parseRuby(code), code, options.filePath ?? "/etc/haconiwa/test.haco");
  const found: Report[] = [];
  const seen = new Set<string>();
  rule.check({
    model,
    policy: options.policy ?? DEFAULT_POLICY,
    report(r) {
      const key = `${r.range.start.offset}:${r.range.end.offset}:${r.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      found.push(r);
    },
  });
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
}

/** Applies text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

function caseName(code: string, name?: string): string {
  return name ?? code.replace(/\s+/g, " ").trim().slice(0, 70);
}

export function ruleTester(rule: Rule, options: TesterOptions = {}) {
  return {
    run(cases: TesterCases): void {
      if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${rule.meta.id}: give at least one valid and one invalid case`);
      describe(rule.meta.id, () => {
        describe("valid", () => {
          for (const v of cases.valid) {
            const code = typeof v === "string" ? v : v.code;
            it(caseName(code, typeof v === "string" ? undefined : v.name), () => {
              expect(runRule(rule, code, options).map((r) => r.message)).toEqual([]);
            });
          }
        });
        describe("invalid", () => {
          for (const c of cases.invalid) {
            it(caseName(c.code, c.name), () => {
              if (c.errors.length === 0) throw new Error("an invalid case needs at least one expected error");
              const found = runRule(rule, c.code, options);
              const actual = found.map((r) => ({
                message: r.message,
                line: r.range.start.line, column: r.range.start.column, endLine: r.range.end.line, endColumn: r.range.end.column,
              }));
              expect(actual.map(({ message: _m, ...pos }) => pos)).toEqual(c.errors.map(({ message: _m, ...pos }) => pos));
              c.errors.forEach((e, i) => { if (e.message) expect(actual[i].message).toMatch(e.message); });
              if (c.output === null) expect(found.filter((r) => r.fix).map((r) => r.message)).toEqual([]);
              else if (c.output !== undefined) {
                const edits = found.flatMap((r) => r.fix?.edits ?? []);
                expect(edits.length).toBeGreaterThan(0);
                expect(applyEdits(c.code, edits)).toBe(c.output);
              }
            });
          }
        });
      });
    },
  };
}
