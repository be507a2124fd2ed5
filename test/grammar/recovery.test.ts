// Rare constructs get an `unsupported-syntax` diagnostic at their exact range and the following
// statements still parse; syntax errors report line/column and do not hide later statements.
import { describe, expect, it } from "vitest";
import { parseRuby } from "../../grammar/parser.js";
import type { CallNode } from "../../src/ast/nodes.js";
import { span, sx } from "./helpers.js";

describe("unsupported constructs", () => {
  const cases: [string, string, string, string][] = [
    // [source, diagnostic range, message start, first statement type]
    ["case x\nwhen 1 then a\nend\nafter", "1:1-3:4", "`case` expression", "Case"],
    ["while x do y end\nafter", "1:1-1:17", "`while` loop", "While"],
    ["until x\n  y\nend\nafter", "1:1-3:4", "`until` loop", "While"],
    ["y until x\nafter", "1:3-1:10", "`until` loop", "While"],
    ["for i in 1..3 do p i end\nafter", "1:1-1:25", "`for` loop", "While"],
    ["class Foo < Bar\nend\nafter", "1:1-2:4", "`class` definition", "Class"],
    ["l = ->(x) { x }\nafter", "1:5-1:16", "Lambda literal", "Assign"],
    ['ok = "a" =~ /b+/i\nafter', "1:13-1:18", "Regular expression literal", "Assign"],
    ["a&.b\nafter", "1:2-1:5", "Safe navigation `&.`", "Call"],
    ["foo(*args)\nafter", "1:5-1:10", "Splat argument", "Call"],
    ["foo(**opts)\nafter", "1:5-1:11", "Splat argument", "Call"],
    ["a, *b = list\nafter", "1:1-1:13", "Multiple assignment", "MultiAssign"],
    ["x = y rescue nil\nafter", "1:7-1:17", "`rescue` modifier", "Begin"],
  ];
  for (const [src, range, message, type] of cases) {
    it(`${JSON.stringify(src.split("\n")[0])}`, () => {
      const r = parseRuby(src);
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0].kind).toBe("unsupported-syntax");
      expect(r.diagnostics[0].message.startsWith(message)).toBe(true);
      expect(span(r.diagnostics[0].range)).toBe(range);
      expect(r.program.body.map((n) => n.type)).toEqual([type, "Call"]);
      expect((r.program.body[1] as CallNode).name).toBe("after");
    });
  }

  it("begin/rescue/ensure parses without diagnostics", () => {
    const r = parseRuby("begin\n  x\nrescue A, B => e\n  y e\nensure\n  z\nend\nafter");
    expect(r.diagnostics).toEqual([]);
    expect(r.program.body.map((n) => n.type)).toEqual(["Begin", "Call"]);
    const b = r.program.body[0];
    expect(b.type === "Begin" && b.rescues[0].binding).toBe("e");
    expect(b.type === "Begin" && b.rescues[0].classes.map(sx)).toEqual(["A", "B"]);
  });
});

/** Names of the calls `x.define` at top level and the statements of their blocks. */
function containers(src: string) {
  const r = parseRuby(src);
  return {
    r,
    defines: r.program.body
      .filter((n): n is CallNode => n.type === "Call" && n.name === "define")
      .map((c) => sx(c.block?.body ?? [])),
  };
}

describe("syntax errors and recovery", () => {
  it("reports line and column of an unexpected token", () => {
    const r = parseRuby("x = 1\ny = = 2\n");
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ kind: "syntax-error", message: 'unexpected "="' });
    expect(r.diagnostics[0].range.start).toEqual({ offset: 10, line: 2, column: 5 });
  });

  it("a broken statement inside a define block keeps later statements and later containers", () => {
    const { r, defines } = containers(
      'Haconiwa.define do |c|\n  c.name = "a"\n  c.foo = = 3\n  c.bar "x"\nend\nHaconiwa.define do |d|\n  d.name = "b"\nend\n',
    );
    expect(r.diagnostics.map((d) => span(d.range))).toEqual(["3:11-3:12"]);
    expect(defines).toEqual(['(= (c.name) (str "a")); (Error); (c.bar (str "x"))', '(= (d.name) (str "b"))']);
  });

  it("an unclosed [ stops at the next line that starts at the statement's indentation", () => {
    const { r, defines } = containers("Haconiwa.define do |c|\n  c.x = [1, 2\n  c.bar 1\nend\nHaconiwa.define do |d|\n  d.y\nend\n");
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].message).toBe('unexpected "c"; expected `]`');
    expect(span(r.diagnostics[0].range)).toBe("3:3-3:4");
    expect(defines).toEqual(["(Error); (c.bar 1)", "(d.y)"]);
  });

  it("an unclosed call paren recovers the same way", () => {
    const { defines } = containers("Haconiwa.define do |c|\n  c.bar(1, 2\n  c.baz\nend\nHaconiwa.define do |d|\n  d.y\nend\n");
    expect(defines).toEqual(["(Error); (c.baz)", "(d.y)"]);
  });

  it("a stray closer is reported and skipped", () => {
    const { r, defines } = containers("Haconiwa.define do |c|\n  c.x )\n  c.y }\n  c.z\nend\n");
    expect(r.diagnostics.map((d) => span(d.range))).toEqual(["2:7-2:8", "3:7-3:8"]);
    expect(defines).toEqual(["(c.x); (Error); (c.y); (Error); (c.z)"]);
  });

  it("two expressions on one line: the second is an error, the next line parses", () => {
    const r = parseRuby("x = 1 2\ny\n");
    expect(r.diagnostics[0].message).toBe('unexpected "2"; expected a line break or `;` before it');
    expect(sx(r.program.body)).toBe("(= x 1); (Error); (y)");
  });

  it("a missing end is reported at its opener, and indentation keeps later containers at top level", () => {
    const { r, defines } = containers(
      'Haconiwa.define do |c|\n  if x\n  c.bar "x"\nend\nHaconiwa.define do |d|\n  d.name = "b"\nend\n',
    );
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].message).toBe("`if` at line 2 has no matching `end`");
    expect(span(r.diagnostics[0].range)).toBe("2:3-2:5");
    expect(defines).toEqual(['(if:statement (x) [(c.bar (str "x"))])', '(= (d.name) (str "b"))']);
  });

  it("a block left open at the end of the file keeps its statements", () => {
    const r = parseRuby("Haconiwa.define do |c|\n  c.name = 'x'\n");
    expect(r.diagnostics.map((d) => d.message)).toEqual(["`do` at line 1 has no matching `end`"]);
    expect(sx(r.program.body)).toBe("(Haconiwa.define {c| (= (c.name) (str:' \"x\"))})");
  });

  it("an unterminated string is reported at its opening quote", () => {
    const r = parseRuby('x = 1\ny = "abc\n');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ kind: "syntax-error", message: "unterminated string literal: add the closing delimiter" }),
    ]);
    expect(span(r.diagnostics[0].range)).toBe("2:5-2:6");
    expect(r.program.body[0].type).toBe("Assign");
  });

  it("an unknown character is a syntax error, not a crash", () => {
    const r = parseRuby("x = 1\n\u0001\ny = 2\n");
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0].range.start.line).toBe(2);
    expect(sx(r.program.body.filter((n) => n.type !== "Error"))).toBe("(= x 1); (= y 2)");
  });
});
