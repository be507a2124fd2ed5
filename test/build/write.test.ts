// build_config.rb writing: fresh file, --base updates that touch only the managed region,
// idempotence, which builds get the gem, and the build-config command's --check/--dry-run/--out.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuildConfig } from "../../src/build/command.js";
import { readBuildLayout } from "../../src/build/build-blocks.js";
import { findBuildBlocks } from "../../src/build/ruby-scan.js";
import { BuildConfigError, freshBuildConfig, gemPathExpression, updateBuildConfig } from "../../src/build/write.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";

const policy = { ...DEFAULT_POLICY } as Policy;
const opts = { gemPath: gemPathExpression("mruby-hacolint-validate") };
const REGION = /^[ \t]*# BEGIN hacolint managed[\s\S]*?# END hacolint managed\n/gm;
const strip = (s: string): string => s.replace(REGION, "");
const rubyOk = spawnSync("ruby", ["-v"]).status === 0;
function rubyCheck(text: string): void {
  if (!rubyOk) return;
  const r = spawnSync("ruby", ["-c"], { input: text, encoding: "utf8" });
  expect(r.stdout + r.stderr).toContain("Syntax OK");
}

const HACONIWA_STYLE = `# like haconiwa's build_config.rb
def gem_config(conf)
  conf.gem github: 'haconiwa/mruby-exec', branch: 'master'
  conf.gem File.expand_path('../haconiwa', File.dirname(__FILE__)) # the haconiwa gem
  conf.cc.defines << 'HACONIWA_USE_CRIU' unless ENV['CI']
end

MRuby::Build.new do |conf|
  toolchain :gcc
  conf.enable_bintest
  gem_config(conf)
end

MRuby::Build.new('x86_64-pc-linux-gnu') do |conf|
  toolchain :gcc
  gem_config(conf)
end

MRuby::CrossBuild.new('mirb') do |c|
    c.gem core: 'mruby-bin-mirb'
    text = <<~EOS
      end do if
    EOS
    %w(end do begin).each { |w| puts w }
    x = 1 if text.include?("end")
    while x < 3 do x += 1 end
    y = if x then :end else 'end' end
=begin
end end end
=end
end
`;

describe("fresh build_config.rb", () => {
  it("is valid Ruby with one managed region, core gems and the gem", () => {
    const text = freshBuildConfig(policy, opts);
    rubyCheck(text);
    expect(text.match(/# BEGIN hacolint managed/g)).toHaveLength(1);
    expect(text).toContain("conf.gembox 'default'");
    expect(text).toContain("conf.gem File.expand_path('mruby-hacolint-validate', File.dirname(__FILE__))");
    expect(text).toContain("'HACONIWA_SECURE_RUN', # validation hacofile-owner: on");
    expect(freshBuildConfig(policy, opts)).toBe(text);
  });
});

describe("--base", () => {
  it("finds build blocks past heredocs, %w(), modifiers, while-do and =begin", () => {
    const blocks = findBuildBlocks(HACONIWA_STYLE);
    expect(blocks.map((b) => [b.kind, b.param, HACONIWA_STYLE.slice(b.endKeyword, b.end)])).toEqual([
      ["MRuby::Build", "conf", "end"], ["MRuby::Build", "conf", "end"], ["MRuby::CrossBuild", "c", "end"],
    ]);
    expect(HACONIWA_STYLE.slice(blocks[2]!.endKeyword - 5, blocks[2]!.end)).toBe("=end\nend");
  });

  it("cross-checks the scanner with the project's Ruby parser when the parser can read the file", () => {
    const fixture = readFileSync(join(__dirname, "../fixtures/build/base_build_config.rb"), "utf8");
    const layout = readBuildLayout(fixture);
    expect(layout.reader).toBe("parser+scanner");
    expect(layout.blocks).toHaveLength(1);
    expect(layout.defs.map((d) => d.name)).toEqual(["common_settings"]);
  });

  it("adds the gem only to builds that build haconiwa (through the helper), preserving every other byte", () => {
    const out = updateBuildConfig(HACONIWA_STYLE, policy, opts);
    rubyCheck(out);
    expect(strip(out)).toBe(HACONIWA_STYLE);
    expect(out.match(/# BEGIN hacolint managed/g)).toHaveLength(2);
    expect(out).not.toMatch(/c\.gem File\.expand_path\('mruby-hacolint/);
    expect(out).toMatch(/  gem_config\(conf\)\n  # BEGIN hacolint managed[\s\S]*?# END hacolint managed\nend\n\nMRuby::Build.new\('x86_64/);
  });

  it("adds it to every build when none builds haconiwa, using each block's own parameter and indent", () => {
    const base = "MRuby::Build.new do |conf|\n  conf.gembox 'default'\nend\nMRuby::CrossBuild.new('arm') do |c|\n    c.gembox 'default'\nend\n";
    const out = updateBuildConfig(base, policy, opts);
    rubyCheck(out);
    expect(strip(out)).toBe(base);
    expect(out).toContain("    c.cc.defines += [\n");
    expect(out).toContain("  conf.cc.defines += [\n");
  });

  it("is idempotent, and a changed policy replaces the region in place", () => {
    const once = updateBuildConfig(HACONIWA_STYLE, policy, opts);
    expect(updateBuildConfig(once, policy, opts)).toBe(once);
    const changed = updateBuildConfig(once, { ...policy, uidMin: 2000 }, opts);
    expect(strip(changed)).toBe(HACONIWA_STYLE);
    expect(changed).toContain("'HACOLINT_UID_MIN=2000'");
    expect(changed).not.toContain("'HACOLINT_UID_MIN=1000'");
  });

  it("refuses what it cannot edit safely, with line numbers", () => {
    expect(() => updateBuildConfig("puts 1\n", policy, opts)).toThrow(/no MRuby::Build.new or MRuby::CrossBuild.new block found/);
    expect(() => updateBuildConfig("MRuby::Build.new do |conf| conf.gembox 'default' end\n", policy, opts)).toThrow(/line 1: the MRuby::Build block's closing 'end' must be on its own line/);
    expect(() => updateBuildConfig("MRuby::Build.new do |conf|\n  # BEGIN hacolint managed\nend\n", policy, opts)).toThrow(BuildConfigError);
    expect(() => updateBuildConfig("# BEGIN hacolint managed\n# END hacolint managed\nMRuby::Build.new do |conf|\nend\n", policy, opts)).toThrow(/line 1: managed region outside any build block/);
    expect(() => updateBuildConfig("MRuby::Build.new do |conf|\n  if true\nend\n", policy, opts)).toThrow(/unclosed 'do'/);
  });
});

describe("runBuildConfig (hacolint build-config)", () => {
  // Captured output; spread into the options (only stdout/stderr are option names).
  const io = () => {
    const outLines: string[] = [], errLines: string[] = [];
    return { outLines, errLines, stdout: { write: (s: string) => outLines.push(s) }, stderr: { write: (s: string) => errLines.push(s) } };
  };
  const dir = mkdtempSync(join(tmpdir(), "hacolint-bc-"));
  const base = join(dir, "build_config.base.rb");
  writeFileSync(base, HACONIWA_STYLE);

  it("prints to stdout without --out and writes nothing", async () => {
    const s = io();
    expect(await runBuildConfig({ policy, base, ...s })).toBe(0);
    expect(s.outLines.join("")).toContain("# BEGIN hacolint managed");
    expect(readFileSync(base, "utf8")).toBe(HACONIWA_STYLE);
  });

  it("--out writes once; --check is 0 when up to date and 1 after a policy change; --gem-dir writes the gem", async () => {
    const out = join(dir, "build_config.rb");
    const gemDir = join(dir, "gem");
    expect(await runBuildConfig({ policy, base, out, gemDir, ...io() })).toBe(0);
    const first = readFileSync(out, "utf8");
    expect(first).toContain("conf.gem File.expand_path('gem', File.dirname(__FILE__))");
    expect(existsSync(join(gemDir, "mrbgem.rake"))).toBe(true);
    expect(readFileSync(join(gemDir, "src/hv_catalogue.h"), "utf8")).toContain('{ "init-not-root", 213, "HACOLINT_INIT_NOT_ROOT", "selectable" }');
    const mtime = statSync(out).mtimeMs;
    expect(await runBuildConfig({ policy, base: out, out, gemDir, ...io() })).toBe(0);
    expect(statSync(out).mtimeMs).toBe(mtime);
    expect(await runBuildConfig({ policy, base: out, out, gemDir, check: true, ...io() })).toBe(0);
    const s = io();
    expect(await runBuildConfig({ policy: { ...policy, gidMin: 4242 }, base: out, out, gemDir, check: true, ...s })).toBe(1);
    expect(s.errLines.join("")).toMatch(/build_config.rb is out of date/);
    expect(readFileSync(out, "utf8")).toBe(first);
  });

  it("--dry-run prints a unified diff and writes nothing", async () => {
    const out = join(dir, "dry.rb");
    writeFileSync(out, HACONIWA_STYLE);
    const s = io();
    expect(await runBuildConfig({ policy, base: out, out, dryRun: true, ...s })).toBe(0);
    const diff = s.outLines.join("");
    expect(diff).toMatch(/^--- .*dry\.rb\n\+\+\+ .*dry\.rb\n@@ -\d+,\d+ \+\d+,\d+ @@/);
    expect(diff).toContain("+  # BEGIN hacolint managed");
    expect(diff.split("\n").filter((l) => l.startsWith("-") && !l.startsWith("---"))).toEqual([]);
    expect(readFileSync(out, "utf8")).toBe(HACONIWA_STYLE);
  });

  it("reports bad input as one clear line and exit 2", async () => {
    const s = io();
    expect(await runBuildConfig({ policy: { ...policy, rootfsPool: "/a\nb" }, ...s })).toBe(2);
    expect(s.errLines.join("")).toBe("hacolint build-config: policy.rootfsPool: contains a line break\n");
    const t = io();
    expect(await runBuildConfig({ policy, base: join(dir, "missing.rb"), ...t })).toBe(2);
    expect(t.errLines.join("")).toMatch(/--base .*missing.rb: no such file/);
    const u = io();
    expect(await runBuildConfig({ policy, check: true, ...u })).toBe(2);
    expect(u.errLines.join("")).toMatch(/--check needs --out FILE or --base FILE/);
  });
});
