// Policy -> the ordered list of C defines that bake the validations into a haconiwa build.
//
// A define written into build_config.rb passes through THREE interpreters before the C code
// sees it, and each must reproduce exactly the value we mean:
//   1. Ruby: the literal in build_config.rb (we always write single-quoted literals, so `#{`
//      never interpolates and only `\\` and `\'` are escapes);
//   2. the shell: mruby runs the compiler through `sh -c`, with the define spliced in as
//      `-D"%s"` (mruby 3.x) or `-D%s` (mruby 2.0.1, which Haconiwa pins);
//   3. the C preprocessor/compiler: `NAME="..."` is a C string literal.
// To be right in both shell contexts (quoted and unquoted) the C literal is restricted to a
// small set of characters that are inert in both, plus `"` and `\`, which we backslash-escape
// for the shell; every other byte is written as a three-digit C octal escape (\ooo).
// decodeDefineValue() below inverts all of this; tests prove the round trip with gcc and ruby.
import { createHash } from "node:crypto";
import { PARAMETER_DEFINES, VALIDATIONS } from "../catalogue/validations.js";
import type { Policy } from "../policy/policy.js";

/** A refused policy value: the message names the policy key and says what is wrong. */
export class PolicyValueError extends Error {
  constructor(public readonly key: string, detail: string) {
    super(`policy.${key}: ${detail}`);
    this.name = "PolicyValueError";
  }
}

/** One C define. `value` is the JS value it carries (null = a bare `-DNAME`). */
export interface CDefine {
  name: string;
  value: null | number | string;
  /** Where it comes from, for the comment next to it in build_config.rb. */
  source: string;
}

/** Options that are part of the build but not of the lint policy. */
export interface DefineOptions {
  /** Absolute path of the audit log file; omitted = syslog only. */
  logFile?: string | undefined;
}

/** Longest string value we bake in; longer is almost surely a mistake (and PATH_MAX is 4096). */
export const MAX_STRING_LENGTH = 4096;
/** Highest uid/gid accepted: (uid_t)-1 is "no id" for the kernel, so one less. */
export const MAX_ID = 4294967294;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// ---- validation of individual values -----------------------------------------------------

function checkString(key: string, s: unknown): string {
  if (typeof s !== "string") throw new PolicyValueError(key, `expected a string, got ${describe(s)}`);
  if (s.length === 0) throw new PolicyValueError(key, "must not be empty");
  if (s.length > MAX_STRING_LENGTH) throw new PolicyValueError(key, `longer than ${MAX_STRING_LENGTH} characters (${s.length})`);
  if (s.includes("\0")) throw new PolicyValueError(key, "contains a NUL byte");
  if (/[\r\n]/.test(s)) throw new PolicyValueError(key, "contains a line break");
  return s;
}

function checkId(key: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n)) throw new PolicyValueError(key, `expected an integer, got ${describe(n)}`);
  if (n < 0 || n > MAX_ID) throw new PolicyValueError(key, `${n} is outside 0..${MAX_ID}`);
  return n;
}

/** An absolute path in normal form: starts with '/', no empty, '.' or '..' components. */
function checkAbsolutePath(key: string, p: unknown): string {
  const s = checkString(key, p);
  if (!s.startsWith("/")) throw new PolicyValueError(key, `${JSON.stringify(s)} is not an absolute path`);
  if (s === "/") return s;
  const parts = s.slice(1).split("/");
  for (const part of parts) {
    if (part === "") throw new PolicyValueError(key, `${JSON.stringify(s)} has an empty component ('//' or a trailing '/')`);
    if (part === "." || part === "..") throw new PolicyValueError(key, `${JSON.stringify(s)} has a '${part}' component; write the normalised path`);
  }
  return s;
}

/** A ':'-joined list; an item that contains ':' could not be told apart from two items. */
function joinList(key: string, items: readonly string[]): string {
  items.forEach((item, i) => {
    checkString(`${key}[${i}]`, item);
    if (item.includes(":")) throw new PolicyValueError(`${key}[${i}]`, `${JSON.stringify(item)} contains ':', the list separator`);
  });
  const joined = items.join(":");
  if (joined.length > MAX_STRING_LENGTH) throw new PolicyValueError(key, `joined list is longer than ${MAX_STRING_LENGTH} characters`);
  return joined;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "string" ? JSON.stringify(v) : `${typeof v} ${String(v)}`;
}

function checkArray(key: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new PolicyValueError(key, `expected a list, got ${describe(v)}`);
  return v;
}

// ---- the policy digest ---------------------------------------------------------------------

/** JSON with object keys sorted, so equal policies give equal text whatever the key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** sha256 over the canonical JSON of the policy (validation lists as sorted sets). */
export function policyDigest(policy: Policy, options: DefineOptions = {}): string {
  const canon = {
    ...policy,
    validations: [...policy.validations].sort(),
    experimental: [...policy.experimental].sort(),
    logFile: options.logFile,
  };
  return createHash("sha256").update(canonicalJson(canon)).digest("hex");
}

// ---- Policy -> defines ----------------------------------------------------------------------

/** The defines for a policy, in a fixed order: validations (catalogue order), then parameters. */
export function policyDefines(policy: Policy, options: DefineOptions = {}): CDefine[] {
  const on = new Set<string>([...checkArray("validations", policy.validations), ...checkArray("experimental", policy.experimental)] as string[]);
  for (const id of on) {
    const v = VALIDATIONS.find((x) => x.id === id);
    if (!v || v.class === "always-error") throw new PolicyValueError("validations", `${JSON.stringify(id)} is not a selectable or experimental validation id`);
  }
  const out: CDefine[] = [];
  for (const v of VALIDATIONS) {
    if (v.define !== null && on.has(v.id)) out.push({ name: v.define, value: null, source: `validation ${v.id}` });
  }

  const P = PARAMETER_DEFINES;
  out.push({ name: P.uidMin, value: checkId("uidMin", policy.uidMin), source: "uidMin" });
  out.push({ name: P.gidMin, value: checkId("gidMin", policy.gidMin), source: "gidMin" });
  out.push({ name: P.rootfsPool, value: checkAbsolutePath("rootfsPool", policy.rootfsPool), source: "rootfsPool" });

  const env = checkArray("allowedEnv", policy.allowedEnv).map((name, i) => {
    const s = checkString(`allowedEnv[${i}]`, name);
    if (!ENV_NAME.test(s)) throw new PolicyValueError(`allowedEnv[${i}]`, `${JSON.stringify(s)} is not a variable name ([A-Za-z_][A-Za-z0-9_]*)`);
    return s;
  });
  out.push({ name: P.allowedEnv, value: joinList("allowedEnv", env), source: "allowedEnv" });

  const runners = checkArray("allowedRunners", policy.allowedRunners).map((r, i) =>
    typeof r === "number" ? String(checkId(`allowedRunners[${i}]`, r)) : checkString(`allowedRunners[${i}]`, r));
  out.push({ name: P.allowedRunners, value: joinList("allowedRunners", runners), source: "allowedRunners" });

  const patterns = checkArray("hacofilePatterns", policy.hacofilePatterns).map((p, i) => checkAbsolutePath(`hacofilePatterns[${i}]`, p));
  out.push({ name: P.hacofilePatterns, value: joinList("hacofilePatterns", patterns), source: "hacofilePatterns" });

  if (policy.enforce !== "always" && policy.enforce !== "setuid-only") {
    throw new PolicyValueError("enforce", `expected "always" or "setuid-only", got ${describe(policy.enforce)}`);
  }
  out.push({ name: P.enforce, value: policy.enforce === "setuid-only" ? 1 : 0, source: "enforce" });
  if (typeof policy.allowMappedRoot !== "boolean") throw new PolicyValueError("allowMappedRoot", `expected true or false, got ${describe(policy.allowMappedRoot)}`);
  out.push({ name: P.allowMappedRoot, value: policy.allowMappedRoot ? 1 : 0, source: "allowMappedRoot" });
  if (options.logFile !== undefined) out.push({ name: P.logFile, value: checkAbsolutePath("logFile", options.logFile), source: "logFile" });
  out.push({ name: P.digest, value: policyDigest(policy, options), source: "sha256 of the policy" });
  return out;
}

// ---- encoding ---------------------------------------------------------------------------------

/** Characters that mean nothing to sh (quoted or not), to Ruby single quotes, or to C strings. */
const INERT = /^[A-Za-z0-9/_.,:+=@-]$/;

/** A C string literal whose bytes are the UTF-8 of `s`; anything not inert becomes \ooo. */
export function cStringLiteral(s: string): string {
  let body = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const ch = String.fromCharCode(byte);
    body += byte < 0x80 && INERT.test(ch) ? ch : "\\" + byte.toString(8).padStart(3, "0");
  }
  return `"${body}"`;
}

/** `NAME`, `NAME=123` or `NAME="..."` as the C preprocessor must receive it. */
export function cDefineText(d: CDefine): string {
  if (d.value === null) return d.name;
  if (typeof d.value === "number") return `${d.name}=${d.value}`;
  return `${d.name}=${cStringLiteral(d.value)}`;
}

/** The same text escaped for the shell command line mruby builds (`"` and `\` only occur). */
export function shellDefineText(d: CDefine): string {
  return cDefineText(d).replace(/[\\"]/g, (c) => "\\" + c);
}

/** A single-quoted Ruby literal: no interpolation; only backslash and quote need escaping. */
export function rubySingleQuoted(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => "\\" + c)}'`;
}

/** The Ruby literal that goes into `conf.cc.defines` for one define. */
export function rubyDefineLiteral(d: CDefine): string {
  return rubySingleQuoted(shellDefineText(d));
}

/**
 * Inverse of shellDefineText for values read back from a build_config.rb (after the Ruby literal
 * was decoded): returns the name and the JS value, or null when the text is not in our encoding.
 * The policy-aware lint (`--build-config`) uses this to learn what a binary enforces.
 */
export function decodeDefine(shellText: string): { name: string; value: null | number | string } | null {
  // Undo the shell level: \" -> ", \\ -> \ (the only escapes we write).
  let text = "";
  for (let i = 0; i < shellText.length; i++) {
    if (shellText[i] === "\\" && (shellText[i + 1] === "\\" || shellText[i + 1] === '"')) i++;
    text += shellText[i];
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(text);
  if (!m) return null;
  const [, name, raw] = m;
  if (raw === undefined) return { name: name!, value: null };
  if (/^(0|[1-9][0-9]*)$/.test(raw)) return { name: name!, value: Number(raw) };
  const str = /^"((?:[A-Za-z0-9/_.,:+=@-]|\\[0-7]{3})*)"$/.exec(raw);
  if (!str) return { name: name!, value: raw };
  const bytes: number[] = [];
  const body = str[1]!;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") { bytes.push(parseInt(body.slice(i + 1, i + 4), 8)); i += 3; }
    else bytes.push(body.charCodeAt(i));
  }
  return { name: name!, value: Buffer.from(bytes).toString("utf8") };
}

/** A printable-ASCII rendering of a value for a Ruby comment (never contains a line break). */
export function commentValue(v: CDefine["value"]): string {
  if (v === null) return "on";
  return JSON.stringify(v).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
