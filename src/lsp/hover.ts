// Hover: rule docs for a diagnostic under the cursor, DSL help for a method name, and the value the
// evaluator resolved for the expression under the cursor.
import type { CallNode, Node, Range } from "../ast/nodes.js";
import type { LintResult } from "../lint/engine.js";
import type { ContainerModel, DslOp, Value } from "../model/model.js";
import { describe } from "../model/values.js";
import type { RuleMeta } from "../rules/rule.js";
import { contains, findCallAt } from "./ast-walk.js";
import { hoverMarkdown, lookupDsl, SUB_OBJECTS } from "./dsl-docs.js";

const DOCS_BASE = "https://github.com/hacolint/hacolint/blob/main/docs/rules/";

export interface HoverFound {
  markdown: string;
  range: Range;
}

/** Receiver of a DSL call: "" for the container, a sub-object name, "Haconiwa", or null if unknown. */
export function callTarget(call: CallNode, blockParams: ReadonlySet<string>): string | null {
  const r = call.receiver;
  if (!r) return null;
  if (r.type === "Const" && r.name === "Haconiwa") return "Haconiwa";
  if (r.type === "Call" && SUB_OBJECTS.has(r.name) && r.receiver) return r.name;
  if (r.type === "LVar" && blockParams.has(r.name)) return "";
  if (r.type === "Call" && !r.receiver && r.args.length === 0 && blockParams.has(r.name)) return "";
  return null;
}

export function ruleHover(meta: RuleMeta | undefined, ruleId: string, message: string): string {
  const head = `**${ruleId}**: ${message}`;
  if (!meta) return head;
  return [head, "", `*${meta.docs.summary}*`, "", meta.docs.details.trim(), "", "**How to fix:** " + meta.docs.fix.trim(), "", `[Rule documentation](${DOCS_BASE}${encodeURIComponent(ruleId)}.md)`].join("\n");
}

/** Render a value for hover; strings and paths as their plain text. */
export function valueText(v: Value): string {
  if (v.kind === "str" || v.kind === "path") return v.value;
  return describe(v);
}

function opAt(containers: ContainerModel[], offset: number): { op: DslOp; arg?: { node: Node; value: Value } } | null {
  let best: { op: DslOp; arg?: { node: Node; value: Value } } | null = null;
  let bestLen = Infinity;
  for (const c of containers) {
    for (const op of c.ops) {
      if (!contains(op.range, offset)) continue;
      op.argNodes.forEach((node, i) => {
        const value = op.args[i];
        if (!value || !contains(node.range, offset)) return;
        let hit: { node: Node; value: Value } = { node, value };
        // keyword arguments: narrow to the pair under the cursor
        if (node.type === "Hash" && value.kind === "hash" && value.entries.length === node.pairs.length) {
          node.pairs.forEach((pair, j) => {
            if (contains(pair.value.range, offset)) hit = { node: pair.value, value: value.entries[j]!.value };
          });
        }
        const len = hit.node.range.end.offset - hit.node.range.start.offset;
        if (len < bestLen) {
          bestLen = len;
          best = { op, arg: hit };
        }
      });
    }
  }
  return best;
}

export function hoverAt(result: LintResult, offset: number, metas: ReadonlyMap<string, RuleMeta>): HoverFound | null {
  const sections: string[] = [];
  let range: Range | null = null;
  const widen = (r: Range) => {
    if (!range || r.end.offset - r.start.offset < range.end.offset - range.start.offset) range = r;
  };

  for (const d of result.diagnostics) {
    if (!contains(d.range, offset)) continue;
    sections.push(ruleHover(metas.get(d.ruleId), d.ruleId, d.message));
    widen(d.range);
  }

  const model = result.model;
  const params = new Set(model.containers.map((c) => c.blockParam).filter((p): p is string => Boolean(p)));
  const call = findCallAt(result.parse.program, offset);
  const entry = call ? lookupDsl(callTarget(call, params), call.name) : undefined;
  if (call && entry) {
    {
      const lines = [hoverMarkdown(entry)];
      const op = model.containers.flatMap((c) => c.ops).find((o) => o.nameRange.start.offset === call.nameRange.start.offset);
      if (op && op.args.length) lines.push("", "Resolved: " + op.args.map((a) => "`" + valueText(a) + "`").join(", "));
      sections.push(lines.join("\n"));
      widen(call.nameRange);
    }
  } else {
    const hit = opAt(model.containers, offset);
    if (hit?.arg) {
      sections.push("Resolved value: `" + valueText(hit.arg.value) + "`" + via(hit.arg.value));
      widen(hit.arg.node.range);
    } else {
      let best: { range: Range; value: Value } | null = null;
      for (const entry of model.resolved.values()) {
        if (!contains(entry.range, offset)) continue;
        if (!best || entry.range.end.offset - entry.range.start.offset < best.range.end.offset - best.range.start.offset) best = entry;
      }
      if (best) {
        sections.push("Resolved value: `" + valueText(best.value) + "`" + via(best.value));
        widen(best.range);
      }
    }
  }
  if (!sections.length || !range) return null;
  return { markdown: sections.join("\n\n---\n\n"), range };
}

function via(v: Value): string {
  if (!v.via?.length) return "";
  return `\n\nvia line${v.via.length > 1 ? "s" : ""} ${v.via.map((r) => r.start.line).join(", ")}`;
}
