// Completion from the text before the cursor: DSL members after `config.` / `config.<sub>.`, and
// value names (namespaces, capabilities, hook points, ...) inside a string or symbol argument.
import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import { lookupDsl, membersOf, SUB_OBJECTS, VALUE_SETS } from "./dsl-docs.js";

/** `recv.sub.partial` at the end of the line. */
const MEMBER = /([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\.([A-Za-z_][A-Za-z0-9_]*)?$/;
/** `method(args..., "partial` or `method :partial` at the end of the line. */
const ARGUMENT = /([A-Za-z_][A-Za-z0-9_]*[!?]?)\s*(?:\(\s*|\s+)(?:(?:"[^"]*"|'[^']*'|:[A-Za-z_]\w*|[A-Za-z_]\w*:\s*(?:"[^"]*"|'[^']*'|:[A-Za-z_]\w*|\d+))\s*,\s*)*(?:(type):\s*)?(["']|:)([A-Za-z0-9_-]*)$/;

export function completions(lineText: string, position: { line: number; character: number }, blockParams: ReadonlySet<string>): CompletionItem[] {
  const arg = ARGUMENT.exec(lineText);
  if (arg) {
    const [, method, keyword, quote, partial = ""] = arg;
    const entry = keyword ? lookupDsl("", "add_cgroup_hook") : lookupDsl(null, method!) ?? lookupDsl("", method!);
    if (entry?.argSet && (!keyword || method === "add_cgroup_hook")) {
      const start = { line: position.line, character: position.character - partial.length };
      return VALUE_SETS[entry.argSet].map((name, i) => ({
        label: name,
        kind: CompletionItemKind.EnumMember,
        detail: `${entry.name} ${quote === ":" ? "symbol" : "string"}`,
        sortText: String(i).padStart(3, "0"),
        textEdit: { range: { start, end: position }, newText: name },
      }));
    }
  }
  const member = MEMBER.exec(lineText);
  if (!member) return [];
  const [, head, chainText = "", partial = ""] = member;
  const chain = chainText.split(".").filter(Boolean);
  let target: string | null;
  if (head === "Haconiwa" && chain.length === 0) target = "Haconiwa";
  else if (chain.length === 0) target = blockParams.size === 0 || blockParams.has(head!) || /^(c|conf|config|barn|child|base)$/.test(head!) ? "" : null;
  else if (chain.length === 1 && SUB_OBJECTS.has(chain[0]!)) target = chain[0]!;
  else target = null;
  if (target === null) return [];
  const start = { line: position.line, character: position.character - partial.length };
  return membersOf(target).map((m) => {
    const attr = m.name.endsWith("=") && m.name !== "[]=";
    const label = attr ? m.name.slice(0, -1) : m.name;
    return {
      label,
      kind: m.object ? CompletionItemKind.Module : attr ? CompletionItemKind.Property : CompletionItemKind.Method,
      detail: m.values,
      documentation: m.summary,
      textEdit: { range: { start, end: position }, newText: attr ? `${label} = ` : label },
    };
  }).filter((item) => item.label !== "[]");
}

