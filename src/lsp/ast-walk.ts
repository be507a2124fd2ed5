// Finding the AST node under the cursor. The walk is generic over node objects (anything with a
// `type` and a `range`) and prunes subtrees whose range does not contain the offset.
import type { CallNode, Node, ProgramNode, Range } from "../ast/nodes.js";

export function contains(r: Range, offset: number): boolean {
  return r.start.offset <= offset && offset <= r.end.offset;
}

function isRanged(v: unknown): v is { range: Range } {
  return typeof v === "object" && v !== null && "range" in v && typeof (v as { range: unknown }).range === "object";
}

/** Every node (innermost last) on the path from the program to `offset`. */
export function nodesAt(program: ProgramNode, offset: number): Node[] {
  const path: Node[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 400 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    if (isRanged(value) && !contains(value.range, offset)) return;
    if (typeof (value as { type?: unknown }).type === "string") path.push(value as Node);
    for (const [key, child] of Object.entries(value)) {
      if (key === "range" || key === "nameRange" || key === "opRange") continue;
      if (typeof child === "object" && child !== null) visit(child, depth + 1);
    }
  };
  visit(program.body, 0);
  return path;
}

/** The innermost call whose method name is under `offset`. */
export function findCallAt(program: ProgramNode, offset: number): CallNode | null {
  const path = nodesAt(program, offset);
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]!;
    if (n.type === "Call" && contains(n.nameRange, offset)) return n;
  }
  return null;
}
