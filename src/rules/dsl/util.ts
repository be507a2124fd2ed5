// Shared queries for the DSL rules: unique ops across barn and children, value ranges, names.
import type { Range } from "../../ast/nodes.js";
import type { ContainerModel, DslOp, FileModel, Value } from "../../model/model.js";
import { option } from "../../model/container.js";
import { possibilities } from "../../model/values.js";

export { option };

const uniqueCache = new WeakMap<FileModel, { op: DslOp; container: ContainerModel }[]>();

/**
 * Every DSL op once (a child repeats the barn's ops it copied), with the first container holding it.
 * Computed once per model: every DSL rule asks for it.
 */
export function uniqueOps(model: FileModel): { op: DslOp; container: ContainerModel }[] {
  const cached = uniqueCache.get(model);
  if (cached) return cached;
  const seen = new Set<number>();
  const out: { op: DslOp; container: ContainerModel }[] = [];
  for (const c of model.containers) {
    for (const op of c.ops) {
      if (seen.has(op.seq)) continue;
      seen.add(op.seq);
      out.push({ op, container: c });
    }
  }
  out.sort((a, b) => a.op.seq - b.op.seq);
  uniqueCache.set(model, out);
  return out;
}

/** Ops calling `method` on `target` ("" = the container itself). */
export function opsOf(model: FileModel, target: string, ...methods: string[]): DslOp[] {
  return uniqueOps(model).map((x) => x.op).filter((op) => op.target === target && methods.includes(op.method));
}

/** Where to report a value used by an op: the value when it is written inside the call, else the call. */
export function at(op: DslOp, v: Value | undefined): Range {
  if (!v) return op.range;
  return v.range.start.offset >= op.range.start.offset && v.range.end.offset <= op.range.end.offset ? v.range : op.range;
}

/** A String or Symbol's text (not numbers, not paths); undefined otherwise. */
export function nameOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === "str") return v.value;
  if (v.kind === "sym") return v.name;
  return undefined;
}

/** Known possibilities of a value (unknown ones dropped: rules never guess). */
export function known(v: Value | undefined): Value[] {
  return v ? possibilities(v).filter((p) => p.kind !== "unknown") : [];
}

/** The trailing keyword-argument hash of an op, if written. */
export function kwargs(op: DslOp): Value | undefined {
  const last = op.args[op.args.length - 1];
  return last && last.kind === "hash" ? last : undefined;
}

/** Does the hash (known) contain key (Symbol or String)? undefined when the hash is not known. */
export function hasKey(h: Value | undefined, key: string): boolean | undefined {
  if (!h || h.kind !== "hash") return undefined;
  return h.entries.some((e) => (e.key.kind === "sym" && e.key.name === key) || (e.key.kind === "str" && e.key.value === key));
}

/** The container whose daemon mode counts: a child asks its barn (§2.2). */
export function daemonOwner(c: ContainerModel): ContainerModel {
  return c.parent ?? c;
}

/** Ops a child ran itself (not the ones copied from its barn). */
export function ownOps(c: ContainerModel): DslOp[] {
  if (!c.parent) return c.ops;
  const inherited = new Set(c.parent.ops.map((o) => o.seq));
  return c.ops.filter((o) => !inherited.has(o.seq));
}

export function quote(s: string): string {
  return JSON.stringify(s);
}
