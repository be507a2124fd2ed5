// What applies to one linted file: the top-level settings, then each matching override in order.
import { relative, sep } from "node:path";
import picomatch from "picomatch";
import type { RuleSetting } from "../lint/engine.js";
import { DEFAULT_POLICY, type Policy } from "../policy/policy.js";
import type { HacolintConfig } from "./load.js";

export interface ResolvedSettings {
  policy: Policy;
  rules: Record<string, RuleSetting>;
  requireSuppressionReason: boolean;
  buildConfig: string | null;
}

/** Globs are relative to the config's directory; one without `/` matches the base name at any depth
 *  (like .gitignore), so `files: ["*.haco"]` does what people expect. */
export function overrideMatches(config: HacolintConfig, globs: string[], filePath: string): boolean {
  const rel = relative(config.dir, filePath).split(sep).join("/");
  if (rel.startsWith("../")) return false;
  return globs.some((glob) => picomatch(glob, { dot: true, basename: !glob.includes("/") })(rel));
}

export function resolveForFile(config: HacolintConfig, filePath: string): ResolvedSettings {
  let policy: Policy = { ...DEFAULT_POLICY, ...clone(config.policy) };
  let rules: Record<string, RuleSetting> = { ...config.rules };
  for (const override of config.overrides) {
    if (!overrideMatches(config, override.files, filePath)) continue;
    policy = { ...policy, ...clone(override.policy) };
    rules = { ...rules, ...override.rules };
  }
  return { policy, rules, requireSuppressionReason: config.requireSuppressionReason, buildConfig: config.buildConfig };
}

/** Arrays in the policy are replaced, never merged; copy them so callers cannot alias the config. */
function clone(policy: Partial<Policy>): Partial<Policy> {
  return JSON.parse(JSON.stringify(policy)) as Partial<Policy>;
}
