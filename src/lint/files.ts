// Linting files: finding Hacofiles, reading them safely, and linting many of them on worker
// threads with output in a deterministic (input) order.
//
// Reading is strict on purpose. A Hacofile that is not valid UTF-8, contains NUL bytes or is huge is
// not something Haconiwa's mruby would evaluate sensibly, and guessing could hide a finding, so the
// CLI stops with one clear line instead (exit 2).
import { availableParallelism } from "node:os";
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, type Stats } from "node:fs";
import { join, resolve } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Diagnostic } from "./diagnostic.js";
import type { LintOptions } from "./engine.js";
import type { ResolvedSettings } from "../config/resolve.js";
import { applyFixes } from "../cli/fix.js";

/** Largest Hacofile we read: far beyond any real one, small enough to never exhaust memory. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Directories never searched: dependencies and VCS metadata hold no Hacofiles of the project. */
const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn"]);

/** A problem with the input that stops the run (exit 2). The message is one self-contained line. */
export class InputError extends Error {
  override name = "InputError";
}

export function isHacofileName(name: string): boolean {
  return name === "Hacofile" || name.endsWith(".haco");
}

/**
 * Expand one command-line path: a file as given (any name), a directory searched recursively for
 * `*.haco` and `Hacofile`, sorted so runs are reproducible. Symlinked directories are not followed
 * (no loops); symlinked files are linted.
 */
export function expandPath(arg: string): string[] {
  let stat: Stats;
  try {
    stat = statSync(arg);
  } catch (error) {
    throw new InputError(`${arg}: ${describeFsError(error)}`);
  }
  if (stat.isDirectory()) {
    const found: string[] = [];
    walk(arg, found);
    if (found.length === 0) throw new InputError(`${arg}: no Hacofiles found (looked for *.haco and Hacofile)`);
    return found;
  }
  if (stat.isFile() || stat.isFIFO() || stat.isCharacterDevice()) return [arg];
  throw new InputError(`${arg}: not a regular file or directory`);
}

function walk(dir: string, found: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${dir}: cannot read directory (${describeFsError(error)})`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(path, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isHacofileName(entry.name)) {
      if (entry.isSymbolicLink() && !isFileTarget(path)) continue;
      found.push(path);
    }
  }
}

function isFileTarget(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT": return "no such file or directory";
    case "EACCES": case "EPERM": return "permission denied";
    case "EISDIR": return "is a directory";
    case "ELOOP": return "too many levels of symbolic links";
    default: return code ?? (error instanceof Error ? error.message : String(error));
  }
}

export interface SourceText {
  text: string;
  /** The file began with a UTF-8 byte order mark (stripped from text, restored when writing). */
  bom: boolean;
}

/** Read a file for linting, enforcing the size limit and decoding strictly. */
export function readSourceFile(path: string, display = path): SourceText {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${display}: is a directory`);
    // opening a FIFO waits for a writer: refuse it rather than hang (stdin is read with `-`)
    if (stat.isFIFO() || stat.isSocket()) throw new InputError(`${display}: not a regular file (a ${stat.isFIFO() ? "FIFO" : "socket"}); use - to read standard input`);
    if (stat.size > MAX_FILE_BYTES) throw tooLarge(display, stat.size);
    if (stat.isFile()) {
      // The size is known and within the limit: one read, no chunk buffers for the GC to collect.
      bytes = readFileSync(path);
    } else {
      const fd = openSync(path, "r");
      try {
        bytes = readBounded(fd, display);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${display}: cannot read file (${describeFsError(error)})`);
  }
  return decodeSource(bytes, display);
}

function tooLarge(display: string, size?: number): InputError {
  return new InputError(size === undefined
    ? `${display}: input too large (more than the limit of ${MAX_FILE_BYTES} bytes)`
    : `${display}: file too large (${size} bytes; the limit is ${MAX_FILE_BYTES})`);
}

/**
 * Read at most MAX_FILE_BYTES from a descriptor. The stat size cannot be trusted for pipes,
 * devices (`hacolint /dev/zero`) or standard input, so the limit is enforced while reading.
 */
export function readBounded(fd: number, display: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue; // non-blocking stdin: retry
      if ((error as NodeJS.ErrnoException).code === "EOF") break;
      throw error;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_FILE_BYTES) throw tooLarge(display);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/** Decode bytes as a Hacofile: no NUL bytes, valid UTF-8, at most MAX_FILE_BYTES. */
export function decodeSource(bytes: Uint8Array, display: string): SourceText {
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(display, bytes.length);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = positionOfByte(bytes, nul);
    throw new InputError(`${display}:${line}:${column}: binary file (NUL byte), not a Hacofile`);
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), bom };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, bad);
    throw new InputError(`${display}:${line}:${column}: invalid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at offset ${bad})`);
  }
}

/** Index of the first byte that starts an invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number, min: number, max = 0xbf;
    if (b < 0x80) { i++; continue; }
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b === 0xe0) { need = 2; min = 0xa0; }
    else if (b === 0xed) { need = 2; min = 0x80; max = 0x9f; }
    else if (b >= 0xe1 && b <= 0xef) { need = 2; min = 0x80; }
    else if (b === 0xf0) { need = 3; min = 0x90; }
    else if (b === 0xf4) { need = 3; min = 0x80; max = 0x8f; }
    else if (b >= 0xf1 && b <= 0xf3) { need = 3; min = 0x80; }
    else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** 1-based line and UTF-16 column of a byte offset, decoding the valid text before it. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}

// ---------------------------------------------------------------------------------------------
// Linting one source. Everything the engine needs travels in a LintJob so a worker can run it.

export interface LintJob {
  /** Index in the input order; results are put back in this order. */
  index: number;
  /** Path to read; null when `text` is given (stdin). */
  path: string | null;
  /** Path shown in reports and used for overrides/config (the --stdin-filename for stdin). */
  display: string;
  text?: string;
  settings: ResolvedSettings;
  inlineConfig: boolean;
  /** Apply fixes (up to FIX_PASSES rounds) and return the fixed text. */
  fix: boolean;
  keepSource: boolean;
  /** `--host`: check the files the Hacofile points at. */
  hostCheck?: { runtime?: string } | null;
}

export interface LintOutcome {
  index: number;
  display: string;
  diagnostics: Diagnostic[];
  /** Set when keepSource or fix was asked for. */
  source?: string;
  /** The text after fixes and before them, when fixing changed it. */
  fixed?: string;
  original?: string;
  bom?: boolean;
  /** An input problem (exit 2). */
  error?: string;
}

/**
 * LintOptions plus the build_config.rb path (`--build-config` / `buildConfig:`). runJob applies
 * the policy baked into that build (src/build/baked.ts, read once per file version) before
 * linting; lintText does the same for other callers (the LSP).
 */
export type EngineOptions = LintOptions & { buildConfig: string | null };

/** Rounds of lint-then-fix; a fix can enable another (ESLint uses 10 too). */
const FIX_PASSES = 10;

export async function runJob(job: LintJob): Promise<LintOutcome> {
  let source: SourceText;
  try {
    source = job.text !== undefined ? { text: job.text, bom: false } : readSourceFile(job.path!, job.display);
  } catch (error) {
    if (error instanceof InputError) return { index: job.index, display: job.display, diagnostics: [], error: error.message };
    throw error;
  }
  let options: EngineOptions = {
    filePath: job.path ? resolve(job.path) : resolve(job.display),
    policy: job.settings.policy,
    rules: job.settings.rules,
    inlineConfig: job.inlineConfig,
    ...(job.hostCheck ? { hostCheck: job.hostCheck } : {}),
    requireSuppressionReason: job.settings.requireSuppressionReason,
    buildConfig: job.settings.buildConfig,
  };
  // Loaded on first use: the parser takes about a second to import, and `--help`, `rules`,
  // `explain` and input errors should not wait for it.
  const { lintText } = await import("./engine.js");
  if (options.buildConfig) {
    const { applyBuildConfig, BuildConfigError } = await import("../build/baked.js");
    try {
      options = { ...applyBuildConfig(options, options.buildConfig), buildConfig: null };
    } catch (error) {
      if (error instanceof BuildConfigError) return { index: job.index, display: job.display, diagnostics: [], error: error.message };
      throw error;
    }
  }
  let text = source.text;
  let diagnostics = lintText(text, options).diagnostics;
  if (job.fix) {
    for (let pass = 0; pass < FIX_PASSES && diagnostics.some((d) => d.fix); pass++) {
      const outcome = applyFixes(text, diagnostics);
      if (outcome.applied.length === 0) break;
      text = outcome.text;
      diagnostics = lintText(text, options).diagnostics;
    }
  }
  return {
    index: job.index,
    display: job.display,
    diagnostics,
    ...(job.keepSource || job.fix ? { source: text } : {}),
    ...(text !== source.text ? { fixed: text, original: source.text, bom: source.bom } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Many files: a pool of workers, jobs handed out in small batches, results reassembled by index.

/**
 * Below this many files a worker pool costs more than it saves: each worker loads the parser and
 * rules again (about 1.5 s measured) and warms up its own JIT, while one thread lints about 1,000
 * files/s. HACOLINT_WORKERS=N forces N workers (0 = none), for benchmarks and tests.
 */
const POOL_THRESHOLD = 1000;

function defaultWorkerCount(jobCount: number): number {
  const forced = process.env.HACOLINT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), 64);
  if (jobCount < POOL_THRESHOLD) return 0;
  // The main thread lints too, so n CPUs get n - 1 workers.
  return Math.max(0, Math.min(availableParallelism() - 1, 8));
}
const BATCH = 16;

export interface RunOptions {
  /** Called with (done, total) as files finish; used for the progress line. */
  onProgress?: (done: number, total: number) => void;
  /** Force a number of workers (0 = lint in this thread). */
  workers?: number;
}

export async function lintJobs(jobs: LintJob[], options: RunOptions = {}): Promise<LintOutcome[]> {
  const results: LintOutcome[] = new Array(jobs.length);
  const workerCount = options.workers ?? defaultWorkerCount(jobs.length);
  let done = 0;
  const finished = (outcome: LintOutcome) => {
    results[outcome.index] = outcome;
    options.onProgress?.(++done, jobs.length);
  };
  if (workerCount === 0) {
    for (const job of jobs) finished(await runJob(job));
    return results;
  }
  let next = 0;
  const take = () => {
    const batch = jobs.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  // This thread's share: a batch at a time, yielding in between so worker results are collected
  // and workers are fed again without waiting for us.
  const lintHere = async () => {
    for (let batch = take(); batch.length > 0; batch = take()) {
      for (const job of batch) finished(await runJob(job));
      await new Promise((resolveTick) => setImmediate(resolveTick));
    }
  };
  const workers: Worker[] = [];
  try {
    await Promise.all([...Array.from({ length: workerCount }, () => new Promise<void>((resolveWorker, rejectWorker) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { hacolintWorker: true } });
      workers.push(worker);
      // Two batches in flight, so a worker never idles while this thread is busy linting its own.
      let pending = 0;
      const feed = () => {
        const batch = take();
        if (batch.length === 0) {
          if (pending === 0) resolveWorker();
          return;
        }
        pending += batch.length;
        worker.postMessage(batch);
      };
      worker.on("message", (message: { outcome?: LintOutcome; crash?: string }) => {
        if (message.crash) return rejectWorker(new Error(message.crash));
        finished(message.outcome!);
        pending--;
        if (pending <= BATCH) feed();
      });
      worker.on("error", rejectWorker);
      worker.on("exit", (code) => { if (pending > 0) rejectWorker(new Error(`lint worker exited with code ${code}`)); });
      feed();
      feed();
    })), lintHere()]);
  } finally {
    // On success and on failure alike: a live worker would keep the process from exiting.
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

// Worker side: lint each job of a batch and send its outcome back.
if (!isMainThread && (workerData as { hacolintWorker?: boolean } | null)?.hacolintWorker) {
  parentPort!.on("message", (batch: LintJob[]) => {
    void (async () => {
      for (const job of batch) {
        try {
          parentPort!.postMessage({ outcome: await runJob(job) });
        } catch (error) {
          parentPort!.postMessage({ crash: `${job.display}: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}` });
          return;
        }
      }
    })();
  });
}
