import { describe, expect, it } from "vitest";
import type { Comment, Position, Range } from "../../src/ast/nodes.js";
import type { Diagnostic } from "../../src/lint/diagnostic.js";
import { applySuppressions, parseDirective, type SuppressionOptions } from "../../src/lint/suppressions.js";
import { applyFixes } from "../../src/cli/fix.js";

// Fixtures are plain Ruby without `#` in strings, so every `#` starts a comment here.
function commentsOf(text: string): Comment[] {
  const comments: Comment[] = [];
  let offset = 0;
  text.split("\n").forEach((line, i) => {
    const at = line.indexOf("#");
    if (at >= 0) comments.push({ text: line.slice(at), range: rangeAt(i + 1, at + 1, offset + at, line.length - at) });
    offset += line.length + 1;
  });
  return comments;
}

function rangeAt(line: number, column: number, offset: number, length: number): Range {
  const start: Position = { line, column, offset };
  return { start, end: { line, column: column + length, offset: offset + length } };
}

/** A diagnostic of `ruleId` at the first occurrence of `needle`. */
function diag(text: string, ruleId: string, needle: string): Diagnostic {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split("\n");
  return { ruleId, severity: "error", message: `${ruleId} here`, range: rangeAt(before.length, before.at(-1)!.length + 1, offset, needle.length) };
}

const options = (extra: Partial<SuppressionOptions> = {}): SuppressionOptions => ({
  knownIds: new Set(["init-not-root", "env-allowed", "rootfs-in-pool"]),
  baked: new Set(),
  requireReason: false,
  ...extra,
});

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId}`);

describe("parseDirective", () => {
  it("reads kind, ids with ranges, and reason", () => {
    const [c] = commentsOf("x = 1 # hacolint:disable-line init-not-root, env-allowed -- lab box");
    const d = parseDirective(c!);
    expect(d).toMatchObject({ kind: "disable-line", reason: "lab box" });
    if (!d || "error" in d) throw new Error("expected a directive");
    expect(d.ids.map((i) => [i.id, i.range.start.column, i.range.end.column])).toEqual([["init-not-root", 31, 44], ["env-allowed", 46, 57]]);
  });
  it("works when the parser strips the leading #", () => {
    const [c] = commentsOf("# hacolint:disable-file env-allowed");
    const stripped: Comment = { text: c!.text.slice(1), range: c!.range };
    const d = parseDirective(stripped);
    if (!d || "error" in d) throw new Error("expected a directive");
    expect(d.ids[0]!.range.start.column).toBe(25);
  });
  it("ignores prose that mentions a directive", () => {
    expect(parseDirective(commentsOf("# see hacolint:disable-line docs")[0]!)).toBeNull();
  });
  it("rejects blanket and unknown directives", () => {
    expect(parseDirective(commentsOf("# hacolint:disable-line -- why")[0]!)).toMatchObject({ error: expect.stringMatching(/must name/) });
    expect(parseDirective(commentsOf("# hacolint:disabel x")[0]!)).toMatchObject({ error: expect.stringMatching(/unknown directive/) });
  });
});

describe("applySuppressions", () => {
  it("disable-line and disable-next-line suppress only their line", () => {
    const text = "c.uid = 0 # hacolint:disable-line init-not-root -- test\n# hacolint:disable-next-line init-not-root\nc.gid = 0\nc.uid = 0\n";
    const ds = [diag(text, "init-not-root", "c.uid = 0"), diag(text, "init-not-root", "c.gid = 0"), diag(text, "init-not-root", "c.uid = 0\n\n") ];
    // third diagnostic: the last `c.uid = 0`
    ds[2] = { ...ds[2]!, range: rangeAt(4, 1, text.lastIndexOf("c.uid"), 9) };
    expect(summary(applySuppressions(ds, commentsOf(text), options()))).toEqual(["4:1 init-not-root"]);
  });

  it("disable … enable covers a region; disable-file the whole file", () => {
    const text = "a = 1\n# hacolint:disable env-allowed -- x\nb = 2\n# hacolint:enable env-allowed\nc = 3\n# hacolint:disable-file rootfs-in-pool -- y\n";
    const ds = [diag(text, "env-allowed", "a = 1"), diag(text, "env-allowed", "b = 2"), diag(text, "env-allowed", "c = 3"), diag(text, "rootfs-in-pool", "a = 1")];
    expect(summary(applySuppressions(ds, commentsOf(text), options()))).toEqual(["1:1 env-allowed", "5:1 env-allowed"]);
  });

  it("reports unknown ids and unused suppressions at the id", () => {
    const text = "# hacolint:disable-next-line init-not-root, no-such-rule -- r\nc.uid = 1000\n";
    const out = applySuppressions([], commentsOf(text), options());
    expect(out.map((d) => [d.ruleId, d.range.start.column, d.message])).toEqual([
      ["unused-suppression", 30, "unused suppression: no init-not-root finding on line 2"],
      ["unknown-suppression", 45, 'unknown rule id "no-such-rule" in hacolint:disable-next-line'],
    ]);
  });

  it("requires a reason only when configured", () => {
    const text = "c.uid = 0 # hacolint:disable-line init-not-root\n";
    const ds = [diag(text, "init-not-root", "c.uid")];
    expect(applySuppressions(ds, commentsOf(text), options())).toEqual([]);
    const out = applySuppressions(ds, commentsOf(text), options({ requireReason: true }));
    expect(summary(out)).toEqual(["1:13 missing-suppression-reason"]);
  });

  it("cannot suppress a baked validation and says why", () => {
    const text = "c.uid = 0 # hacolint:disable-line init-not-root -- please\n";
    const ds = [diag(text, "init-not-root", "c.uid")];
    const out = applySuppressions(ds, commentsOf(text), options({ baked: new Set(["init-not-root"]) }));
    expect(summary(out)).toEqual(["1:1 init-not-root", "1:35 unused-suppression"]);
    expect(out[1]!.message).toMatch(/bakes it into the runtime binary, which would refuse this container anyway/);
  });

  it("honours rule settings for its own rules", () => {
    const text = "# hacolint:disable-file env-allowed\n";
    expect(applySuppressions([], commentsOf(text), options({ rules: { "unused-suppression": "off" } }))).toEqual([]);
    expect(applySuppressions([], commentsOf(text), options({ rules: { "unused-suppression": "error" } }))[0]!.severity).toBe("error");
  });

  it("an enable without disable is reported", () => {
    expect(summary(applySuppressions([], commentsOf("# hacolint:enable env-allowed\n"), options()))).toEqual(["1:19 unused-suppression"]);
  });

  it("the fix removes an unused comment line, or one id of several", () => {
    const text = "a = 1\n  # hacolint:disable-next-line env-allowed -- old\nb = 2 # hacolint:disable-line env-allowed, init-not-root\n";
    const ds = [diag(text, "init-not-root", "b = 2")];
    const out = applySuppressions(ds, commentsOf(text), options({ text }));
    const fixed = applyFixes(text, out.filter((d) => d.fix)).text;
    // One id at a time per directive: the second pass would remove the remaining unused ones.
    expect(fixed).toBe("a = 1\nb = 2 # hacolint:disable-line init-not-root\n");
  });
});
