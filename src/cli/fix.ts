// Applying Diagnostic.fix edits: the same edits the editor offers as quick fixes.
// A fix is all-or-nothing; one that overlaps an already chosen fix waits for the next pass (the
// caller lints again and retries), so two fixes never garble the same text.
import type { Diagnostic, TextEdit } from "../lint/diagnostic.js";

export interface FixOutcome {
  text: string;
  /** Diagnostics whose fix was applied. */
  applied: Diagnostic[];
  /** Fixable diagnostics left for another pass because they overlapped. */
  deferred: Diagnostic[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const [as, ae, bs, be] = [a.range.start.offset, a.range.end.offset, b.range.start.offset, b.range.end.offset];
  // Two insertions at one point, or an insertion inside a replaced span, conflict as well.
  return as < be && bs < ae || as === bs || (as === ae && as > bs && as < be) || (bs === be && bs > as && bs < ae);
}

export function applyFixes(text: string, diagnostics: Diagnostic[]): FixOutcome {
  const chosen: TextEdit[] = [];
  const applied: Diagnostic[] = [];
  const deferred: Diagnostic[] = [];
  const fixable = diagnostics.filter((d) => d.fix && d.fix.edits.length > 0)
    .sort((a, b) => a.range.start.offset - b.range.start.offset);
  for (const diagnostic of fixable) {
    const edits = diagnostic.fix!.edits;
    const valid = edits.every((e) => e.range.start.offset <= e.range.end.offset && e.range.end.offset <= text.length);
    if (!valid || edits.some((e) => chosen.some((c) => overlaps(c, e))) || selfOverlap(edits)) {
      deferred.push(diagnostic);
      continue;
    }
    chosen.push(...edits);
    applied.push(diagnostic);
  }
  // Bottom-up, so earlier offsets stay valid while later text changes.
  let out = text;
  for (const edit of [...chosen].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    out = out.slice(0, edit.range.start.offset) + edit.newText + out.slice(edit.range.end.offset);
  }
  return { text: out, applied, deferred };
}

function selfOverlap(edits: TextEdit[]): boolean {
  return edits.some((a, i) => edits.some((b, j) => j > i && overlaps(a, b)));
}
