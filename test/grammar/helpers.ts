// Test helpers: a compact S-expression rendering of the AST, so a test can assert a whole tree's
// shape in one readable string, plus accessors for ranges.
import { expect } from "vitest";
import type { Node, ParseResult, Range, StrPart } from "../../src/ast/nodes.js";
import { parseRuby } from "../../grammar/parser.js";

function parts(ps: StrPart[]): string {
  return ps.map((p) => (p.kind === "text" ? JSON.stringify(p.value) : `#{${sx(p.body)}}`)).join(" ");
}

/** Renders nodes as S-expressions; `sx` of a statement list joins them with "; ". */
export function sx(n: Node | Node[] | null | undefined): string {
  if (Array.isArray(n)) return n.map(sx).join("; ");
  if (!n) return "nil?";
  switch (n.type) {
    case "Call": {
      const head = (n.receiver ? sx(n.receiver) + (n.colon2 ? "::" : ".") : "") + n.name;
      const args = n.args.map(sx);
      if (n.blockArg) args.push(sx(n.blockArg));
      const block = n.block ? ` {${n.block.params.map((p) => p.name).join(",")}| ${sx(n.block.body)}}` : "";
      return `(${head}${n.parens ? "()" : ""}${args.length ? " " + args.join(", ") : ""}${block})`;
    }
    case "Str": return `(str${n.quote === '"' ? "" : ":" + n.quote} ${parts(n.parts)})`;
    case "XStr": return `(xstr ${parts(n.parts)})`;
    case "Sym": return ":" + n.name;
    case "Int": case "Float": return n.raw;
    case "Nil": return "nil"; case "True": return "true"; case "False": return "false"; case "Self": return "self";
    case "LVar": case "IVar": case "GVar": return n.name;
    case "Const": return (n.top ? "::" : "") + (n.scope ? sx(n.scope) + "::" : "") + n.name;
    case "Array": return (n.words ? "%w" : "") + "[" + n.elements.map(sx).join(", ") + "]";
    case "Hash": return (n.braces ? "{" : "{{") + n.pairs.map((p) => `${sx(p.key)}${p.label ? ":" : " =>"} ${sx(p.value)}`).join(", ") + (n.braces ? "}" : "}}");
    case "RangeLit": return `(${sx(n.low)}${n.exclusive ? "..." : ".."}${sx(n.high)})`;
    case "Assign": return `(${n.op} ${sx(n.target)} ${sx(n.value)})`;
    case "MultiAssign": return `(masgn ${n.targets.map(sx).join(", ")} ${sx(n.value)})`;
    case "Index": return `(index ${sx(n.receiver)} ${n.args.map(sx).join(", ")})`;
    case "Binary": return `(${n.op} ${sx(n.left)} ${sx(n.right)})`;
    case "Unary": return `(${n.op} ${sx(n.operand)})`;
    case "If": return `(${n.negate ? "unless" : "if"}:${n.form} ${sx(n.cond)} [${sx(n.then)}]${n.otherwise ? ` [${sx(n.otherwise)}]` : ""})`;
    case "Paren": return `(paren ${sx(n.body)})`;
    case "Def": return `(def ${n.receiver ? sx(n.receiver) + "." : ""}${n.name}(${n.params.map((p) => p.name).join(",")}) [${sx(n.body)}])`;
    case "Module": return `(module ${sx(n.path)} [${sx(n.body)}])`;
    case "Class": return `(class ${sx(n.path)} [${sx(n.body)}])`;
    case "Splat": return `(${n.double ? "**" : "*"}${sx(n.value)})`;
    case "BlockPass": return `(&${sx(n.value)})`;
    case "Next": case "Break": case "Return": return `(${n.type.toLowerCase()}${n.value ? " " + sx(n.value) : ""})`;
    default: return `(${n.type})`;
  }
}

/** Parses text that must be free of diagnostics. */
export function clean(text: string): ParseResult {
  const r = parseRuby(text);
  expect(r.diagnostics, "diagnostics for " + JSON.stringify(text)).toEqual([]);
  return r;
}

/** S-expression of the statements of text that must parse cleanly. */
export function tree(text: string): string {
  return sx(clean(text).program.body);
}

/** `line:col-line:col` (1-based, UTF-16 columns, end exclusive) for compact range assertions. */
export function span(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** Every node of a tree, depth first, including interpolation bodies and blocks. */
export function walk(root: Node | Node[], visit: (n: Node) => void): void {
  const stack: unknown[] = Array.isArray(root) ? [...root] : [root];
  while (stack.length) {
    const x = stack.pop();
    if (!x || typeof x !== "object") continue;
    if (Array.isArray(x)) { stack.push(...x); continue; }
    const o = x as Record<string, unknown>;
    if (typeof o.type === "string" && o.range) visit(o as unknown as Node);
    for (const [k, v] of Object.entries(o)) if (k !== "range" && k !== "nameRange" && k !== "opRange" && typeof v === "object") stack.push(v);
  }
}

/** Slice of the source a range covers; checks offsets and line/column agree. */
export function textAt(r: ParseResult, range: Range, source: string): string {
  for (const p of [range.start, range.end]) {
    expect(p.offset - r.lineStarts[p.line - 1] + 1, "column agrees with offset").toBe(p.column);
  }
  return source.slice(range.start.offset, range.end.offset);
}
