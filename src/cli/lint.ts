// The default command: lint files, directories or stdin and report in the chosen formats.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { unifiedDiff } from "../build/diff.js";
import { ConfigCache, resolveForFile, type ResolvedSettings } from "../config/index.js";
import type { RuleSetting } from "../lint/engine.js";
import { SEVERITY_RANK, type Severity } from "../lint/diagnostic.js";
import { decodeSource, describeFsError, expandPath, InputError, lintJobs, readBounded, type LintJob, type LintOutcome } from "../lint/files.js";
import { colorEnabled, FORMATTERS, type FileReport } from "../report/index.js";
import { writeFileAtomic } from "./atomic.js";
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from "./errors.js";
import type { Output } from "./outputs.js";
import { Progress } from "./progress.js";
import { allRules, ruleMetas } from "./registry.js";
import { packageVersion } from "./version.js";

export interface LintCommandOptions {
  outputs: Output[];
  failureThreshold: Severity;
  maxWarnings: number | null;
  config: string | null;
  inlineConfig: boolean;
  stdinFilename: string | null;
  fix: boolean;
  fixDryRun: boolean;
  buildConfig: string | null;
  /** `--host` (with `--runtime`): check the files the Hacofile points at. */
  hostCheck: { runtime?: string } | null;
  rule: Record<string, RuleSetting>;
}

export async function runLint(paths: string[], options: LintCommandOptions): Promise<number> {
  if (paths.length === 0) throw new UsageError("no files given; try `hacolint Hacofile` or `hacolint --help`");
  const stdinCount = paths.filter((p) => p === "-").length;
  if (stdinCount > 1) throw new UsageError("`-` (standard input) can be given only once");
  if (stdinCount && options.fix) throw new UsageError("--fix cannot write to standard input; use --fix-dry-run to see the fixes");
  if (options.stdinFilename && !stdinCount) throw new UsageError("--stdin-filename needs `-` among the inputs");
  if (options.fixDryRun && options.outputs.some((o) => o.file === null && o.format !== "stylish")) {
    throw new UsageError("--fix-dry-run prints diffs on standard output; send the report to a file with -o");
  }
  const knownIds = allRules().map((r) => r.meta.id);
  for (const id of Object.keys(options.rule)) {
    if (!knownIds.includes(id)) throw new UsageError(`--rule: unknown rule id "${id}" (\`hacolint rules\` lists them)`);
  }

  const configs = new ConfigCache(knownIds, options.config ?? undefined);
  const settingsFor = (filePath: string): ResolvedSettings => {
    const resolved = resolveForFile(configs.forFile(filePath), resolve(filePath));
    return {
      ...resolved,
      rules: { ...resolved.rules, ...options.rule },
      buildConfig: options.buildConfig ? resolve(options.buildConfig) : resolved.buildConfig,
    };
  };
  if (options.buildConfig) {
    if (!existsSync(options.buildConfig)) throw new UsageError(`--build-config ${options.buildConfig}: no such file`);
    // Read it once, up front: a broken build_config.rb stops the run (exit 2) before any Hacofile
    // is read, and the jobs find it in the cache (keyed by path and mtime).
    const { loadBakedPolicy, BuildConfigError } = await import("../build/baked.js");
    try {
      const baked = loadBakedPolicy(resolve(options.buildConfig));
      for (const note of baked.notes) process.stderr.write(`hacolint: --build-config ${options.buildConfig}: ${note}\n`);
    } catch (error) {
      if (error instanceof BuildConfigError) throw new InputError(error.message);
      throw error;
    }
  }
  const keepSource = options.outputs.some((o) => o.format === "sarif");
  const common = { inlineConfig: options.inlineConfig, fix: options.fix || options.fixDryRun, keepSource, hostCheck: options.hostCheck };
  // Jobs in command-line order; a directory expands in sorted order; a file named twice is linted once.
  const jobs: LintJob[] = [];
  const seen = new Set<string>();
  for (const arg of paths) {
    if (arg === "-") {
      const display = options.stdinFilename ?? "<stdin>";
      const text = decodeSource(readStdin(display), display).text;
      const configPath = options.stdinFilename ? resolve(options.stdinFilename) : resolve("<stdin>");
      jobs.push({ index: jobs.length, path: null, display, text, settings: settingsFor(configPath), ...common });
    } else {
      for (const file of expandPath(arg)) {
        if (seen.has(resolve(file))) continue;
        seen.add(resolve(file));
        jobs.push({ index: jobs.length, path: file, display: file, settings: settingsFor(file), ...common });
      }
    }
  }

  const progress = new Progress();
  const outcomes = await lintJobs(jobs, { onProgress: (done, total) => progress.update(done, total) });
  progress.done();
  const failed = outcomes.find((o) => o.error);
  if (failed) throw new InputError(failed.error!);

  if (options.fix) writeFixes(outcomes);
  if (options.fixDryRun) {
    for (const o of outcomes) {
      if (o.fixed !== undefined) process.stdout.write(unifiedDiff(o.original!, o.fixed, `a/${o.display}`, `b/${o.display}`));
    }
  }

  const reports: FileReport[] = outcomes.map((o) => ({ filePath: o.display, diagnostics: o.diagnostics, ...(o.source !== undefined ? { source: o.source } : {}) }));
  const context = { cwd: process.cwd(), rules: ruleMetas(), toolVersion: packageVersion() };
  for (const output of options.outputs) {
    const color = output.file === null && colorEnabled(Boolean(process.stdout.isTTY));
    const text = FORMATTERS[output.format](reports, { ...context, color });
    if (output.file === null) process.stdout.write(text);
    else writeOutput(output.file, text);
  }

  const all = outcomes.flatMap((o) => o.diagnostics);
  const threshold = SEVERITY_RANK[options.failureThreshold];
  const failing = all.some((d) => SEVERITY_RANK[d.severity] >= threshold);
  const warnings = all.filter((d) => d.severity === "warning").length;
  const tooManyWarnings = options.maxWarnings !== null && warnings > options.maxWarnings;
  if (tooManyWarnings) process.stderr.write(`hacolint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  return failing || tooManyWarnings ? EXIT_FINDINGS : EXIT_CLEAN;
}

function readStdin(display: string): Buffer {
  try {
    return readBounded(0, display);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${display}: cannot read standard input (${describeFsError(error)})`);
  }
}

function writeFixes(outcomes: LintOutcome[]): void {
  for (const o of outcomes) {
    if (o.fixed === undefined) continue;
    writeOutput(o.display, (o.bom ? "\uFEFF" : "") + o.fixed);
  }
}

/** Write a report or a fixed file; a failure is an input error (exit 2) with one line. */
function writeOutput(path: string, text: string): void {
  try {
    writeFileAtomic(resolve(path), text);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot write (${describeFsError(error)})`);
  }
}
