// Test/CI driver for runBuildConfig with a policy from a JSON file ({ "policy": …, "logFile": … }),
// used by scripts/mruby/prepare.sh before the CLI's config loader exists. Same options otherwise.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runBuildConfig } from "../../src/build/command.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";

const { values } = parseArgs({
  options: {
    policy: { type: "string" }, base: { type: "string" }, out: { type: "string" },
    "gem-dir": { type: "string" }, check: { type: "boolean" }, "dry-run": { type: "boolean" },
  },
});
if (!values.policy) {
  process.stderr.write("usage: build-config --policy FILE.json [--base FILE] [--out FILE] [--gem-dir DIR] [--check] [--dry-run]\n");
  process.exit(2);
}
const json = JSON.parse(readFileSync(values.policy, "utf8")) as { policy: Partial<Policy>; logFile?: string };
process.exitCode = await runBuildConfig({
  policy: { ...DEFAULT_POLICY, ...json.policy } as Policy,
  logFile: json.logFile,
  base: values.base, out: values.out, gemDir: values["gem-dir"], check: values.check, dryRun: values["dry-run"],
});
