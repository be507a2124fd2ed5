// Exact ranges: 0-based offset, 1-based line, 1-based column in UTF-16 code units, end exclusive.
import { describe, expect, it } from "vitest";
import type { AssignNode, CallNode, IndexNode, StrNode } from "../../src/ast/nodes.js";
import { clean, span, textAt } from "./helpers.js";

describe("ranges", () => {
  it("a call with a receiver, its name and its argument", () => {
    const src = "x = 1\nconfig.chroot_to root\n";
    const r = clean(src);
    const call = r.program.body[1] as CallNode;
    expect(call.range).toEqual({ start: { offset: 6, line: 2, column: 1 }, end: { offset: 27, line: 2, column: 22 } });
    expect(span(call.nameRange)).toBe("2:8-2:17");
    expect(textAt(r, call.nameRange, src)).toBe("chroot_to");
    expect(textAt(r, call.args[0].range, src)).toBe("root");
  });

  it("columns count UTF-16 code units: an emoji before a call on the same line", () => {
    // "😀" is one code point but two UTF-16 units, so `foo` starts at column 11 (10 if counting code points).
    const src = 'x = "😀"; foo(1)\n';
    const r = clean(src);
    const call = r.program.body[1] as CallNode;
    expect(call.range.start).toEqual({ offset: 10, line: 1, column: 11 });
    expect(src.slice(call.range.start.offset, call.range.end.offset)).toBe("foo(1)");
    expect(span(call.range)).toBe("1:11-1:17");
    // and a multi-byte character that is a single UTF-16 unit
    const r2 = clean('y = "é"; bar\n');
    expect(span(r2.program.body[1].range)).toBe("1:10-1:13");
  });

  it("assignment targets and values inside a block", () => {
    const src = 'Haconiwa.define do |c|\n  c.name = "web"\nend\n';
    const r = clean(src);
    const define = r.program.body[0] as CallNode;
    expect(span(define.range)).toBe("1:1-3:4");
    expect(span(define.block!.range)).toBe("1:17-3:4");
    expect(span(define.block!.params[0].range)).toBe("1:21-1:22");
    const assign = define.block!.body[0] as AssignNode;
    expect(span(assign.range)).toBe("2:3-2:17");
    expect(span(assign.target.range)).toBe("2:3-2:9");
    expect(span(assign.value.range)).toBe("2:12-2:17");
  });

  it("string parts and interpolation bodies point into the file", () => {
    const src = 'n = "web"\ns = "a-#{n}-b"\n';
    const r = clean(src);
    const str = (r.program.body[1] as AssignNode).value as StrNode;
    expect(str.parts.map((p) => span(p.range))).toEqual(["2:6-2:8", "2:8-2:12", "2:12-2:14"]);
    const interp = str.parts[1];
    expect(interp.kind === "interp" && span(interp.body[0].range)).toBe("2:10-2:11");
  });

  it("heredoc body parts are on the lines after the opener", () => {
    const src = "p.run <<-SH, 1\n  echo #{x}\n  SH\n";
    const r = clean(src);
    const heredoc = (r.program.body[0] as CallNode).args[0] as StrNode;
    expect(span(heredoc.range)).toBe("1:7-1:12");
    expect(heredoc.parts.map((p) => span(p.range))).toEqual(["2:1-2:8", "2:8-2:12", "2:12-3:1"]);
    expect(span((r.program.body[0] as CallNode).args[1].range)).toBe("1:14-1:15");
  });

  it("index assignment and slices", () => {
    const src = 'cg["pids.max"] = 64\n';
    const r = clean(src);
    const target = (r.program.body[0] as AssignNode).target as IndexNode;
    expect(span(target.range)).toBe("1:1-1:15");
    expect(textAt(r, target.args[0].range, src)).toBe('"pids.max"');
  });

  it("%w elements each have their own range across lines", () => {
    const src = "d = %w(\n  curl\n  git\n)\n";
    const r = clean(src);
    const arr = (r.program.body[0] as AssignNode).value as { elements: StrNode[]; range: unknown };
    expect(arr.elements.map((e) => span(e.range))).toEqual(["2:3-2:7", "3:3-3:6"]);
  });

  it("CRLF line endings: the \\r belongs to the previous line", () => {
    const src = "a = 1\r\nfoo 2\r\n";
    const r = clean(src);
    expect(span(r.program.body[1].range)).toBe("2:1-2:6");
  });

  it("comments carry ranges", () => {
    const r = clean("x = 1 # note\n");
    expect(span(r.comments[0].range)).toBe("1:7-1:13");
  });
});
