// Reading `.hacolint.yml` / `.hacolint.json`: discovery, parsing with positions, strict validation.
// YAML's parser reads JSON too, so both go through the same path and every error gets file:line:col.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { RuleSetting } from "../lint/engine.js";
import type { Policy } from "../policy/policy.js";
import { buildSchema } from "./schema.js";
import { formatPath, validateAgainstSchema, type JsonPath } from "./validate.js";

/** Names looked for in each directory, in this order. Two in one directory is an error. */
export const CONFIG_NAMES = [".hacolint.yml", ".hacolint.yaml", ".hacolint.json"] as const;

/** Configs are small; refusing big files keeps a mistaken path (a log, an image) from hanging us. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface Override {
  files: string[];
  policy: Partial<Policy>;
  rules: Record<string, RuleSetting>;
}

export interface HacolintConfig {
  /** Absolute path of the file read; null for the built-in defaults. */
  path: string | null;
  /** Directory that relative paths and override globs are resolved against. */
  dir: string;
  policy: Partial<Policy>;
  rules: Record<string, RuleSetting>;
  overrides: Override[];
  requireSuppressionReason: boolean;
  /** Absolute path of build_config.rb, or null. */
  buildConfig: string | null;
}

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Bad configuration. `message` holds one `file:line:col: message` line per problem. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

export function defaultConfig(dir: string): HacolintConfig {
  return { path: null, dir, policy: {}, rules: {}, overrides: [], requireSuppressionReason: false, buildConfig: null };
}

/** Nearest config file at or above `startDir`, or null. */
export function findConfig(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    const found = CONFIG_NAMES.map((name) => join(dir, name)).filter((p) => isFile(p));
    if (found.length > 1) {
      throw new ConfigError([{ file: found[1]!, line: 1, column: 1, message: `both ${found.join(" and ")} exist; keep one` }]);
    }
    if (found.length === 1) return found[0]!;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Read and validate one config file. `ruleIds` (all known rules) turns unknown ids in `rules:` into
 * errors. Throws ConfigError listing every problem found, each with its position.
 */
export function loadConfig(path: string, ruleIds?: readonly string[]): HacolintConfig {
  const file = resolve(path);
  let text: string;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES) throw problem(file, `config file is larger than ${MAX_CONFIG_BYTES} bytes`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw problem(file, code === "ENOENT" ? "config file not found" : `cannot read config file (${code ?? String(error)})`);
  }
  return parseConfig(text, file, ruleIds);
}

function problem(file: string, message: string): ConfigError {
  return new ConfigError([{ file, line: 1, column: 1, message }]);
}

/** Validate config text; `file` names it in errors and anchors relative paths. */
export function parseConfig(text: string, file: string, ruleIds?: readonly string[]): HacolintConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number, message: string): ConfigProblem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => at(e.pos[0], e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""))));
  }
  const value: unknown = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 });
  const errors = validateAgainstSchema(value, buildSchema(ruleIds));
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => at(offsetOf(doc.contents, e.path, e.atKey), e.message)));
  }
  const data = (value ?? {}) as {
    policy?: Partial<Policy>; rules?: Record<string, RuleSetting>; overrides?: Partial<Override>[];
    requireSuppressionReason?: boolean; buildConfig?: string;
  };
  const dir = dirname(file);
  return {
    path: file,
    dir,
    policy: data.policy ?? {},
    rules: data.rules ?? {},
    overrides: (data.overrides ?? []).map((o) => ({ files: o.files ?? [], policy: o.policy ?? {}, rules: o.rules ?? {} })),
    requireSuppressionReason: data.requireSuppressionReason ?? false,
    buildConfig: data.buildConfig === undefined ? null : resolve(dir, data.buildConfig),
  };
}

/** Offset of the YAML node a validation path points at (its key when `atKey`); the closest
 *  existing ancestor when the path goes further than the document (a missing required key). */
function offsetOf(node: YamlNode | null, path: JsonPath, atKey: boolean): number {
  let current: YamlNode | null = node;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      if (last && atKey && pair.key && (pair.key as YamlNode).range) return (pair.key as YamlNode).range![0];
      current = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    } else if (isSeq(current) && typeof segment === "number") {
      const item = current.items[segment] as YamlNode | undefined;
      if (!item) break;
      current = item;
    } else break;
  }
  return current?.range?.[0] ?? 0;
}

export { formatPath };
