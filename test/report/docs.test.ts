// Docs come from code: every rule's documented examples run through the engine, and the generated
// files (docs/rules, README table, schema) must be up to date.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../src/cli/registry.js";
import { lintText } from "../../src/lint/engine.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";
import type { RuleMeta } from "../../src/rules/rule.js";

const ROOT = join(import.meta.dirname, "../..");

/** The default policy, with the rule's own validation switched on if it is opt-in. */
function policyFor(meta: RuleMeta): Policy {
  const policy: Policy = { ...DEFAULT_POLICY, validations: [...DEFAULT_POLICY.validations], experimental: [] };
  if (meta.class === "experimental") policy.experimental = [meta.id as Policy["experimental"][number]];
  return policy;
}

function firedIds(meta: RuleMeta, text: string): string[] {
  const result = lintText(text, {
    filePath: "/etc/haconiwa/example.haco",
    policy: policyFor(meta),
    rules: { [meta.id]: meta.severity },
  });
  return result.diagnostics.map((d) => d.ruleId);
}

describe("documented examples", () => {
  for (const { meta } of allRules()) {
    const { invalid, valid } = meta.docs.examples;
    if (invalid.length + valid.length === 0) continue; // host-only rules cannot show a static example
    describe(meta.id, () => {
      invalid.forEach((example, i) => it(`invalid[${i}] fires ${meta.id}`, () => expect(firedIds(meta, example)).toContain(meta.id)));
      valid.forEach((example, i) => it(`valid[${i}] does not fire ${meta.id}`, () => expect(firedIds(meta, example)).not.toContain(meta.id)));
    });
  }
});

describe("generated docs", () => {
  it("npm run docs -- --check passes (docs/rules, README table and schema are current)", () => {
    const run = spawnSync(process.execPath, [join(ROOT, "dist/scripts/docs.js"), "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
