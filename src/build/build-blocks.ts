// Locates the MRuby::Build / MRuby::CrossBuild blocks and helper `def`s of a build_config.rb
// with TWO independent readers: the project's Ruby parser (grammar/parser.ts) and the small
// keyword scanner (ruby-scan.ts). When the parser reads the file without diagnostics, both
// must find the same blocks, or we refuse to edit (a wrong block end would corrupt the file).
// When the parser cannot read it (constructs outside the Hacofile subset), the scanner alone
// decides, as it is written for exactly this job.
import { parseRuby } from "../../grammar/parser.js";
import type { BlockNode, CallNode, DefNode, Node } from "../ast/nodes.js";
import { findBuildBlocks as scanBlocks, findMethodDefs as scanDefs, RubyScanError, type BuildBlock, type MethodDef } from "./ruby-scan.js";

export interface BuildLayout { blocks: BuildBlock[]; defs: MethodDef[]; reader: "parser+scanner" | "scanner" }

function isBuildCall(n: Node): n is CallNode & { block: BlockNode } {
  if (n.type !== "Call" || n.name !== "new" || n.block === null || n.receiver?.type !== "Const") return false;
  const c = n.receiver;
  return (c.name === "Build" || c.name === "CrossBuild") && c.scope?.type === "Const" && c.scope.name === "MRuby" && c.scope.scope === null;
}

/** Every AST node below `root`, found generically (any property holding nodes). */
function* walk(v: unknown): Generator<Node> {
  if (Array.isArray(v)) { for (const x of v) yield* walk(x); return; }
  if (v === null || typeof v !== "object") return;
  const o = v as Record<string, unknown>;
  if (typeof o.type === "string" && o.range) yield o as unknown as Node;
  for (const [k, x] of Object.entries(o)) if (k !== "range" && k !== "nameRange" && k !== "opRange") yield* walk(x);
}

function fromParser(src: string): { blocks: BuildBlock[]; defs: MethodDef[] } | null {
  const parsed = parseRuby(src);
  if (parsed.diagnostics.length > 0) return null;
  const blocks: BuildBlock[] = [];
  const defs: MethodDef[] = [];
  for (const n of walk(parsed.program)) {
    if (n.type === "Def") {
      const d = n as DefNode;
      defs.push({ name: d.name, start: d.range.start.offset, end: d.range.end.offset });
    }
    if (!isBuildCall(n)) continue;
    const b = n.block;
    const end = b.range.end.offset;
    const endKeyword = end - (b.braces ? 1 : 3);
    // the body starts on the line after the opener and its |params|
    const afterParams = b.params.length > 0 ? Math.max(...b.params.map((p) => p.range.end.offset)) : b.range.start.offset;
    const nl = src.indexOf("\n", afterParams);
    blocks.push({
      kind: `MRuby::${(n.receiver as { name: string }).name}`,
      start: n.range.start.offset,
      bodyStart: nl < 0 || nl > endKeyword ? endKeyword : nl + 1,
      endKeyword, end,
      param: b.params[0]?.name ?? null,
    });
  }
  return { blocks: blocks.sort((a, b) => a.start - b.start), defs: defs.sort((a, b) => a.start - b.start) };
}

/** Both readers; throws RubyScanError when the scanner fails or the two disagree. */
export function readBuildLayout(src: string): BuildLayout {
  const blocks = scanBlocks(src);
  const defs = scanDefs(src);
  const parsed = fromParser(src);
  if (!parsed) return { blocks, defs, reader: "scanner" };
  const key = (b: BuildBlock): string => `${b.kind}@${b.start}-${b.endKeyword}-${b.end}:${b.param}`;
  const a = blocks.map(key).join(","), p = parsed.blocks.map(key).join(",");
  if (a !== p) throw new RubyScanError(`the Ruby parser and the scanner disagree about the build blocks (${p} vs ${a}); refusing to edit`, 0);
  return { blocks, defs, reader: "parser+scanner" };
}
