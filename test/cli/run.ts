// Spawns the built CLI (npm test builds first) the way users and CI run it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");
export const BIN = join(ROOT, "dist/src/cli/main.js");

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function hacolint(args: string[], options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, HACOLINT_DEBUG: undefined, ...options.env },
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A temporary directory holding `files` (path → content). */
export function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "hacolint-cli-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
