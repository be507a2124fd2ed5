// Prism as an oracle: for every fixture, the method calls our parser sees must equal what
// @ruby/prism (CRuby's own parser, compiled to wasm; a devDependency only) sees.
//
// Each call is compared as `line receiver.name/argc`, where
// - line is the 1-based line where the call expression starts (its receiver's start);
// - receiver is the exact source text of the receiver ("" when there is none);
// - argc counts positional arguments, splats, and one for all keyword arguments together;
//   a `&blk` argument and a literal block are not counted.
// Normalisation, so the two trees describe the same thing:
// - binary and unary operators (`a + b`, `!x`, `-x`, `a == b`) are CallNodes in prism and
//   Binary/Unary nodes here: excluded on both sides;
// - index reads `a[i]` are prism's `[]` (ours: Index), index writes `a[i] = v` are `[]=` with
//   argc = indexes + 1, attribute writes `x.y = v` are `y=` with argc 1 (ours: Assign targets);
// - op-assignments through a call (`a[i] ||= v`, `x.y += 1`) are not CallNodes in prism
//   (IndexOrWriteNode, CallOperatorWriteNode...): excluded on both sides, their parts are not;
// - keyword-ish forms we represent as calls (`yield`, `super`, `alias`, `undef`, `__FILE__`) are
//   not CallNodes in prism: excluded here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadPrism, Visitor, type CallNode as PrismCall, type Node as PrismNode } from "@ruby/prism";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRuby } from "../../grammar/parser.js";
import type { Node } from "../../src/ast/nodes.js";

const OPERATORS = new Set([
  "+", "-", "*", "/", "%", "**", "==", "!=", "<", ">", "<=", ">=", "<=>", "===", "<<", ">>", "&", "|", "^",
  "=~", "!~", "!", "-@", "+@", "~",
]);
const KEYWORD_CALLS = new Set(["yield", "super", "alias", "undef", "__FILE__"]);

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.(haco|rb)$/.test(name)) out.push(p);
  }
  return out.sort();
}

const root = join(import.meta.dirname, "../fixtures");
const files = fixtureFiles(root);

/** Calls as prism sees them. Prism locations are UTF-8 byte offsets. */
function prismCalls(parse: (s: string) => { value: PrismNode; errors: unknown[] }, text: string): string[] {
  const bytes = Buffer.from(text, "utf8");
  const lineOf = (byte: number) => {
    let line = 1;
    for (let i = 0; i < byte; i++) if (bytes[i] === 10) line++;
    return line;
  };
  const src = (n: PrismNode) => bytes.subarray(n.location.startOffset, n.location.startOffset + n.location.length).toString("utf8");
  const out: string[] = [];
  class Collect extends Visitor {
    override visitCallNode(node: PrismCall) {
      if (!OPERATORS.has(node.name)) {
        const argc = node.arguments_?.arguments_.filter((a) => a.constructor.name !== "BlockArgumentNode").length ?? 0;
        out.push(`${lineOf(node.location.startOffset)} ${node.receiver ? src(node.receiver) : ""}.${node.name}/${argc}`);
      }
      super.visitCallNode(node);
    }
  }
  const result = parse(text);
  expect(result.errors, "prism parses the fixture").toEqual([]);
  new Collect().visit(result.value);
  return out.sort();
}

/** Calls as our parser sees them, normalised as described above. */
function ourCalls(text: string): string[] {
  const r = parseRuby(text);
  expect(r.diagnostics.filter((d) => d.kind === "syntax-error"), "our parser parses the fixture").toEqual([]);
  const out: string[] = [];
  const src = (n: Node) => text.slice(n.range.start.offset, n.range.end.offset);
  const record = (start: Node, recv: Node | null, name: string, argc: number) =>
    out.push(`${start.range.start.line} ${recv ? src(recv) : ""}.${name}/${argc}`);
  const visit = (x: unknown): void => {
    if (!x || typeof x !== "object") return;
    if (Array.isArray(x)) { for (const y of x) visit(y); return; }
    const n = x as Node;
    if (n.type === "Assign" && (n.target.type === "Call" || n.target.type === "Index")) {
      const t = n.target;
      if (n.op === "=") record(n, t.receiver, t.type === "Index" ? "[]=" : t.name + "=", t.args.length + 1);
      visit(t.receiver);
      visit(t.args);
      visit(n.value);
      return;
    }
    if (n.type === "Call" && !KEYWORD_CALLS.has(n.name)) record(n, n.receiver, n.name, n.args.length);
    if (n.type === "Index") record(n, n.receiver, "[]", n.args.length);
    for (const [k, v] of Object.entries(n)) if (k !== "range" && k !== "nameRange" && k !== "opRange") visit(v);
  };
  visit(r.program.body);
  return out.sort();
}

describe("prism oracle", () => {
  let parse: (s: string) => { value: PrismNode; errors: unknown[] };
  beforeAll(async () => {
    parse = (await loadPrism()) as unknown as typeof parse;
  });

  it("finds the fixtures", () => {
    expect(files.some((f) => f.endsWith("idioms.haco"))).toBe(true);
  });

  for (const file of files) {
    it(relative(root, file), () => {
      const text = readFileSync(file, "utf8");
      const theirs = prismCalls(parse, text);
      expect(theirs.length).toBeGreaterThan(0);
      expect(ourCalls(text)).toEqual(theirs);
    });
  }
});
