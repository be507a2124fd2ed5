// Document symbols: one per container (children nested under their barn), key settings as children.
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { Range } from "../ast/nodes.js";
import type { ContainerModel, FileModel, Setting, Value } from "../model/model.js";
import { asString, describe } from "../model/values.js";

function toLsp(r: Range) {
  return { start: { line: r.start.line - 1, character: r.start.column - 1 }, end: { line: r.end.line - 1, character: r.end.column - 1 } };
}

function short(v: Value): string {
  const d = v.kind === "str" || v.kind === "path" ? v.value : describe(v);
  return d.length > 60 ? d.slice(0, 57) + "..." : d;
}

function setting(name: string, s: Setting | undefined): DocumentSymbol[] {
  if (!s) return [];
  return [{ name, detail: short(s.value), kind: SymbolKind.Property, range: toLsp(s.range), selectionRange: toLsp(s.range) }];
}

function containerSymbol(c: ContainerModel): DocumentSymbol {
  const name = c.name ? asString(c.name.value) ?? describe(c.name.value) : c.kind === "barn" ? "(barn)" : "(unnamed container)";
  const children: DocumentSymbol[] = [
    ...setting("name", c.name), ...setting("hostname", c.hostname), ...setting("init_command", c.initCommand),
    ...setting("uid", c.uid), ...setting("gid", c.gid), ...setting("rootfs", c.rootfs), ...setting("environ", c.environ),
    ...setting("workdir", c.workdir),
  ];
  for (const ns of c.namespaces) {
    children.push({ name: `namespace ${ns.name}`, detail: ns.how, kind: SymbolKind.Field, range: toLsp(ns.range), selectionRange: toLsp(ns.range) });
  }
  for (const cap of c.capabilities.whitelist) {
    children.push({ name: `allow ${short(cap.name)}`, kind: SymbolKind.Field, range: toLsp(cap.range), selectionRange: toLsp(cap.range) });
  }
  for (const cap of c.capabilities.blacklist) {
    children.push({ name: `drop ${short(cap.name)}`, kind: SymbolKind.Field, range: toLsp(cap.range), selectionRange: toLsp(cap.range) });
  }
  for (const m of c.mounts) {
    children.push({ name: `mount ${short(m.source)}`, detail: short(m.options), kind: SymbolKind.Field, range: toLsp(m.range), selectionRange: toLsp(m.range) });
  }
  for (const m of c.independentMounts) {
    children.push({ name: `mount_independent ${short(m.name)}`, kind: SymbolKind.Field, range: toLsp(m.range), selectionRange: toLsp(m.range) });
  }
  children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // Symbols must lie inside their parent's range; the inherited barn settings of a child do not.
  const inside = children.filter((s) => s.range.start.line >= c.defineRange.start.line - 1 && s.range.end.line <= c.defineRange.end.line - 1);
  return {
    name,
    detail: c.kind === "child" ? `child container${c.iteration ? ` (${c.iteration})` : ""}` : c.kind,
    kind: c.kind === "barn" ? SymbolKind.Namespace : SymbolKind.Class,
    range: toLsp(c.defineRange),
    selectionRange: toLsp(c.defineNameRange),
    children: [...inside, ...c.children.map(containerSymbol)],
  };
}

export function documentSymbols(model: FileModel): DocumentSymbol[] {
  return model.containers.filter((c) => c.parent === null).map(containerSymbol);
}
