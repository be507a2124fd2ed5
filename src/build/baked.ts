// The policy baked into a haconiwa build, learned from its build_config.rb (never run), so that
// `hacolint --build-config build_config.rb Hacofile` reports as errors exactly what that binary
// would refuse.
//
// Which build: the targets that build haconiwa (a gem whose path, GitHub repository or mgem
// name mentions haconiwa); when no target does, those that have the generated gem
// mruby-hacolint-validate. If several such targets bake different validations or parameters,
// we cannot tell which binary is meant, and say so (BuildConfigError).
//
// Defines → policy: HACONIWA_SECURE_RUN → hacofile-owner; each HACOLINT_* validation define of
// the catalogue → its id; the parameter defines (PARAMETER_DEFINES) → the policy values (lists
// are ':'-joined, strings C literals). The always-error class is always baked.
//
// Merging with the config (applyBuildConfig): the build REPLACES the config's policy for what it
// defines. A baked validation is on and an error that no suppression or `rules:` setting can
// lower; a parameter the build defines (say HACOLINT_UID_MIN) replaces the config's value. A
// validation the build does not compile in keeps the config's setting (a lint-only check), and a
// parameter the build does not define keeps the config's value.
import { statSync, readFileSync } from "node:fs";
import { PARAMETER_DEFINES, VALIDATIONS, type ExperimentalId, type SelectableId } from "../catalogue/validations.js";
import { DEFAULT_POLICY, type Policy } from "../policy/policy.js";
import type { LintOptions } from "../lint/engine.js";
import { BuildConfigError, GEM_NAME } from "./names.js";
import { readBuildConfig, type BuildConfigRead, type ReadDefine, type ReadTarget } from "./read.js";

export { BuildConfigError };

export interface BakedPolicy {
  /** DEFAULT_POLICY (or the given base) with what the build defines laid over it. */
  policy: Policy;
  /** Validation ids compiled into the binary (always-error ids included). */
  baked: Set<string>;
  /** Only the policy keys the build defines (what replaces the config's values). */
  defined: Partial<Policy>;
  /** Names of the targets the policy was read from. */
  targets: string[];
  /** Things worth telling the user (conditional defines, redefinitions); not errors. */
  notes: string[];
}

/** The haconiwa gem itself: a path, repository or mgem whose last component is haconiwa / mruby-haconiwa. */
const HACONIWA = /(^|[/:])(mruby-)?haconiwa(\.git)?\/*$/i;

function isHaconiwaTarget(t: ReadTarget): boolean {
  return t.gems.some((g) => !g.generated && [g.spec.path, g.spec.github, g.spec.git, g.spec.mgem].some((v) => v !== undefined && HACONIWA.test(v)));
}

function where(d: { range: { start: { line: number; column: number } } }): string {
  return `line ${d.range.start.line}`;
}

/** The validations and parameters one target bakes in. */
function targetPolicy(t: ReadTarget, notes: string[]): { baked: Set<string>; defined: Partial<Policy> } {
  const baked = new Set<string>(VALIDATIONS.filter((v) => v.class === "always-error").map((v) => v.id));
  const defined: Partial<Policy> = {};
  const hasGem = t.gems.some((g) => g.generated);
  const seen = new Map<string, ReadDefine>();
  for (const d of t.defines) {
    if (!d.decoded) continue;
    const { name, value } = d.decoded;
    const validation = VALIDATIONS.find((v) => v.define === name);
    const parameter = (Object.entries(PARAMETER_DEFINES) as [keyof typeof PARAMETER_DEFINES, string][]).find(([, n]) => n === name);
    if (!validation && !parameter) continue;
    if (d.conditional) notes.push(`${name} (${where(d)}) depends on ${d.conditional}; treated as baked`);
    // HACONIWA_SECURE_RUN is haconiwa's own owner check; the others need the generated gem
    if (name !== "HACONIWA_SECURE_RUN" && !hasGem) {
      notes.push(`${name} (${where(d)}) has no effect in build '${t.name}': it does not have the ${GEM_NAME} gem`);
      continue;
    }
    const prev = seen.get(name);
    if (prev && prev.value !== d.value) notes.push(`${name} is defined twice in build '${t.name}' (${where(prev)} and ${where(d)}); the last one is used`);
    seen.set(name, d);
    if (validation) {
      baked.add(validation.id);
      continue;
    }
    const [key] = parameter!;
    const bad = (what: string): never => { throw new BuildConfigError(`${where(d)}: ${name}: ${what}, got ${JSON.stringify(value)}`); };
    const str = (): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : bad("expected a value"));
    const list = (): string[] => (str() === "" ? [] : str().split(":"));
    switch (key) {
      case "uidMin": case "gidMin":
        if (typeof value !== "number") bad("expected a whole number");
        defined[key] = value as number;
        break;
      case "rootfsPool": defined.rootfsPool = str(); break;
      case "allowedEnv": defined.allowedEnv = list(); break;
      case "hacofilePatterns": defined.hacofilePatterns = list(); break;
      case "allowedRunners": defined.allowedRunners = list().map((r) => (/^(0|[1-9][0-9]*)$/.test(r) ? Number(r) : r)); break;
      case "enforce":
        if (value !== 0 && value !== 1) bad("expected 0 (always) or 1 (set-uid only)");
        defined.enforce = value === 1 ? "setuid-only" : "always";
        break;
      case "allowMappedRoot":
        if (value !== 0 && value !== 1) bad("expected 0 or 1");
        defined.allowMappedRoot = value === 1;
        break;
      default: break; // digest, log file: not part of what lint checks
    }
  }
  return { baked, defined };
}

function signature(p: { baked: Set<string>; defined: Partial<Policy> }): string {
  const d = p.defined as Record<string, unknown>;
  return JSON.stringify([[...p.baked].sort(), Object.keys(d).sort().map((k) => [k, d[k]])]);
}

/** The policy baked into the haconiwa build(s) of a read build_config.rb. */
export function bakedPolicy(read: BuildConfigRead, base: Policy = DEFAULT_POLICY as Policy): BakedPolicy {
  const haconiwa = read.targets.filter(isHaconiwaTarget);
  const chosen = haconiwa.length > 0 ? haconiwa : read.targets.filter((t) => t.gems.some((g) => g.generated));
  if (chosen.length === 0) {
    throw new BuildConfigError(read.targets.length === 0
      ? "no MRuby::Build.new or MRuby::CrossBuild.new block found"
      : `no build builds haconiwa or the mruby-hacolint-validate gem (builds: ${read.targets.map((t) => t.name).join(", ")}); run \`hacolint build-config --base\` on it first`);
  }
  const notes: string[] = [];
  const per = chosen.map((t) => ({ t, ...targetPolicy(t, notes) }));
  const first = per[0]!;
  for (const other of per.slice(1)) {
    if (signature(other) !== signature(first)) {
      throw new BuildConfigError(`builds '${first.t.name}' and '${other.t.name}' bake different policies (${describeDifference(first, other)}); lint cannot tell which binary is meant`);
    }
  }
  const { baked, defined } = first;
  const policy: Policy = {
    ...base, ...defined,
    validations: union(base.validations, [...baked].filter((id) => VALIDATIONS.some((v) => v.id === id && v.class === "selectable"))) as SelectableId[],
    experimental: union(base.experimental, [...baked].filter((id) => VALIDATIONS.some((v) => v.id === id && v.class === "experimental"))) as ExperimentalId[],
  };
  return { policy, baked, defined, targets: chosen.map((t) => t.name), notes: [...new Set(notes)] };
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function describeDifference(a: { baked: Set<string>; defined: Partial<Policy> }, b: { baked: Set<string>; defined: Partial<Policy> }): string {
  const onlyA = [...a.baked].filter((x) => !b.baked.has(x));
  const onlyB = [...b.baked].filter((x) => !a.baked.has(x));
  const parts: string[] = [];
  if (onlyA.length || onlyB.length) parts.push(`validations ${JSON.stringify(onlyA)} vs ${JSON.stringify(onlyB)}`);
  const da = a.defined as Record<string, unknown>, db = b.defined as Record<string, unknown>;
  for (const k of new Set([...Object.keys(da), ...Object.keys(db)])) {
    if (JSON.stringify(da[k]) !== JSON.stringify(db[k])) parts.push(`${k} ${JSON.stringify(da[k]) ?? "unset"} vs ${JSON.stringify(db[k]) ?? "unset"}`);
  }
  return parts.join("; ");
}

// ---- loading, once per file version ----------------------------------------------------------------

const cache = new Map<string, { key: string; value: BakedPolicy | BuildConfigError }>();

/**
 * Read and interpret a build_config.rb, cached by path, mtime and size: a lint run reads it once
 * however many Hacofiles it lints, and the LSP re-reads it when it changes. Problems are thrown
 * as BuildConfigError with a one-line message naming the file (the CLI exits 2).
 */
export function loadBakedPolicy(path: string): BakedPolicy {
  let key: string;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new BuildConfigError(`build config ${path}: is a directory`);
    key = `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch (error) {
    if (error instanceof BuildConfigError) throw error;
    throw new BuildConfigError(`build config ${path}: ${fsMessage(error)}`);
  }
  const hit = cache.get(path);
  if (hit && hit.key === key) {
    if (hit.value instanceof BuildConfigError) throw hit.value;
    return hit.value;
  }
  let value: BakedPolicy | BuildConfigError;
  try {
    value = computeBaked(path);
  } catch (error) {
    if (!(error instanceof BuildConfigError)) throw error;
    value = error;
  }
  cache.set(path, { key, value });
  if (value instanceof BuildConfigError) throw value;
  return value;
}

function computeBaked(path: string): BakedPolicy {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch (error) {
    if (error instanceof TypeError) throw new BuildConfigError(`build config ${path}: not valid UTF-8`);
    throw new BuildConfigError(`build config ${path}: cannot read (${fsMessage(error)})`);
  }
  const read = readBuildConfig(text, path);
  const syntax = read.syntaxErrors[0];
  if (syntax) {
    throw new BuildConfigError(`build config ${path}:${syntax.range.start.line}:${syntax.range.start.column}: cannot parse: ${syntax.message}`);
  }
  try {
    return bakedPolicy(read);
  } catch (error) {
    if (error instanceof BuildConfigError) throw new BuildConfigError(`build config ${path}: ${error.message}`);
    throw error;
  }
}

function fsMessage(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT": return "no such file";
    case "EACCES": case "EPERM": return "permission denied";
    case "EISDIR": return "is a directory";
    default: return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Lint options with the build's policy applied: the build replaces the config's policy for the
 * validations and parameters it defines (see the top of this file), and its validations are
 * `baked` (errors that cannot be suppressed). Throws BuildConfigError.
 */
export function applyBuildConfig<T extends LintOptions>(options: T, buildConfig: string): T {
  const b = loadBakedPolicy(buildConfig);
  const policy: Policy = {
    ...options.policy, ...b.defined,
    validations: union(options.policy.validations, b.policy.validations.filter((id) => b.baked.has(id))),
    experimental: union(options.policy.experimental, b.policy.experimental.filter((id) => b.baked.has(id))),
  };
  return { ...options, policy, baked: new Set([...(options.baked ?? []), ...b.baked]) };
}
