// Every rule the CLI knows: the lead's registry plus the suppression rules (which live with the
// suppression code because they judge comments, not the model). Deduplicated by id in case the
// registry already includes them.
import { RULES } from "../rules/index.js";
import type { Rule, RuleMeta } from "../rules/rule.js";
import { SUPPRESSION_RULES } from "../lint/suppressions.js";

let cached: Rule[] | undefined;

export function allRules(): Rule[] {
  if (!cached) {
    const byId = new Map<string, Rule>();
    for (const rule of [...RULES, ...SUPPRESSION_RULES]) if (!byId.has(rule.meta.id)) byId.set(rule.meta.id, rule);
    cached = [...byId.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  }
  return cached;
}

export function ruleMetas(): Map<string, RuleMeta> {
  return new Map(allRules().map((r) => [r.meta.id, r.meta]));
}
