// Exit code 2 with exactly one line on stderr and no stack trace, for every input problem.
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacolint, tree } from "./run.js";

function expectToolError(result: ReturnType<typeof hacolint>, pattern: RegExp) {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("tool and usage errors exit 2 with one line", () => {
  const dir = tree({
    "bad-utf8.haco": Buffer.concat([Buffer.from("Haconiwa.define do |c|\n  c.name = \"caf"), Buffer.from([0xc3, 0x28]), Buffer.from("\"\nend\n")]),
    "binary.haco": Buffer.from([0x48, 0x61, 0x0a, 0x00, 0x01]),
    "empty-dir/README": "no Hacofiles here\n",
  });

  it("missing file", () => expectToolError(hacolint(["/nonexistent/Hacofile"]), /^hacolint: \/nonexistent\/Hacofile: no such file or directory$/));
  it("directory without Hacofiles", () => expectToolError(hacolint([join(dir, "empty-dir")]), /no Hacofiles found \(looked for \*\.haco and Hacofile\)$/));
  it("node_modules and .git are not searched", () => {
    const vendored = tree({ "node_modules/x/Hacofile": "Haconiwa.define do |c|\nend\n", ".git/a.haco": "x\n" });
    expectToolError(hacolint([vendored]), /no Hacofiles found/);
  });
  it("invalid UTF-8 names the position of the first bad byte", () =>
    expectToolError(hacolint([join(dir, "bad-utf8.haco")]), /bad-utf8\.haco:2:16: invalid UTF-8 \(byte 0xc3 at offset 38\)$/));
  it("binary file", () => expectToolError(hacolint([join(dir, "binary.haco")]), /binary\.haco:2:1: binary file \(NUL byte\), not a Hacofile$/));
  it("invalid UTF-8 on stdin", () =>
    expectToolError(hacolint(["-", "--stdin-filename", "x/Hacofile"], { input: Buffer.from([0x61, 0xff]) }), /^hacolint: x\/Hacofile:1:2: invalid UTF-8/));
  it("file too large", () => {
    const big = join(dir, "big.haco");
    writeFileSync(big, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    expectToolError(hacolint([big]), /big\.haco: file too large \(10485761 bytes; the limit is 10485760\)$/);
  });
  it("endless devices and oversized stdin stop at the limit", () => {
    expectToolError(hacolint(["/dev/zero"]), /^hacolint: \/dev\/zero: input too large \(more than the limit of 10485760 bytes\)$/);
    expectToolError(hacolint(["-"], { input: Buffer.alloc(10 * 1024 * 1024 + 5, 0x20) }), /^hacolint: <stdin>: input too large/);
  });
  it("missing --build-config", () => expectToolError(hacolint(["--build-config", "/nonexistent.rb", "x"]), /--build-config \/nonexistent\.rb: no such file$/));
  it.skipIf(process.getuid?.() === 0)("unreadable file and directory", () => {
    const locked = tree({ "Hacofile": "x\n", "sub/a.haco": "x\n" });
    chmodSync(join(locked, "Hacofile"), 0o000);
    expectToolError(hacolint([join(locked, "Hacofile")]), /Hacofile: cannot read file \(permission denied\)$/);
    chmodSync(join(locked, "sub"), 0o000);
    expectToolError(hacolint([join(locked, "sub")]), /sub: cannot read directory \(permission denied\)$/);
  });
  it("unknown option", () => expectToolError(hacolint(["--bogus", "x"]), /^hacolint: unknown option '--bogus'/));
  it("bad option values", () => {
    expectToolError(hacolint(["--failure-threshold", "fatal", "x"]), /failure-threshold/);
    expectToolError(hacolint(["--max-warnings", "-1", "x"]), /max-warnings/);
    expectToolError(hacolint(["--format", "xml", "x"]), /unknown format "xml"; use one of stylish, json, sarif, checkstyle, github, gnu$/);
    expectToolError(hacolint(["--rule", "init-not-root", "x"]), /expected <rule-id>=<off\|info\|warning\|error>/);
  });
  it("two formats on stdout, -o without a format, -o over an input", () => {
    expectToolError(hacolint(["--format", "json", "--format", "gnu", "x"]), /only one --format can write to standard output/);
    expectToolError(hacolint(["--format", "json", "-o", "a", "-o", "b", "x"]), /-o b has no --format before it/);
    const d = tree({ "a.haco": "x\n" });
    expectToolError(hacolint(["--format", "json", "-o", join(d, "a.haco"), join(d, "a.haco")]), /is one of the files being linted; refusing to overwrite it$/);
  });
  it("-o into a missing directory", () => {
    const d = tree({ "a.haco": "Haconiwa.define do |c|\nend\n" });
    expectToolError(hacolint(["--format", "json", "-o", "/nonexistent/dir/r.json", join(d, "a.haco")]), /^hacolint: \/nonexistent\/dir\/r\.json: cannot write \(no such file or directory\)$/);
  });
  it("no inputs", () => expectToolError(hacolint([]), /no files given/));
  it("--fix with stdin", () => expectToolError(hacolint(["--fix", "-"]), /--fix cannot write to standard input/));
  it("unknown rule for explain", () => expectToolError(hacolint(["explain", "unused-supression"]), /unknown rule id "unused-supression"; did you mean "unused-suppression"\?/));
});

describe("bad configuration exits 2 with file:line:col per problem", () => {
  it("reports each problem with its position", () => {
    const d = tree({ ".hacolint.yml": "policy:\n  uidMin: -5\n  rootfsPol: /x\n", "Hacofile": "Haconiwa.define do |c|\nend\n" });
    const result = hacolint([join(d, "Hacofile")]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `hacolint: ${join(d, ".hacolint.yml")}:2:11: policy.uidMin must be at least 0 (got -5)`,
      `hacolint: ${join(d, ".hacolint.yml")}:3:3: unknown key "rootfsPol" in policy; expected "validations", "experimental", "uidMin", "gidMin", "rootfsPool", "allowedEnv", "allowedRunners", "hacofilePatterns", "enforce", "allowMappedRoot" (did you mean "rootfsPool"?)`,
    ]);
  });
  it("--config pointing at a missing file", () => {
    const result = hacolint(["--config", "/nonexistent/cfg.yml", "/nonexistent/Hacofile"]);
    expect(result.status).toBe(2);
  });
});

describe("subcommands", () => {
  it("rules lists the catalogue and the rules", () => {
    const result = hacolint(["rules"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("init-not-root");
    expect(result.stdout).toContain("HACONIWA_SECURE_RUN");
    expect(result.stdout).toContain("unused-suppression");
    const json = JSON.parse(hacolint(["rules", "--json"]).stdout);
    expect(json.validations).toHaveLength(16);
  });
  it("explain prints what, why, fix and examples", () => {
    const result = hacolint(["explain", "unused-suppression"]);
    expect(result.status).toBe(0);
    for (const heading of ["What it checks and why:", "How to fix:", "Flagged:", "More: https://github.com/hacolint/hacolint/blob/main/docs/rules/unused-suppression.md"]) {
      expect(result.stdout).toContain(heading);
    }
  });
  it("--version and --help exit 0", () => {
    expect(hacolint(["--version"])).toMatchObject({ status: 0, stdout: "0.1.0\n" });
    expect(hacolint(["--help"]).status).toBe(0);
  });
});
