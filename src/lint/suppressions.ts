// Inline suppressions: `# hacolint:disable-next-line <ids> -- reason` and friends.
//
// Directives are read only from comments the parser found (ParseResult.comments), so text inside a
// string or heredoc that looks like a directive never suppresses anything. Pure: the engine passes
// in the diagnostics of one file and gets back the ones that remain plus findings about the
// directives themselves (unknown ids, unused suppressions, missing reasons, baked validations).
import type { Comment, Position, Range } from "../ast/nodes.js";
import type { Diagnostic, Severity, TextEdit } from "./diagnostic.js";
import type { Rule, RuleMeta } from "../rules/rule.js";

export const UNKNOWN_SUPPRESSION = "unknown-suppression";
export const UNUSED_SUPPRESSION = "unused-suppression";
export const MISSING_SUPPRESSION_REASON = "missing-suppression-reason";

export type DirectiveKind = "disable-next-line" | "disable-line" | "disable" | "enable" | "disable-file";
const KINDS: readonly DirectiveKind[] = ["disable-next-line", "disable-line", "disable-file", "disable", "enable"];

export interface SuppressionOptions {
  /** Every rule id a directive may name. */
  knownIds: ReadonlySet<string>;
  /** Validations the build config compiles into the runtime: their findings cannot be suppressed. */
  baked: ReadonlySet<string>;
  /** Report suppressions without `-- reason`. */
  requireReason: boolean;
  /** Severity settings from the config; `off` silences one of the three suppression rules. */
  rules?: Record<string, Severity | "off">;
  /** Source text; when given, the fix for an unused suppression also removes the line it leaves empty. */
  text?: string;
}

export interface DirectiveId {
  id: string;
  range: Range;
}

export interface Directive {
  kind: DirectiveKind;
  ids: DirectiveId[];
  reason: string | null;
  comment: Comment;
  /** Range of `hacolint:<kind> ...` inside the comment. */
  range: Range;
}

const DIRECTIVE = /hacolint:([a-z-]*)/;

/** Position `delta` UTF-16 units after `start` on the same line (comments never span lines here). */
function shift(start: Position, delta: number): Position {
  return { offset: start.offset + delta, line: start.line, column: start.column + delta };
}

/**
 * Parse the directive in one comment, or return null when it has none. A directive must start the
 * comment (after `#` and spaces), so prose that mentions "hacolint:disable" is not one.
 */
export function parseDirective(comment: Comment): Directive | { error: string; range: Range } | null {
  const text = comment.text;
  // The parser may or may not keep the leading `#`; the text is always the tail of the comment.
  const textStart = shift(comment.range.end, -text.length);
  const lead = /^#?[ \t]*/.exec(text)![0].length;
  const match = DIRECTIVE.exec(text.slice(lead));
  if (!match || match.index !== 0) return null;
  const kind = KINDS.find((k) => k === match[1]);
  const bodyStart = lead + match[0].length;
  const range = { start: shift(textStart, lead), end: comment.range.end };
  if (!kind) {
    return { error: `unknown directive "hacolint:${match[1]}"; use one of ${KINDS.map((k) => `hacolint:${k}`).join(", ")}`, range };
  }
  const rest = text.slice(bodyStart);
  const separator = /(?:^|\s)--(?:\s|$)/.exec(rest);
  const idsText = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() || null : null;
  const ids: DirectiveId[] = [];
  for (const m of idsText.matchAll(/[^\s,]+/g)) {
    const from = bodyStart + m.index;
    ids.push({ id: m[0], range: { start: shift(textStart, from), end: shift(textStart, from + m[0].length) } });
  }
  if (ids.length === 0 && kind !== "enable") {
    return { error: `hacolint:${kind} must name the rule ids it suppresses (blanket suppressions are not allowed)`, range };
  }
  return { kind, ids, reason, comment, range };
}

interface Entry {
  directive: Directive;
  id: DirectiveId;
  used: boolean;
  /** Offsets [from, to) where the entry applies; for line kinds, the 1-based line. */
  from: number;
  to: number;
  line: number | null;
}

const SUPPRESSION_RULE_IDS = new Set([UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION, MISSING_SUPPRESSION_REASON]);

export function applySuppressions(diagnostics: Diagnostic[], comments: Comment[], options: SuppressionOptions): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const report = (ruleId: string, range: Range, message: string, fix?: Diagnostic["fix"]) => {
    const setting = options.rules?.[ruleId] ?? SUPPRESSION_META[ruleId]!.severity;
    if (setting === "off") return;
    findings.push({ ruleId, severity: setting, message, range, ...(fix ? { fix } : {}) });
  };

  // 1. Read directives and turn each (directive, id) into an entry with the region it covers.
  const entries: Entry[] = [];
  const open = new Map<string, Entry[]>(); // id -> block disables not yet closed
  for (const comment of [...comments].sort((a, b) => a.range.start.offset - b.range.start.offset)) {
    const parsed = parseDirective(comment);
    if (!parsed) continue;
    if ("error" in parsed) {
      report(UNKNOWN_SUPPRESSION, parsed.range, parsed.error);
      continue;
    }
    if (options.requireReason && parsed.kind !== "enable" && !parsed.reason) {
      report(MISSING_SUPPRESSION_REASON, parsed.range, `hacolint:${parsed.kind} needs a reason: add " -- <why this is safe>"`);
    }
    for (const id of parsed.ids) {
      if (SUPPRESSION_RULE_IDS.has(id.id)) {
        report(UNKNOWN_SUPPRESSION, id.range, `${id.id} cannot be suppressed inline; set its severity in the config instead`);
        continue;
      }
      if (!options.knownIds.has(id.id)) {
        report(UNKNOWN_SUPPRESSION, id.range, `unknown rule id "${id.id}" in hacolint:${parsed.kind}`);
        continue;
      }
      if (options.baked.has(id.id) && parsed.kind !== "enable") {
        report(UNUSED_SUPPRESSION, id.range,
          `${id.id} cannot be suppressed: the build config bakes it into the runtime binary, which would refuse this container anyway`);
        continue;
      }
      const start = comment.range.start;
      switch (parsed.kind) {
        case "disable-line":
          entries.push({ directive: parsed, id, used: false, from: 0, to: 0, line: start.line });
          break;
        case "disable-next-line":
          entries.push({ directive: parsed, id, used: false, from: 0, to: 0, line: comment.range.end.line + 1 });
          break;
        case "disable-file":
          entries.push({ directive: parsed, id, used: false, from: 0, to: Infinity, line: null });
          break;
        case "disable": {
          const entry: Entry = { directive: parsed, id, used: false, from: start.offset, to: Infinity, line: null };
          entries.push(entry);
          open.set(id.id, [...(open.get(id.id) ?? []), entry]);
          break;
        }
        case "enable": {
          const blocks = open.get(id.id) ?? [];
          if (blocks.length === 0) {
            report(UNUSED_SUPPRESSION, id.range, `hacolint:enable ${id.id} has no matching hacolint:disable before it`,
              removalFix(parsed, id, options.text));
          }
          for (const block of blocks) block.to = start.offset;
          open.delete(id.id);
        }
      }
    }
  }

  // 2. Drop suppressed diagnostics. The most specific entry (line, then block, then file) gets the
  //    credit, so a redundant wider suppression still shows up as unused.
  const specificity = (e: Entry) => (e.line !== null ? 0 : e.to === Infinity && e.from === 0 ? 2 : 1);
  const remaining: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const { offset, line } = diagnostic.range.start;
    const matches = entries.filter((e) => e.id.id === diagnostic.ruleId &&
      (e.line !== null ? e.line === line : offset >= e.from && offset < e.to));
    if (matches.length === 0) {
      remaining.push(diagnostic);
      continue;
    }
    matches.sort((a, b) => specificity(a) - specificity(b))[0]!.used = true;
  }

  // 3. Report entries that suppressed nothing, with a fix that deletes them.
  for (const entry of entries) {
    if (entry.used) continue;
    const where = entry.line !== null ? `on line ${entry.line}` : entry.from === 0 && entry.to === Infinity ? "in this file" : "in this region";
    report(UNUSED_SUPPRESSION, entry.id.range, `unused suppression: no ${entry.id.id} finding ${where}`,
      removalFix(entry.directive, entry.id, options.text, entries.filter((e) => e.directive === entry.directive && !e.used).length));
  }
  return [...remaining, ...findings].sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
}

/**
 * Fix for an unused id: delete the id (and its comma) when others remain, else the whole comment,
 * and the line too when the comment was alone on it. `unusedInDirective` counts the directive's
 * unused ids; when it equals the id count, the whole comment goes.
 */
function removalFix(directive: Directive, id: DirectiveId, text: string | undefined, unusedInDirective = 1): Diagnostic["fix"] {
  if (directive.ids.length > unusedInDirective) {
    // Removing several ids of one directive at once would need overlapping edits; remove one at a time.
    const next = directive.ids[directive.ids.indexOf(id) + 1];
    const previous = directive.ids[directive.ids.indexOf(id) - 1];
    const range = next ? { start: id.range.start, end: next.range.start } : { start: previous!.range.end, end: id.range.end };
    return { title: `Remove ${id.id} from the suppression`, edits: [{ range, newText: "" }] };
  }
  return { title: "Remove the unused suppression comment", edits: [commentRemoval(directive.comment, text)] };
}

function commentRemoval(comment: Comment, text: string | undefined): TextEdit {
  const { start, end } = comment.range;
  if (text === undefined) return { range: comment.range, newText: "" };
  const lineStart = start.offset - (start.column - 1);
  const before = text.slice(lineStart, start.offset);
  if (/^[ \t]*$/.test(before)) {
    // Alone on its line: remove the line including its newline.
    let lineEnd = end.offset;
    if (text.startsWith("\r\n", lineEnd)) lineEnd += 2;
    else if (text[lineEnd] === "\n") lineEnd += 1;
    const endLine = lineEnd > end.offset ? end.line + 1 : end.line;
    const endColumn = lineEnd > end.offset ? 1 : end.column;
    return {
      range: { start: { offset: lineStart, line: start.line, column: 1 }, end: { offset: lineEnd, line: endLine, column: endColumn } },
      newText: "",
    };
  }
  // Trailing comment: remove it and the spaces before it.
  const spaces = /[ \t]*$/.exec(before)![0].length;
  return { range: { start: shift(start, -spaces), end }, newText: "" };
}

const SHARED = { class: "dsl" as const, suexec: [], harm: [], fixable: true };

/** Metadata of the rules that report on suppression comments, for `rules`, `explain`, docs and SARIF. */
export const SUPPRESSION_META: Record<string, RuleMeta> = {
  /**
   * Directives are read from real comments only (the parser's comment list), never from strings or
   * heredocs, and must start the comment: `# see hacolint:disable-line` in prose is not one.
   */
  [UNKNOWN_SUPPRESSION]: {
    ...SHARED, id: UNKNOWN_SUPPRESSION, severity: "warning", fixable: false,
    docs: {
      summary: "A suppression comment names an unknown rule id or is malformed.",
      details: "A `# hacolint:...` comment that names a rule id hacolint does not know, uses an unknown directive, " +
        "or names no ids at all suppresses nothing, so the finding it was meant for still stands. Usually a typo. " +
        "Blanket suppressions without ids are refused on purpose: in a security linter every exception should say what it excuses.",
      fix: "Correct the id (`hacolint rules` lists them) or the directive: `disable-next-line`, `disable-line`, `disable`, `enable`, `disable-file`.",
      examples: {
        invalid: ["# hacolint:disable-next-line no-such-rule -- typo\nHaconiwa.define do |c|\nend\n"],
        valid: ["# an ordinary comment mentioning hacolint\nHaconiwa.define do |c|\nend\n"],
      },
    },
  },
  /**
   * Each id of a directive is judged on its own and reported at that id, so
   * `# hacolint:disable-line a, b` where only `a` is used points at `b`, and the fix removes just `b`.
   * When one finding is covered by several suppressions, the most specific one (line, then
   * region, then file) is the one used; the wider ones are reported if they cover nothing else.
   */
  [UNUSED_SUPPRESSION]: {
    ...SHARED, id: UNUSED_SUPPRESSION, severity: "warning",
    docs: {
      summary: "A suppression comment suppresses nothing, or cannot suppress a baked validation.",
      details: "Suppressions outlive the findings they were written for. A stale one hides the next real finding " +
        "at that spot, so hacolint reports it. A suppression of a validation that build_config.rb bakes into the " +
        "runtime binary is reported too: the binary refuses such a container at start whatever the comment says.",
      fix: "Delete the suppression (`hacolint --fix` does it), or for a baked validation change the Hacofile so it passes.",
      examples: {
        invalid: ["# hacolint:disable-next-line env-allowed -- no environment here\nHaconiwa.define do |c|\nend\n"],
        valid: ["Haconiwa.define do |c|\n  c.environ = { \"LD_PRELOAD\" => \"/x.so\" } # hacolint:disable-line env-allowed -- test image\nend\n"],
      },
    },
  },
  /**
   * Off unless `.hacolint.yml` sets `requireSuppressionReason: true`. The reason is everything after
   * ` -- ` in the comment; `hacolint:enable` needs none.
   */
  [MISSING_SUPPRESSION_REASON]: {
    ...SHARED, id: MISSING_SUPPRESSION_REASON, severity: "error", fixable: false,
    docs: {
      summary: "A suppression comment has no `-- reason` although the config requires one.",
      details: "With `requireSuppressionReason: true` in `.hacolint.yml`, every suppression must say why the finding " +
        "is acceptable, after ` -- `. Reviewers and auditors read these reasons; a bare suppression hides a decision.",
      fix: "Append ` -- <why this is safe here>` to the comment.",
      examples: { invalid: [], valid: [] },
    },
  },
};

/** Rule objects for the registry; the work happens in applySuppressions, so check is empty. */
export const SUPPRESSION_RULES: Rule[] = Object.values(SUPPRESSION_META).map((meta) => ({ meta, check: () => {} }));
