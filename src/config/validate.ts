// A small interpreter for the JSON Schema subset in schema.ts. It exists so the loader validates
// with the very schema we ship (no second, hand-written copy of the rules to drift), and so each
// error carries a path the loader can map back to a line and column in the YAML/JSON text.
import type { JsonSchema } from "./schema.js";

export type JsonPath = (string | number)[];

export interface SchemaError {
  path: JsonPath;
  /** True when the error is about the key itself (unknown key), not its value. */
  atKey: boolean;
  message: string;
}

const KNOWN_KEYWORDS = new Set([
  "$schema", "$id", "$ref", "$defs", "title", "description", "default", "type", "properties",
  "additionalProperties", "propertyNames", "required", "items", "minItems", "uniqueItems", "enum",
  "minimum", "pattern", "anyOf",
]);

export function validateAgainstSchema(value: unknown, root: JsonSchema): SchemaError[] {
  const errors: SchemaError[] = [];
  check(value, root, root, [], errors);
  return errors;
}

/** Human form of a path: `overrides[0].rules.foo`. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out || "(top level)";
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const match = /^#\/\$defs\/([\w-]+)$/.exec(schema.$ref);
  const target = match && root.$defs?.[match[1]!];
  if (!target) throw new Error(`schema: unsupported $ref ${schema.$ref}`);
  return resolveRef(target, root);
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function typeMatches(value: unknown, type: NonNullable<JsonSchema["type"]>): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

/** Closest candidate by edit distance, for "did you mean" hints on typos. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function check(value: unknown, schemaIn: JsonSchema, root: JsonSchema, path: JsonPath, errors: SchemaError[]): void {
  const schema = resolveRef(schemaIn, root);
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`schema: keyword ${keyword} is not supported by the loader`);
  }
  const where = formatPath(path);
  const fail = (message: string, atKey = false, at: JsonPath = path) => errors.push({ path: at, atKey, message });

  if (schema.anyOf) {
    const branchErrors = schema.anyOf.map((branch) => {
      const local: SchemaError[] = [];
      check(value, branch, root, path, local);
      return local;
    });
    if (branchErrors.every((e) => e.length > 0)) {
      const types = schema.anyOf.map((b) => resolveRef(b, root).type ?? "value").join(" or ");
      fail(`${where} must be a ${types} (got ${describe(value)})`);
    }
    return;
  }
  if (schema.enum && !schema.enum.includes(value as never)) {
    const hint = typeof value === "string" ? closest(value, schema.enum.filter((e): e is string => typeof e === "string")) : undefined;
    fail(`${where} must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")} (got ${describe(value)})` +
      (hint ? `; did you mean "${hint}"?` : ""));
    return;
  }
  if (schema.type && !typeMatches(value, schema.type)) {
    fail(`${where} must be ${/^[aeiou]/.test(schema.type) ? "an" : "a"} ${schema.type} (got ${describe(value)})`);
    return;
  }
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) {
    fail(`${where} must be at least ${schema.minimum} (got ${value})`);
  }
  if (typeof value === "string" && schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
    fail(`${where} ${patternMeaning(schema.pattern)} (got ${describe(value)})`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`${where} must have at least ${schema.minItems} item(s)`);
    if (schema.uniqueItems) {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const key = JSON.stringify(item);
        if (seen.has(key)) fail(`${formatPath([...path, i])} repeats ${describe(item)}`, false, [...path, i]);
        seen.add(key);
      });
    }
    if (schema.items) value.forEach((item, i) => check(item, schema.items!, root, [...path, i], errors));
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in object)) fail(`${where} is missing the required key "${key}"`);
    }
    const known = Object.keys(schema.properties ?? {});
    for (const [key, child] of Object.entries(object)) {
      const childPath = [...path, key];
      const propertySchema = schema.properties?.[key];
      if (propertySchema) {
        check(child, propertySchema, root, childPath, errors);
        continue;
      }
      if (schema.propertyNames) {
        const nameErrors: SchemaError[] = [];
        check(key, schema.propertyNames, root, childPath, nameErrors);
        if (nameErrors.length > 0) {
          const hint = closest(key, resolveRef(schema.propertyNames, root).enum?.map(String) ?? []);
          fail(`unknown rule id "${key}" in ${where}` + (hint ? `; did you mean "${hint}"?` : ""), true, childPath);
          continue;
        }
      }
      if (schema.additionalProperties === false) {
        const hint = closest(key, known);
        fail(`unknown key "${key}" in ${where}; expected ${known.map((k) => `"${k}"`).join(", ")}` +
          (hint ? ` (did you mean "${hint}"?)` : ""), true, childPath);
      } else if (typeof schema.additionalProperties === "object") {
        check(child, schema.additionalProperties, root, childPath, errors);
      }
    }
  }
}

/** Say what a pattern demands in words; regexes are no help in an error message. */
function patternMeaning(pattern: string): string {
  switch (pattern) {
    case "^/": return "must be an absolute path";
    case "\\S": return "must not be empty";
    case "^[A-Za-z_][A-Za-z0-9_]*$": return "must be an environment variable name";
    case "^[^\\s:]+$": return "must be a user name";
    default: return `must match /${pattern}/`;
  }
}
