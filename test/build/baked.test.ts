// The baked policy: which build is the haconiwa binary, defines → validation ids and policy values,
// disagreement between builds, the cache, and lint under --build-config (errors that cannot be
// lowered or suppressed; parameters that replace the config's).
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VALIDATIONS } from "../../src/catalogue/validations.js";
import { applyBuildConfig, bakedPolicy, BuildConfigError, loadBakedPolicy } from "../../src/build/baked.js";
import { readBuildConfig } from "../../src/build/read.js";
import { freshBuildConfig, gemPathExpression, updateBuildConfig } from "../../src/build/write.js";
import { lintText } from "../../src/lint/engine.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";

const ALWAYS = VALIDATIONS.filter((v) => v.class === "always-error").map((v) => v.id);
const gemPath = gemPathExpression("mruby-hacolint-validate");
const read = (text: string) => readBuildConfig(text, "/b/build_config.rb");
const build = (body: string, name = "host") => `MRuby::Build.new('${name}') do |conf|\n${body}end\n`;
const HACONIWA = "  conf.gem github: 'haconiwa/haconiwa', branch: 'master'\n";
const GEM = "  conf.gem 'mruby-hacolint-validate'\n";

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "hacolint-baked-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("bakedPolicy", () => {
  it("reads back exactly the policy build-config wrote", () => {
    const policy: Policy = {
      ...(DEFAULT_POLICY as Policy), validations: ["hacofile-owner", "init-id-minimum", "env-allowed"], experimental: ["init-owner-match"],
      uidMin: 1500, gidMin: 1600, rootfsPool: "/srv/pool with space", allowedEnv: ["PATH", "LANG"], allowedRunners: ["ops", 1001],
      hacofilePatterns: ["/etc/haconiwa/*.haco"], enforce: "setuid-only", allowMappedRoot: true,
    };
    const b = bakedPolicy(read(freshBuildConfig(policy, { gemPath })));
    expect([...b.baked].sort()).toEqual([...ALWAYS, "hacofile-owner", "init-id-minimum", "env-allowed", "init-owner-match"].sort());
    expect(b.defined).toEqual({
      uidMin: 1500, gidMin: 1600, rootfsPool: "/srv/pool with space", allowedEnv: ["PATH", "LANG"], allowedRunners: ["ops", 1001],
      hacofilePatterns: ["/etc/haconiwa/*.haco"], enforce: "setuid-only", allowMappedRoot: true,
    });
    expect(b.policy).toEqual({ ...DEFAULT_POLICY, ...b.defined, validations: DEFAULT_POLICY.validations, experimental: ["init-owner-match"] });
    expect(b.notes).toEqual([]);
  });

  it("maps HACONIWA_SECURE_RUN to hacofile-owner, even without the generated gem; always-error ids are always baked", () => {
    const b = bakedPolicy(read(build(`${HACONIWA}  conf.cc.defines << 'HACONIWA_SECURE_RUN' << 'HACOLINT_UID_MIN=5'\n`)));
    expect([...b.baked].sort()).toEqual([...ALWAYS, "hacofile-owner"].sort());
    expect(b.defined).toEqual({});
    expect(b.notes).toEqual(["HACOLINT_UID_MIN (line 3) has no effect in build 'host': it does not have the mruby-hacolint-validate gem"]);
  });

  it("uses the haconiwa builds, reached through a helper, and ignores the others", () => {
    const text = `def gem_config(conf)\n${HACONIWA}${GEM}  conf.cc.defines << 'HACOLINT_INIT_NOT_ROOT'\nend\n`
      + build("  gem_config(conf)\n") + build("  gem_config(conf)\n", "x86_64")
      + build("  conf.gembox 'default'\n  conf.cc.defines << 'HACOLINT_UID_MIN=7'\n", "mrbc");
    const b = bakedPolicy(read(text));
    expect(b.targets).toEqual(["host", "x86_64"]);
    expect(b.baked.has("init-not-root")).toBe(true);
    expect(b.defined).toEqual({});
  });

  it("reports builds that disagree", () => {
    const text = build(`${HACONIWA}${GEM}  conf.cc.defines << 'HACOLINT_UID_MIN=1000'\n`) + build(`${HACONIWA}${GEM}  conf.cc.defines << 'HACOLINT_UID_MIN=500' << 'HACOLINT_ENV_ALLOWED'\n`, "cross");
    expect(() => bakedPolicy(read(text))).toThrow(/builds 'host' and 'cross' bake different policies \(validations \[\] vs \["env-allowed"\]; uidMin 1000 vs 500\)/);
  });

  it("refuses a file with no haconiwa build and no generated gem", () => {
    expect(() => bakedPolicy(read(build("  conf.gembox 'default'\n")))).toThrow(BuildConfigError);
    expect(() => bakedPolicy(read(build("  conf.gembox 'default'\n")))).toThrow(/no build builds haconiwa or the mruby-hacolint-validate gem \(builds: host\)/);
    expect(() => bakedPolicy(read("puts 1\n"))).toThrow(/no MRuby::Build.new/);
  });

  it("treats conditional defines as baked and says so", () => {
    const b = bakedPolicy(read(build(`${HACONIWA}${GEM}  conf.cc.defines << 'HACOLINT_ENV_ALLOWED' if ENV['CI']\n`)));
    expect(b.baked.has("env-allowed")).toBe(true);
    expect(b.notes).toEqual(["HACOLINT_ENV_ALLOWED (line 4) depends on ENV['CI']; treated as baked"]);
  });

  it("refuses a parameter define whose value is not what the gem expects", () => {
    expect(() => bakedPolicy(read(build(`${GEM}  conf.cc.defines << 'HACOLINT_UID_MIN=abc'\n`)))).toThrow(/line 3: HACOLINT_UID_MIN: expected a whole number, got "abc"/);
  });
});

describe("loadBakedPolicy", () => {
  it("reads a file once per version and errors clearly", () => {
    const dir = tmp({ "build_config.rb": build(`${GEM}  conf.cc.defines << 'HACOLINT_UID_MIN=1000'\n`), "bad.rb": "MRuby::Build.new do |conf|\n  conf.gem(\n", "none.rb": build("") });
    const file = join(dir, "build_config.rb");
    const first = loadBakedPolicy(file);
    expect(loadBakedPolicy(file)).toBe(first);
    writeFileSync(file, build(`${GEM}  conf.cc.defines << 'HACOLINT_UID_MIN=2000'\n`));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadBakedPolicy(file).defined.uidMin).toBe(2000);
    expect(() => loadBakedPolicy(join(dir, "missing.rb"))).toThrow(`build config ${join(dir, "missing.rb")}: no such file`);
    expect(() => loadBakedPolicy(dir)).toThrow("is a directory");
    expect(() => loadBakedPolicy(join(dir, "bad.rb"))).toThrow(new RegExp(`^build config ${join(dir, "bad.rb")}:1:\\d+: cannot parse: `));
    expect(() => loadBakedPolicy(join(dir, "none.rb"))).toThrow(/none\.rb: no build builds haconiwa/);
  });
});

describe("lint with a build config", () => {
  const hacofile = `Haconiwa.define do |c|\n  c.name = "web"\n  c.uid = 500\n  c.gid = 500\nend\n`;
  const config: Policy = { ...(DEFAULT_POLICY as Policy), uidMin: 100, gidMin: 100 };
  const idMin = (text: string, opts: Parameters<typeof lintText>[1]) => lintText(text, opts).diagnostics.filter((d) => d.ruleId === "init-id-minimum" || d.ruleId === "unused-suppression");
  const dir = tmp({
    "build_config.rb": updateBuildConfig(build(HACONIWA), { ...config, uidMin: 1000, gidMin: 1000 }, { gemPath }),
    "only_uid.rb": build(`${HACONIWA}${GEM}  conf.cc.defines += %w(HACOLINT_INIT_ID_MINIMUM HACOLINT_UID_MIN=1000)\n`),
  });

  it("uid 500 is clean under uidMin 100 and an error when the build bakes HACOLINT_UID_MIN=1000", () => {
    expect(idMin(hacofile, { filePath: "/h/Hacofile", policy: config })).toEqual([]);
    const baked = idMin(hacofile, { filePath: "/h/Hacofile", policy: config, buildConfig: join(dir, "build_config.rb") });
    expect(baked.map((d) => [d.severity, d.range.start.line, d.message])).toEqual([
      ["error", 3, 'container "web" runs init with uid 500, below the policy minimum 1000'],
      ["error", 4, 'container "web" runs init with gid 500, below the policy minimum 1000'],
    ]);
  });

  it("replaces only the parameters the build defines, and ignores rules: settings for baked ids", () => {
    const r = idMin(hacofile, { filePath: "/h/Hacofile", policy: config, rules: { "init-id-minimum": "off" }, buildConfig: join(dir, "only_uid.rb") });
    // uidMin comes from the build (1000); gidMin stays the config's 100
    expect(r.map((d) => [d.severity, d.message])).toEqual([["error", 'container "web" runs init with uid 500, below the policy minimum 1000']]);
    const opts = applyBuildConfig({ filePath: "/h/Hacofile", policy: { ...config, validations: [] } }, join(dir, "only_uid.rb"));
    expect(opts.policy).toMatchObject({ uidMin: 1000, gidMin: 100, validations: ["init-id-minimum"] });
    expect([...opts.baked!].sort()).toEqual([...ALWAYS, "init-id-minimum"].sort());
  });

  it("a suppression of a baked validation is reported as not allowed and does not suppress", () => {
    const suppressed = hacofile.replace("  c.uid = 500\n", "  c.uid = 500 # hacolint:disable-line init-id-minimum -- legacy\n");
    // without the build, the same policy's finding is suppressed
    expect(idMin(suppressed, { filePath: "/h/Hacofile", policy: { ...config, uidMin: 1000 } })).toEqual([]);
    const r = idMin(suppressed, { filePath: "/h/Hacofile", policy: config, buildConfig: join(dir, "build_config.rb") });
    expect(r.map((d) => [d.ruleId, d.range.start.line])).toEqual([["init-id-minimum", 3], ["unused-suppression", 3], ["init-id-minimum", 4]]);
    expect(r[1]!.message).toMatch(/init-id-minimum cannot be suppressed: the build config bakes it into the runtime binary/);
  });
});
