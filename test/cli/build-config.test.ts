// `hacolint --build-config build_config.rb Hacofile` and `hacolint build-config`, spawned like users run them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacolint, tree } from "./run.js";

const HACOFILE = `Haconiwa.define do |c|\n  c.name = "web"\n  c.uid = 500\n  c.gid = 500\nend\n`;
const BUILD = `MRuby::Build.new do |conf|
  conf.toolchain :gcc
  conf.gem github: 'haconiwa/haconiwa', branch: 'master'
  conf.gem 'mruby-hacolint-validate'
  conf.cc.defines += %w(HACOLINT_INIT_ID_MINIMUM HACOLINT_UID_MIN=1000 HACOLINT_GID_MIN=1000)
end
`;
const idFindings = (out: string) => out.split("\n").filter((l) => l.includes("init-id-minimum"));

describe("hacolint --build-config", () => {
  const dir = tree({
    "Hacofile": HACOFILE,
    ".hacolint.yml": "policy:\n  uidMin: 100\n  gidMin: 100\n",
    "build_config.rb": BUILD,
    "suppressed.haco": HACOFILE.replace("c.uid = 500\n", "c.uid = 500 # hacolint:disable-line init-id-minimum -- legacy\n"),
    "broken.rb": "MRuby::Build.new do |conf|\n  conf.gem(\n",
    "plain.rb": "MRuby::Build.new do |conf|\n  conf.gembox 'default'\nend\n",
    "disagree.rb": BUILD + BUILD.replace("new do", "new('cross') do").replace("UID_MIN=1000", "UID_MIN=10"),
  });

  it("uid 500 is clean under the config's uidMin 100, and an error when the build bakes HACOLINT_UID_MIN=1000", () => {
    const plain = hacolint(["--rule", "missing-pid-namespace=off", "Hacofile"], { cwd: dir });
    expect(idFindings(plain.stdout)).toEqual([]);
    const baked = hacolint(["--build-config", "build_config.rb", "Hacofile"], { cwd: dir });
    expect(baked.status).toBe(1);
    expect(baked.stderr).toBe("");
    expect(idFindings(baked.stdout)).toEqual([
      '  Hacofile:3:11  error    container "web" runs init with uid 500, below the policy minimum 1000  init-id-minimum',
      '  Hacofile:4:11  error    container "web" runs init with gid 500, below the policy minimum 1000  init-id-minimum',
    ]);
  });

  it("the config's buildConfig: does the same", () => {
    const d = tree({ "Hacofile": HACOFILE, ".hacolint.yml": "buildConfig: build/build_config.rb\npolicy:\n  uidMin: 100\n", "build/build_config.rb": BUILD });
    expect(idFindings(hacolint(["Hacofile"], { cwd: d }).stdout)).toHaveLength(2);
  });

  it("a suppression of a baked validation is reported as not allowed", () => {
    const r = hacolint(["-f", "json", "--build-config", "build_config.rb", "suppressed.haco"], { cwd: dir });
    const ids = (JSON.parse(r.stdout) as { diagnostics: { ruleId: string; line: number }[] }[])[0]!.diagnostics
      .filter((m) => m.ruleId === "init-id-minimum" || m.ruleId === "unused-suppression").map((m) => [m.ruleId, m.line]);
    expect(ids).toEqual([["init-id-minimum", 3], ["unused-suppression", 3], ["init-id-minimum", 4]]);
  });

  it("exits 2 with one line for a missing, unparsable, haconiwa-less or ambiguous build_config.rb", () => {
    const cases: [string, RegExp][] = [
      ["missing.rb", /^hacolint: --build-config missing\.rb: no such file\n$/],
      ["broken.rb", /^hacolint: build config \S+broken\.rb:1:\d+: cannot parse: .*\n$/],
      ["plain.rb", /^hacolint: build config \S+plain\.rb: no build builds haconiwa or the mruby-hacolint-validate gem \(builds: host\); run `hacolint build-config --base` on it first\n$/],
      ["disagree.rb", /^hacolint: build config \S+disagree\.rb: builds 'host' and 'cross' bake different policies \(uidMin 1000 vs 10\); lint cannot tell which binary is meant\n$/],
    ];
    for (const [file, message] of cases) {
      const r = hacolint(["--build-config", file, "Hacofile"], { cwd: dir });
      expect([file, r.status, r.stdout]).toEqual([file, 2, ""]);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe("hacolint build-config", () => {
  it("is a subcommand with help", () => {
    const r = hacolint(["build-config", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: hacolint build-config \[options\]/);
    for (const opt of ["--config", "--base", "--out", "--gem-dir", "--check", "--dry-run"]) expect(r.stdout).toContain(opt);
  });

  it("writes a build_config.rb that lint reads back, and --check follows it", () => {
    const dir = tree({ ".hacolint.yml": "policy:\n  uidMin: 1234\n", "Hacofile": HACOFILE });
    expect(hacolint(["build-config", "--out", "build_config.rb"], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, "build_config.rb"), "utf8")).toContain("'HACOLINT_UID_MIN=1234'");
    expect(hacolint(["build-config", "--out", "build_config.rb", "--check"], { cwd: dir }).status).toBe(0);
    expect(hacolint(["build-config", "-c", "other.yml", "--out", "build_config.rb", "--check"], { cwd: dir }).status).toBe(2);
    const lint = hacolint(["--build-config", "build_config.rb", "Hacofile"], { cwd: dir });
    expect(idFindings(lint.stdout)[0]).toContain("below the policy minimum 1234");
  });
});

describe("build-config without a config file", () => {
  it("uses the default policy and says so on stderr", () => {
    const dir = tree({ "README": "no config here\n" });
    const run = hacolint(["build-config"], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr.trim()).toBe("hacolint build-config: no .hacolint.yml found; using the default policy (pass --config FILE to choose one)");
    expect(run.stdout).toContain("'HACOLINT_UID_MIN=1000'");
  });
});
