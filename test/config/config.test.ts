import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXPERIMENTAL_IDS, SELECTABLE_IDS } from "../../src/catalogue/validations.js";
import { buildSchema, ConfigError, findConfig, loadConfig, parseConfig, resolveForFile } from "../../src/config/index.js";
import { validateAgainstSchema } from "../../src/config/validate.js";
import { DEFAULT_POLICY } from "../../src/policy/policy.js";
import { parse as parseYaml } from "yaml";

const examples = join(import.meta.dirname, "examples");
const shipped = JSON.parse(readFileSync(join(import.meta.dirname, "../../schema/hacolint.schema.json"), "utf8"));
const RULE_IDS = ["init-not-root", "env-allowed", "rootfs-in-pool"];

function problems(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("schema", () => {
  it("the shipped schema file is the one the loader uses (apart from the generated rule id list)", () => {
    const fromCode = buildSchema(shipped.$defs.ruleId.enum);
    expect(shipped).toEqual(JSON.parse(JSON.stringify(fromCode)));
  });
  it("matches the catalogue and the default policy", () => {
    const policy = shipped.$defs.policy.properties;
    expect(Object.keys(policy).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
    expect(policy.validations.items.enum).toEqual(SELECTABLE_IDS);
    expect(policy.experimental.items.enum).toEqual(EXPERIMENTAL_IDS);
    for (const [key, value] of Object.entries(DEFAULT_POLICY)) expect(policy[key].default, key).toEqual(value);
    expect(validateAgainstSchema({ policy: DEFAULT_POLICY }, shipped)).toEqual([]);
  });
});

describe("examples: loader and shipped schema agree", () => {
  for (const name of readdirSync(join(examples, "valid"))) {
    it(`valid/${name}`, () => {
      const path = join(examples, "valid", name);
      expect(validateAgainstSchema(parseYaml(readFileSync(path, "utf8")) ?? {}, shipped)).toEqual([]);
      expect(() => loadConfig(path, RULE_IDS)).not.toThrow();
    });
  }
  for (const name of readdirSync(join(examples, "invalid"))) {
    it(`invalid/${name}`, () => {
      const path = join(examples, "invalid", name);
      const text = readFileSync(path, "utf8");
      const found = problems(() => loadConfig(path, RULE_IDS));
      expect(found.length).toBeGreaterThan(0);
      let data: unknown;
      try {
        data = parseYaml(text);
      } catch {
        data = undefined; // a YAML syntax error: the schema never sees it
      }
      if (data !== undefined) expect(validateAgainstSchema(data, shipped).length).toBeGreaterThan(0);
      const expected = /# expect: (\d+):(\d+) (.*)/.exec(text);
      if (expected) {
        expect(found[0]).toMatchObject({ file: path, line: Number(expected[1]), column: Number(expected[2]) });
        expect(found[0]!.message).toContain(expected[3]);
      }
    });
  }
});

describe("loadConfig", () => {
  it("reads every key and resolves buildConfig against the config's directory", () => {
    const config = loadConfig(join(examples, "valid/full.yml"), RULE_IDS);
    expect(config.policy.uidMin).toBe(2000);
    expect(config.requireSuppressionReason).toBe(true);
    expect(config.buildConfig).toBe(join(examples, "build_config.rb"));
    expect(config.overrides).toHaveLength(1);
  });
  it("reports unknown rule ids with a suggestion, and every problem at once", () => {
    const found = problems(() => parseConfig("rules:\n  init-not-rot: off\npolicy:\n  uidMin: x\n", "/x/.hacolint.yml", RULE_IDS));
    expect(found.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:3 unknown rule id "init-not-rot" in rules; did you mean "init-not-root"?',
      "4:11 policy.uidMin must be an integer (got \"x\")",
    ]);
  });
  it("refuses a non-mapping document and a missing file", () => {
    expect(problems(() => parseConfig("- a\n", "/x/c.yml"))[0]!.message).toBe('(top level) must be an object (got ["a"])');
    expect(problems(() => loadConfig("/nonexistent/.hacolint.yml"))[0]!.message).toBe("config file not found");
  });
});

describe("findConfig and resolveForFile", () => {
  const root = mkdtempSync(join(tmpdir(), "hacolint-config-"));
  mkdirSync(join(root, "a/b/legacy"), { recursive: true });
  writeFileSync(join(root, "a/.hacolint.yml"), [
    "policy: { uidMin: 2000, allowedEnv: [PATH] }",
    "rules: { env-allowed: warning }",
    "overrides:",
    "  - files: ['**/legacy/**']",
    "    policy: { uidMin: 500 }",
    "    rules: { env-allowed: off }",
    "  - files: ['*.haco']",
    "    rules: { init-not-root: info }",
  ].join("\n"));

  it("finds the nearest config upward", () => {
    expect(findConfig(join(root, "a/b/legacy"))).toBe(join(root, "a/.hacolint.yml"));
    expect(findConfig(root)).toBeNull();
  });
  it("refuses two configs in one directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacolint-two-"));
    writeFileSync(join(dir, ".hacolint.yml"), "");
    writeFileSync(join(dir, ".hacolint.json"), "{}");
    expect(problems(() => findConfig(dir))[0]!.message).toMatch(/keep one/);
  });
  it("applies overrides in order on top of defaults", () => {
    const config = loadConfig(join(root, "a/.hacolint.yml"), RULE_IDS);
    const plain = resolveForFile(config, join(root, "a/b/Hacofile"));
    expect(plain.policy).toEqual({ ...DEFAULT_POLICY, uidMin: 2000, allowedEnv: ["PATH"] });
    expect(plain.rules).toEqual({ "env-allowed": "warning" });
    const legacy = resolveForFile(config, join(root, "a/b/legacy/x.haco"));
    expect(legacy.policy.uidMin).toBe(500);
    expect(legacy.rules).toEqual({ "env-allowed": "off", "init-not-root": "info" });
    // Files outside the config's directory never match its overrides.
    expect(resolveForFile(config, join(root, "other/x.haco")).rules).toEqual({ "env-allowed": "warning" });
  });
});
