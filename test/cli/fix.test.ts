import { describe, expect, it } from "vitest";
import type { Diagnostic, TextEdit } from "../../src/lint/diagnostic.js";
import { applyFixes } from "../../src/cli/fix.js";

/** An edit replacing the first occurrence of `find` (after `from`) in `text` with `replace`. */
function edit(text: string, find: string, replace: string, from = 0): TextEdit {
  const offset = text.indexOf(find, from);
  if (offset < 0) throw new Error(`${find} not in text`);
  const pos = (o: number) => {
    const lines = text.slice(0, o).split("\n");
    return { offset: o, line: lines.length, column: lines.at(-1)!.length + 1 };
  };
  return { range: { start: pos(offset), end: pos(offset + find.length) }, newText: replace };
}

function fixable(ruleId: string, ...edits: TextEdit[]): Diagnostic {
  return { ruleId, severity: "error", message: ruleId, range: edits[0]!.range, fix: { title: ruleId, edits } };
}

const BEFORE = 'Haconiwa.define do |c|\n  c.uid = 0\n  c.init_command = "/bin/sh"\n  c.environ = { "LD_PRELOAD" => "x" }\nend\n';

describe("applyFixes", () => {
  it("applies non-overlapping fixes bottom-up, multi-edit fixes together", () => {
    const out = applyFixes(BEFORE, [
      fixable("a", edit(BEFORE, "0", "2000")),
      fixable("b", edit(BEFORE, '"/bin/sh"', '["/bin/sh"]')),
      fixable("c", edit(BEFORE, '"LD_PRELOAD" => "x" ', ""), edit(BEFORE, "{ ", "{")),
    ]);
    expect(out.text).toBe('Haconiwa.define do |c|\n  c.uid = 2000\n  c.init_command = ["/bin/sh"]\n  c.environ = {}\nend\n');
    expect(out.applied.map((d) => d.ruleId)).toEqual(["a", "b", "c"]);
    expect(out.deferred).toEqual([]);
  });
  it("defers a fix that overlaps one already chosen, and same-point insertions", () => {
    const out = applyFixes(BEFORE, [
      fixable("first", edit(BEFORE, "c.uid = 0", "c.uid = 1000")),
      fixable("overlap", edit(BEFORE, "0\n", "5\n")),
      fixable("insert-1", edit(BEFORE, "", "# a\n")),
      fixable("insert-2", edit(BEFORE, "", "# b\n")),
    ]);
    expect(out.text).toBe(`# a\n${BEFORE.replace("c.uid = 0", "c.uid = 1000")}`);
    expect(out.deferred.map((d) => d.ruleId).sort()).toEqual(["insert-2", "overlap"]);
  });
  it("ignores edits outside the text and leaves text unchanged without fixes", () => {
    const bad = edit(BEFORE, "end\n", "");
    bad.range.end.offset = BEFORE.length + 10;
    expect(applyFixes(BEFORE, [fixable("bad", bad), { ruleId: "x", severity: "info", message: "", range: bad.range }]).text).toBe(BEFORE);
  });
});
