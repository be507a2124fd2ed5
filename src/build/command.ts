// `hacolint build-config [--config FILE] [--base FILE] [--out FILE] [--gem-dir DIR] [--check] [--dry-run]`
//
// Exit codes: 0 done / up to date, 1 `--check` found the output out of date, 2 bad input
// (message on stderr, no stack trace). Nothing is written unless --out (build_config.rb) or
// --gem-dir (the gem) is given; --check and --dry-run never write.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { PolicyValueError } from "./defines.js";
import { unifiedDiff } from "./diff.js";
import { staleGemFiles, writeGem } from "./gem.js";
import { BuildConfigError, freshBuildConfig, gemPathExpression, GEM_NAME, updateBuildConfig } from "./write.js";
import { DEFAULT_POLICY, type Policy } from "../policy/policy.js";

export interface BuildConfigOptions {
  config?: string;
  base?: string;
  out?: string;
  gemDir?: string;
  check?: boolean;
  dryRun?: boolean;
  /** The policy, when the caller already loaded it (otherwise read from --config / found). */
  policy?: Policy;
  /** Audit log file baked in as HACOLINT_LOG_FILE (the config's `build.logFile`). */
  logFile?: string;
  cwd?: string;
  stdout?: { write(s: string): unknown };
  stderr?: { write(s: string): unknown };
}

interface LoadedPolicy { policy: Policy; logFile?: string | undefined }

/** Reads the policy through the CLI owner's src/config/load.ts (loaded lazily, see report). */
async function loadPolicy(opts: BuildConfigOptions, cwd: string, stderr: { write(s: string): unknown }): Promise<LoadedPolicy> {
  if (opts.policy) return { policy: opts.policy, logFile: opts.logFile };
  type Loader = { loadConfig(path: string): unknown; findConfig?(dir: string): string | null | undefined };
  let loader: Loader;
  try {
    loader = (await import(new URL("../config/load.js", import.meta.url).href)) as Loader;
  } catch {
    throw new BuildConfigError("reading .hacolint.yml is not available in this build (src/config/load.ts missing); pass the policy programmatically");
  }
  const path = opts.config ? resolve(cwd, opts.config) : loader.findConfig?.(cwd) ?? null;
  if (!path) {
    // like lint: no config means the documented default policy (all nine validations on)
    stderr.write("hacolint build-config: no .hacolint.yml found; using the default policy (pass --config FILE to choose one)\n");
    return { policy: { ...DEFAULT_POLICY }, logFile: opts.logFile };
  }
  const loaded = (await loader.loadConfig(path)) as Record<string, unknown> & { policy?: Partial<Policy>; build?: { logFile?: string } };
  // the config holds only what it changes; lint fills the rest from the defaults, and so do we
  const policy = { ...DEFAULT_POLICY, ...(loaded.policy ?? {}) } as Policy;
  return { policy, logFile: opts.logFile ?? loaded.build?.logFile };
}

export async function runBuildConfig(opts: BuildConfigOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const cwd = opts.cwd ?? process.cwd();
  try {
    const { policy, logFile } = await loadPolicy(opts, cwd, stderr);
    const out = opts.out ? resolve(cwd, opts.out) : null;
    const base = opts.base ? resolve(cwd, opts.base) : null;
    // The gem: --gem-dir, else beside the output build_config.rb.
    const gemDir = opts.gemDir ? resolve(cwd, opts.gemDir) : null;
    const anchor = out ?? base;
    const gemRef = gemDir
      ? (anchor ? relative(dirname(anchor), gemDir) || "." : gemDir)
      : GEM_NAME;
    const renderOpts = { logFile, gemPath: gemPathExpression(gemRef) };

    let baseText: string | null = null;
    if (base) {
      if (!existsSync(base)) throw new BuildConfigError(`--base ${opts.base}: no such file`);
      baseText = readFileSync(base, "utf8");
    }
    const text = baseText !== null ? updateBuildConfig(baseText, policy, renderOpts) : freshBuildConfig(policy, renderOpts);

    const current = out && existsSync(out) ? readFileSync(out, "utf8") : out ? "" : baseText;
    const currentName = out ?? base ?? "/dev/null";

    if (opts.check) {
      if (current === null) throw new BuildConfigError("--check needs --out FILE or --base FILE to compare with");
      const stale = gemDir ? staleGemFiles(gemDir) : [];
      if (current === text && stale.length === 0) return 0;
      if (current !== text) stderr.write(`hacolint build-config: ${currentName} is out of date (run without --check to update)\n`);
      for (const f of stale) stderr.write(`hacolint build-config: gem file ${f} is out of date\n`);
      return 1;
    }
    if (opts.dryRun) {
      stdout.write(unifiedDiff(current ?? "", text, current === null ? "/dev/null" : currentName, out ?? currentName));
      return 0;
    }
    if (gemDir) writeGem(gemDir);
    if (out) {
      if (current !== text) writeFileSync(out, text);
    } else {
      stdout.write(text);
    }
    return 0;
  } catch (e) {
    if (e instanceof PolicyValueError || e instanceof BuildConfigError) {
      stderr.write(`hacolint build-config: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === "string" && err.syscall) {
      stderr.write(`hacolint build-config: ${err.message}\n`);
      return 2;
    }
    throw e;
  }
}
