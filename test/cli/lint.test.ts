// End-to-end: the built CLI on real Hacofiles, through the engine.
import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateSarif } from "../report/sarif-validator.test.js";
import { hacolint, ROOT, tree } from "./run.js";

// The bundled hardened example lints clean under the default policy; one edit makes it run as root.
export const CLEAN = readFileSync(join(ROOT, "examples/hardened.haco"), "utf8");
export const ROOT_UID = CLEAN.replace("config.uid = 1000", "config.uid = 0");
const UID_LINE = CLEAN.split("\n").findIndex((l) => l.includes("config.uid = 1000")) + 1;

interface JsonFile { filePath: string; diagnostics: { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number }[] }
const json = (stdout: string) => JSON.parse(stdout) as JsonFile[];
const ids = (files: JsonFile[]) => files.flatMap((f) => f.diagnostics.map((d) => d.ruleId));

describe("exit codes", () => {
  const dir = tree({ "clean.haco": CLEAN, "root.haco": ROOT_UID });
  it("a clean file exits 0 and prints nothing", () => {
    const result = hacolint([join(dir, "clean.haco")]);
    expect(result.stderr).toBe("");
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toBe("");
  });
  it("a bad file exits 1 with path:line:col  severity  message  rule-id", () => {
    const result = hacolint(["root.haco"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^root\.haco\n/);
    expect(result.stdout).toMatch(new RegExp(`^ {2}root\\.haco:${UID_LINE}:\\d+ +error +.+ {2}init-not-root$`, "m"));
    expect(result.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?/);
  });
  it("a missing file exits 2", () => expect(hacolint([join(dir, "nope.haco")]).status).toBe(2));
  it("--failure-threshold and --max-warnings", () => {
    const off = hacolint(["--rule", "init-not-root=warning", "--rule", "init-id-minimum=warning", "root.haco"], { cwd: dir });
    expect(off.status).toBe(0);
    const threshold = hacolint(["--failure-threshold", "warning", "--rule", "init-not-root=warning", "--rule", "init-id-minimum=warning", "root.haco"], { cwd: dir });
    expect(threshold.status).toBe(1);
    const max = hacolint(["--max-warnings", "0", "--rule", "init-not-root=warning", "--rule", "init-id-minimum=warning", "root.haco"], { cwd: dir });
    expect(max.status).toBe(1);
    expect(max.stderr).toMatch(/warnings, more than --max-warnings 0/);
  });
});

describe("formats", () => {
  const dir = tree({ "root.haco": ROOT_UID });
  it("json: 1-based positions and the exact keys", () => {
    const [file] = json(hacolint(["--format", "json", "root.haco"], { cwd: dir }).stdout);
    expect(file!.filePath).toBe("root.haco");
    const finding = file!.diagnostics.find((d) => d.ruleId === "init-not-root")!;
    expect(Object.keys(finding)).toEqual(["ruleId", "severity", "message", "line", "column", "endLine", "endColumn"]);
    expect(finding.line).toBe(UID_LINE);
  });
  it("--format sarif -o FILE --format stylish: SARIF to the file, stylish to stdout; SARIF validates", () => {
    const result = hacolint(["--format", "sarif", "-o", "out.sarif", "--format", "stylish", "root.haco"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("init-not-root");
    const sarif = readFileSync(join(dir, "out.sarif"), "utf8");
    const log = JSON.parse(sarif);
    expect(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === "init-not-root")).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "root.haco", uriBaseId: "%SRCROOT%" });
    expect(validateSarif(sarif).filter((f) => f.level === "error")).toEqual([]);
  });
  it("-o writes through a symlink and keeps it", () => {
    symlinkSync("report.txt", join(dir, "link.txt"));
    hacolint(["--format", "gnu", "-o", "link.txt", "root.haco"], { cwd: dir });
    expect(lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toContain("[init-not-root]");
  });
  it("github, gnu and checkstyle", () => {
    expect(hacolint(["--format", "github", "root.haco"], { cwd: dir }).stdout).toMatch(new RegExp(`^::error file=root\\.haco,line=${UID_LINE},col=\\d+,endLine=${UID_LINE},endColumn=\\d+,title=hacolint init-not-root::`, "m"));
    expect(hacolint(["--format", "gnu", "root.haco"], { cwd: dir }).stdout).toMatch(new RegExp(`^root\\.haco:${UID_LINE}\\.\\d+-${UID_LINE}\\.\\d+: error: .+ \\[init-not-root\\]$`, "m"));
    expect(hacolint(["--format", "checkstyle", "root.haco"], { cwd: dir }).stdout).toMatch(new RegExp(`<error line="${UID_LINE}" column="\\d+" severity="error" message=".+" source="hacolint\\.init-not-root"/>`));
  });
  it("colour only when forced or on a TTY", () => {
    expect(hacolint(["root.haco"], { cwd: dir }).stdout).not.toContain("\u001b[");
    expect(hacolint(["root.haco"], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout).toContain("\u001b[31m");
  });
});

describe("config and stdin", () => {
  const dir = tree({
    ".hacolint.yml": "rules:\n  init-not-root: warning\n  init-id-minimum: warning\noverrides:\n  - files: ['strict/**']\n    rules: { init-not-root: error }\n",
    "app/root.haco": ROOT_UID,
    "strict/root.haco": ROOT_UID,
  });
  it("severity per rule, overridden per path", () => {
    expect(hacolint(["app/root.haco"], { cwd: dir }).status).toBe(0);
    expect(hacolint(["strict/root.haco"], { cwd: dir }).status).toBe(1);
  });
  it("stdin with --stdin-filename uses that path for config lookup and reports", () => {
    const result = hacolint(["--format", "json", "--stdin-filename", "strict/x.haco", "-"], { cwd: dir, input: ROOT_UID });
    expect(result.status).toBe(1);
    expect(json(result.stdout)[0]!.filePath).toBe("strict/x.haco");
    const plain = hacolint(["--format", "json", "-"], { cwd: join(dir, "app"), input: ROOT_UID });
    expect(plain.status).toBe(0);
    expect(json(plain.stdout)[0]!.filePath).toBe("<stdin>");
  });
  it("--config replaces discovery", () => {
    writeFileSync(join(dir, "strict.yml"), "rules:\n  init-not-root: error\n");
    expect(hacolint(["--config", "strict.yml", "app/root.haco"], { cwd: dir }).status).toBe(1);
  });
});

describe("inline suppressions", () => {
  const suppressed = ROOT_UID.replace("config.uid = 0", "config.uid = 0 # hacolint:disable-line init-not-root, init-id-minimum -- lab image, no host access");
  const dir = tree({ "s.haco": suppressed, "bare.haco": suppressed.replace(" -- lab image, no host access", "") });
  it("a suppression with a reason silences the finding", () => {
    const out = json(hacolint(["--format", "json", "s.haco"], { cwd: dir }).stdout);
    expect(ids(out)).not.toContain("init-not-root");
  });
  it("--no-inline-config ignores it", () => {
    expect(ids(json(hacolint(["--no-inline-config", "--format", "json", "s.haco"], { cwd: dir }).stdout))).toContain("init-not-root");
  });
  it("requireSuppressionReason reports a bare one", () => {
    writeFileSync(join(dir, ".hacolint.yml"), "requireSuppressionReason: true\n");
    const out = json(hacolint(["--format", "json", "s.haco", "bare.haco"], { cwd: dir }).stdout);
    expect(ids([out[0]!])).not.toContain("missing-suppression-reason");
    expect(ids([out[1]!])).toContain("missing-suppression-reason");
  });
  it("unused and unknown suppressions are reported", () => {
    const d = tree({ "u.haco": `# hacolint:disable-file env-allowed, no-such-rule -- old\n${CLEAN}` });
    const out = json(hacolint(["--format", "json", "u.haco"], { cwd: d }).stdout)[0]!.diagnostics;
    expect(out.map((x) => `${x.line}:${x.column} ${x.ruleId}`)).toEqual(["1:25 unused-suppression", "1:38 unknown-suppression"]);
  });
});

describe("--fix and --fix-dry-run", () => {
  const BEFORE = `# hacolint:disable-file env-allowed -- stale\n${CLEAN}`;
  it("--fix-dry-run prints a diff and writes nothing", () => {
    const dir = tree({ "f.haco": BEFORE });
    const result = hacolint(["--fix-dry-run", "f.haco"], { cwd: dir });
    expect(result.stdout).toContain("--- a/f.haco\n+++ b/f.haco\n");
    expect(result.stdout).toContain("-# hacolint:disable-file env-allowed -- stale\n");
    expect(readFileSync(join(dir, "f.haco"), "utf8")).toBe(BEFORE);
  });
  it("--fix rewrites the file, keeping its mode, and reports what is left", () => {
    const dir = tree({ "f.haco": BEFORE });
    chmodSync(join(dir, "f.haco"), 0o640);
    const result = hacolint(["--fix", "--format", "json", "f.haco"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, "f.haco"), "utf8")).toBe(CLEAN);
    expect(statSync(join(dir, "f.haco")).mode & 0o777).toBe(0o640);
    expect(ids(json(result.stdout))).toEqual([]);
  });
});

describe("many files", () => {
  it("uses the worker pool and keeps output in sorted input order", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`d${i % 7}/f${String(i).padStart(3, "0")}.haco`] = i % 2 ? ROOT_UID : CLEAN;
    const dir = tree(files);
    // Force a pool of two workers (plus the main thread) on this small tree.
    const first = hacolint(["--format", "json", "."], { cwd: dir, env: { HACOLINT_WORKERS: "2" } });
    const second = hacolint(["--format", "json", "."], { cwd: dir, env: { HACOLINT_WORKERS: "2" } });
    expect(first.stdout).toBe(second.stdout);
    const paths = json(first.stdout).map((f) => f.filePath);
    expect(paths).toHaveLength(150);
    expect(paths).toEqual([...paths].sort());
    const single = hacolint(["--format", "json", "."], { cwd: dir, env: { HACOLINT_WORKERS: "0" } });
    expect(single.stdout).toBe(first.stdout);
  });
});
