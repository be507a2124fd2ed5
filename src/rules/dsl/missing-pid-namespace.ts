import type { Position } from "../../ast/nodes.js";
import type { ContainerModel } from "../../model/model.js";
import type { Fix } from "../../lint/diagnostic.js";
import { hasNamespace } from "../../model/container.js";
import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { offset, line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/** Inserts `<param>.namespace.unshare "pid"` on a new line after the define's `do |param|` line. */
function insertFix(text: string, define: ContainerModel): Fix | undefined {
  const param = define.blockParam;
  if (!param) return undefined;
  const from = define.defineNameRange.end.offset;
  const m = /^[^\n]*?\bdo\s*\|\s*([A-Za-z_]\w*)\s*\|[ \t]*(#[^\n]*)?\n/.exec(text.slice(from));
  if (!m || m[1] !== param) return undefined;
  const insertAt = from + m[0].length;
  const lineStart = text.lastIndexOf("\n", define.defineNameRange.start.offset - 1) + 1;
  const defineIndent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const next = /^([ \t]*)\S/m.exec(text.slice(insertAt));
  const bodyIndent = next && next[1].length > defineIndent.length ? next[1] : defineIndent + "  ";
  const pos = positionAt(text, insertAt);
  return { title: `Unshare the pid namespace`, edits: [{ range: { start: pos, end: pos }, newText: `${bodyIndent}${param}.namespace.unshare "pid"\n` }] };
}

/** Without a pid namespace the container sees and can signal every host process (harm: outside). */
export const rule: Rule = {
  meta: {
    id: "missing-pid-namespace",
    class: "hardening",
    suexec: [],
    harm: ["outside", "escape"],
    severity: "warning",
    fixable: true,
    docs: {
      summary: "Containers should unshare the pid namespace.",
      details: "Without `namespace.unshare \"pid\"` the container shares the host's process table: it can list host processes, read their `/proc` entries and, as root, signal or ptrace them.",
      fix: "Add `c.namespace.unshare \"pid\"` (the quick fix inserts it at the top of the define block).",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.name = "web"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.name = "web"\n  c.namespace.unshare "pid"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      if (hasNamespace(c, "pid")) continue;
      // namespace flags are shared between barn and children: one finding (and fix) in the barn's block
      const define = c.parent ?? c;
      const fix = insertFix(model.text, define);
      report({
        range: define.defineNameRange,
        message: `${c.parent ? "the containers of this barn share" : "the container shares"} the host's pid namespace and can see host processes: add ${define.blockParam ?? "c"}.namespace.unshare "pid"`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
