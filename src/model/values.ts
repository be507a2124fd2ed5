// Constructors and queries for evaluated values (src/model/model.ts). Unknown values keep the
// reason and, when launch-time input steers them, the input's source; operations on values
// propagate that source (taint), so `"/srv/" + ENV["APP"]` stays steered by the environment.
import type { Range } from "../ast/nodes.js";
import type { InputSource, Value } from "./model.js";

export function unknown(range: Range, reason: string, source?: InputSource): Value {
  return source ? { kind: "unknown", reason, source, range } : { kind: "unknown", reason, range };
}

/** The first launch-time input source found in these values (depth-first). */
export function steeringSource(...values: (Value | undefined)[]): Value | undefined {
  for (const v of values) {
    const s = v && steeredBy(v);
    if (s) return s;
  }
  return undefined;
}

const steeredCache = new WeakMap<Value, Value | null>();

/** Memoised per value object: arrays and hashes are shared by many settings (barn children). */
function steeredBy(v: Value): Value | undefined {
  if (v.kind === "unknown") return v.source ? v : undefined;
  if (v.kind !== "either" && v.kind !== "array" && v.kind !== "hash") return undefined;
  const cached = steeredCache.get(v);
  if (cached !== undefined) return cached ?? undefined;
  let found: Value | undefined;
  if (v.kind === "either") found = firstSteered(v.options);
  else if (v.kind === "array") found = firstSteered(v.items);
  else for (const e of v.entries) if ((found = steeredBy(e.key) ?? steeredBy(e.value))) break;
  steeredCache.set(v, found ?? null);
  return found;
}

function firstSteered(list: Value[]): Value | undefined {
  for (const item of list) {
    const s = steeredBy(item);
    if (s) return s;
  }
  return undefined;
}

/**
 * An unknown result of combining `inputs`. When launch-time input is among them, the result keeps
 * that input's reason and source (the root cause), not a growing chain of operations.
 */
export function derived(range: Range, reason: string, ...inputs: (Value | undefined)[]): Value {
  const steered = steeringSource(...inputs);
  if (steered && steered.kind === "unknown") return { kind: "unknown", reason: steered.reason, source: steered.source, range, via: [...(steered.via ?? []), steered.range] };
  return unknown(range, reason);
}

/** A short label for messages: the value when known, "an unknown value" otherwise. */
export function label(v: Value): string {
  if (v.kind === "unknown" || v.kind === "either") return "an unknown value";
  const d = describe(v);
  return d.length > 40 ? d.slice(0, 37) + "..." : d;
}

export function either(range: Range, options: Value[]): Value {
  const flat: Value[] = [];
  for (const o of options) {
    if (o.kind === "either") flat.push(...o.options);
    else flat.push(o);
  }
  return flat.length === 1 ? flat[0] : { kind: "either", options: flat, range };
}

/** Every concrete possibility of a value (an `either` expands; everything else is itself). */
export function possibilities(v: Value): Value[] {
  return v.kind === "either" ? v.options.flatMap(possibilities) : [v];
}

export function isKnownScalar(v: Value): v is Extract<Value, { kind: "str" | "int" | "float" | "sym" | "bool" | "nil" | "path" }> {
  return v.kind === "str" || v.kind === "int" || v.kind === "float" || v.kind === "sym" || v.kind === "bool" || v.kind === "nil" || v.kind === "path";
}

/** Ruby truthiness when known: only nil and false are falsy. */
export function truthiness(v: Value): boolean | undefined {
  if (v.kind === "nil") return false;
  if (v.kind === "bool") return v.value;
  if (v.kind === "unknown") return undefined;
  if (v.kind === "either") {
    const all = v.options.map(truthiness);
    return all.every((t) => t === true) ? true : all.every((t) => t === false) ? false : undefined;
  }
  return true;
}

/** String form of a known value as Ruby's to_s would give it; undefined when not known. */
export function asString(v: Value): string | undefined {
  switch (v.kind) {
    case "str": case "path": return v.value;
    case "int": case "float": return String(v.value);
    case "sym": return v.name;
    case "nil": return "";
    case "bool": return String(v.value);
    default: return undefined;
  }
}

/** Hash lookup by a Ruby key written as a symbol or string name. */
export function hashGet(h: Value, key: string): Value | undefined {
  if (h.kind !== "hash") return undefined;
  for (let i = h.entries.length - 1; i >= 0; i--) {
    const k = h.entries[i].key;
    if ((k.kind === "sym" && k.name === key) || (k.kind === "str" && k.value === key)) return h.entries[i].value;
  }
  return undefined;
}

/** Human description of a value for messages and hover. */
export function describe(v: Value): string {
  switch (v.kind) {
    case "str": return JSON.stringify(v.value);
    case "path": return `Pathname(${JSON.stringify(v.value)})`;
    case "int": case "float": return String(v.value);
    case "sym": return `:${v.name}`;
    case "bool": return String(v.value);
    case "nil": return "nil";
    case "array": return `[${v.items.map(describe).join(", ")}]`;
    case "hash": return `{${v.entries.map((e) => `${describe(e.key)} => ${describe(e.value)}`).join(", ")}}`;
    case "range": return `${v.low}${v.exclusive ? "..." : ".."}${v.high}`;
    case "unknown": return `unknown: ${v.reason}`;
    case "either": return v.options.map(describe).join(" or ");
  }
}

/** Normalises a POSIX path lexically ("a//b/./c" → "a/b/c"); keeps ".." so callers can refuse it. */
export function normalizePath(p: string): string {
  const abs = p.startsWith("/");
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    parts.push(seg);
  }
  return (abs ? "/" : "") + parts.join("/");
}

/** Ruby's Pathname#join / Pathname#+: an absolute part replaces what came before. */
export function joinPath(base: string, part: string): string {
  if (part.startsWith("/")) return part;
  if (base === "") return part;
  return base.endsWith("/") ? base + part : `${base}/${part}`;
}
