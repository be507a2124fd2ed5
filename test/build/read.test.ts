// Reading build_config.rb with the parser: targets, defines in every form (with ranges and
// origins), gems, gemboxes, enable_*, flags, helper methods followed per build, __FILE__/__dir__,
// ENV conditions marked and never evaluated; and the round trip with what build-config writes.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { policyDefines } from "../../src/build/defines.js";
import { readBuildConfig, type ReadTarget } from "../../src/build/read.js";
import { freshBuildConfig, gemPathExpression, updateBuildConfig } from "../../src/build/write.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/build");
const HACONIWA_LIKE = join(FIXTURES, "haconiwa_like.rb");
const DIR = FIXTURES;
const read = readBuildConfig(readFileSync(HACONIWA_LIKE, "utf8"), HACONIWA_LIKE);
const target = (name: string): ReadTarget => read.targets.find((t) => t.name === name)!;
const at = (r: { range: { start: { line: number; column: number } } }): string => `${r.range.start.line}:${r.range.start.column}`;

describe("readBuildConfig on a haconiwa-like build_config.rb", () => {
  it("finds every target with its kind, name, toolchain and enable_* switches", () => {
    expect(read.targets.map((t) => [t.kind, t.name, t.toolchain, t.enabled])).toEqual([
      ["Build", "host", "gcc", ["debug", "bintest"]],
      ["Build", "x86_64-pc-linux-gnu", "clang", []],
      ["Build", "test", "gcc", ["test"]],
      ["CrossBuild", "arm-linux-gnueabihf", "gcc", []],
    ]);
    expect(read.targets.map((t) => [t.range.start.line, t.range.end.line])).toEqual([[23, 31], [33, 40], [42, 51], [53, 63]]);
    expect(read.diagnostics).toEqual([]);
  });

  it("follows gem_config(conf) into each of the three builds, whatever the block parameter is called", () => {
    for (const name of ["host", "x86_64-pc-linux-gnu", "test"]) {
      const helperDefines = target(name).defines.filter((d) => d.origin === "helper");
      expect(helperDefines.map((d) => [d.value, d.op, d.helper, at(d), d.conditional])).toEqual([
        ["HACONIWA_SECURE_RUN", "<<", "gem_config", "15:22", undefined],
        ["HACOLINT_INIT_NOT_ROOT", "+=", "gem_config", "16:25", undefined],
        ["HACOLINT_UID_MIN=1000", "+=", "gem_config", "16:48", undefined],
        ['HACOLINT_ROOTFS_POOL="/var/lib/haconiwa"', "push", "gem_config", "19:26", "!ENV['CI']"],
      ]);
      expect(target(name).gemboxes.map((b) => b.value)).toEqual(["default"]);
    }
    expect(target("arm-linux-gnueabihf").defines.some((d) => d.origin === "helper")).toBe(false);
  });

  it("decodes each define to its C meaning", () => {
    const byName = Object.fromEntries(target("host").defines.map((d) => [d.name, d.decoded]));
    expect(byName.HACONIWA_SECURE_RUN).toEqual({ name: "HACONIWA_SECURE_RUN", value: null });
    expect(byName.HACOLINT_UID_MIN).toEqual({ name: "HACOLINT_UID_MIN", value: 1000 });
    expect(byName.HACOLINT_ROOTFS_POOL).toEqual({ name: "HACOLINT_ROOTFS_POOL", value: "/var/lib/haconiwa" });
  });

  it("reads defines written with <<, chained <<, +=, push, concat, = and %w(), and -D in flags", () => {
    const own = (name: string) => target(name).defines.filter((d) => d.origin !== "helper").map((d) => [d.value, d.origin, at(d), d.fromFlags ?? false]);
    expect(own("host")).toEqual([
      ["HOST_ONLY", "<<", "28:22", false],
      ["HOST_TWO", "<<", "28:37", false],
      ["FROM_FLAGS=1", "+=", "30:30", true],
    ]);
    // concat of a constant: the range is where the %w() element is written
    expect(own("x86_64-pc-linux-gnu")).toEqual([
      ["MRB_INT64", "concat", "6:21", false],
      ["MRB_UTF8_STRING", "concat", "6:31", false],
      ["VIA_CC_BLOCK", "push", "38:21", false],
      ["SECOND_PUSH", "push", "38:37", false],
    ]);
    // the second `=` replaces the first
    expect(own("test")).toEqual([["TEST_A", "=", "47:5", false], ["TEST_B=2", "=", "48:5", false]]);
    expect(own("arm-linux-gnueabihf")).toEqual([["CROSS_DEFINE", "<<", "57:46", false], ["HACONIWA_USE_CRIU", "<<", "59:24", false]]);
    expect(target("host").flags.map((f) => [f.value, f.origin])).toEqual([["-O2", "<<"], ["-Wall", "+="], ["-DFROM_FLAGS=1", "+="]]);
  });

  it("reads gems with a path, core:, mgem:, github: with branch:, and resolves __FILE__ and __dir__", () => {
    expect(target("host").gems.map((g) => [g.spec, g.conditional])).toEqual([
      [{ core: "mruby-io" }, undefined],
      [{ mgem: "mruby-dir" }, undefined],
      [{ github: "haconiwa/haconiwa", branch: "v0.10.x" }, undefined],
      [{ path: join(DIR, "vendor/mruby-linux-namespace") }, undefined],
      [{ path: join(DIR, "mrbgems/mruby-cgroup") }, undefined],
      [{ github: "haconiwa/mruby-criu", branch: "master" }, "ENV['CI']"],
    ]);
    expect(target("host").gems.every((g) => g.helper === "gem_config" && !g.generated)).toBe(true);
  });

  it("marks what is under ENV conditions (if/else, unless, modifiers) without evaluating them", () => {
    const arm = target("arm-linux-gnueabihf");
    expect(arm.defines.find((d) => d.name === "HACONIWA_USE_CRIU")!.conditional).toBe("ENV['WITH_CRIU']");
    expect(arm.gems).toEqual([expect.objectContaining({ spec: { core: "mruby-print" }, conditional: "!ENV['WITH_CRIU']" })]);
    expect(arm.gemboxes.map((b) => b.value)).toEqual(["full-core"]);
    // a compound condition is kept as written
    const envOn = readBuildConfig(readFileSync(HACONIWA_LIKE, "utf8").replace(/ENV\["CI"\]/, 'ENV["CI"] && true'), HACONIWA_LIKE);
    expect(envOn.targets[0]!.gems[5]!.conditional).toBe("ENV[\"CI\"] && true");
  });

  it("never runs the file: backticks, system and File.write do nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacolint-read-"));
    const marker = join(dir, "ran");
    const text = `\`touch ${marker}\`\nsystem("touch ${marker}")\nFile.write("${marker}", "x")\nMRuby::Build.new { |conf| conf.gem core: \`echo x\` }\n`;
    const r = readBuildConfig(text, join(dir, "build_config.rb"));
    expect(existsSync(marker)).toBe(false);
    expect(r.targets[0]!.gems[0]!.spec).toEqual({});
    expect(r.diagnostics.map((d) => d.message)).toEqual(["``echo x``: gem core is not statically known"]);
  });

  it("reads a block without a parameter (instance_eval) and bare calls in any build block", () => {
    const r = readBuildConfig(`MRuby::Build.new('bare') do\n  toolchain :gcc\n  gem core: 'mruby-print'\n  enable_debug\n  cc.defines << 'BARE'\nend\n`, "/x/build_config.rb");
    expect(r.targets[0]).toMatchObject({ name: "bare", toolchain: "gcc", enabled: ["debug"], gems: [{ spec: { core: "mruby-print" } }], defines: [{ value: "BARE", origin: "<<" }] });
  });

  it("reports values it cannot know instead of guessing", () => {
    const r = readBuildConfig(`MRuby::Build.new do |conf|\n  conf.cc.defines << "X=#{ENV['X']}"\n  conf.cc.defines << 'KNOWN'\n  load 'other.rb'\nend\n`, "/x/build_config.rb");
    expect(r.targets[0]!.defines.map((d) => d.value)).toEqual(["KNOWN"]);
    expect(r.diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([
      [2, "`\"X=#{ENV['X']}\"`: value added to defines is not statically known; ignored"],
      [4, "`load 'other.rb'`: load is not followed (the file is read, never run)"],
    ]);
  });

  it("follows helpers that return values, and does not loop on recursive helpers", () => {
    const r = readBuildConfig(`def common; %w(A B); end\ndef loop(c); loop(c); end\nMRuby::Build.new do |conf|\n  conf.cc.defines += common\n  loop(conf)\nend\n`, "/x/b.rb");
    expect(r.targets[0]!.defines.map((d) => [d.value, d.origin, at(d)])).toEqual([["A", "+=", "1:16"], ["B", "+=", "1:18"]]);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["`loop` calls itself; not followed further"]);
  });

  it("marks a target created under a condition", () => {
    const r = readBuildConfig(`if ENV['CROSS']\n  MRuby::CrossBuild.new('arm') do |conf|\n    conf.cc.defines << 'X'\n  end\nend\n`, "/x/b.rb");
    expect(r.targets[0]).toMatchObject({ kind: "CrossBuild", name: "arm", conditional: "ENV['CROSS']", defines: [{ value: "X" }] });
    expect(r.targets[0]!.defines[0]!.conditional).toBeUndefined();
  });
});

describe("round trip: policy → build-config → readBuildConfig → the policy's defines", () => {
  const hostile: Policy = {
    ...(DEFAULT_POLICY as Policy),
    uidMin: 2000,
    rootfsPool: "/srv/it's \"quoted\" \\ #{x} `y` $HOME",
    allowedRunners: ["ops", 1001],
    hacofilePatterns: ["/etc/haconiwa/*.haco", "/srv/h a c o/**/*.haco"],
    experimental: ["init-not-setid"],
  };
  const expected = (p: Policy) => policyDefines(p).map((d) => ({ name: d.name, value: d.value }));
  const managed = (t: ReadTarget) => t.defines.filter((d) => d.managed).map((d) => d.decoded);

  for (const [name, policy] of [["default policy", DEFAULT_POLICY as Policy], ["hostile values", hostile]] as const) {
    it(`fresh file, ${name}`, () => {
      const text = freshBuildConfig(policy, { gemPath: gemPathExpression("mruby-hacolint-validate") });
      const r = readBuildConfig(text, "/build/build_config.rb");
      expect(r.diagnostics).toEqual([]);
      expect(r.targets).toHaveLength(1);
      expect(managed(r.targets[0]!)).toEqual(expected(policy));
      expect(r.targets[0]!.defines.every((d) => d.origin === "+=")).toBe(true);
      expect(r.targets[0]!.gems.find((g) => g.generated)!.spec).toEqual({ path: "/build/mruby-hacolint-validate" });
    });

    it(`--base of the haconiwa-like file, ${name}`, () => {
      const base = readFileSync(HACONIWA_LIKE, "utf8");
      const text = updateBuildConfig(base, policy, { gemPath: gemPathExpression("../gems/mruby-hacolint-validate") });
      const r = readBuildConfig(text, HACONIWA_LIKE);
      expect(r.diagnostics).toEqual([]);
      // the three builds that call gem_config (haconiwa) got the region; the cross build did not
      expect(r.targets.map((t) => managed(t).length > 0)).toEqual([true, true, true, false]);
      for (const t of r.targets.slice(0, 3)) {
        expect(managed(t)).toEqual(expected(policy));
        expect(t.gems.filter((g) => g.generated).map((g) => g.spec.path)).toEqual([join(dirname(DIR), "gems/mruby-hacolint-validate")]);
      }
      // everything read before is still read the same way
      const before = read.targets.map((t) => t.defines.map((d) => d.value));
      expect(r.targets.map((t) => t.defines.filter((d) => !d.managed).map((d) => d.value))).toEqual(before);
    });
  }
});
