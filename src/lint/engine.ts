// Lint one text: parse → evaluate → rules → diagnostics → suppressions. Pure apart from reading
// the optional build_config.rb; the caller reads the Hacofile.
import { parseRuby } from "../../grammar/parser.js";
import type { ParseResult } from "../ast/nodes.js";
import { evaluate } from "../model/evaluate.js";
import type { FileModel } from "../model/model.js";
import type { Policy } from "../policy/policy.js";
import { RULES, RULES_BY_ID } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";
import type { Diagnostic, Severity } from "./diagnostic.js";
import { realHost, type HostContext } from "../host/host.js";
import { applySuppressions, SUPPRESSION_META } from "./suppressions.js";
import { applyBuildConfig } from "../build/baked.js";

export type RuleSetting = Severity | "off";

export interface LintOptions {
  filePath: string;
  policy: Policy;
  /** Per-rule severity overrides from the config (`rules:`). */
  rules?: Record<string, RuleSetting>;
  /** Honour `# hacolint:` comments (default true; `--no-inline-config` turns them off). */
  inlineConfig?: boolean;
  requireSuppressionReason?: boolean;
  /** Validations compiled into the runtime binary: reported as errors, never suppressible. */
  baked?: ReadonlySet<string>;
  /** With `--host`: check the files the Hacofile points at (`runtime`: the haconiwa binary whose owner the Hacofile must have). */
  hostCheck?: { runtime?: string };
  /** Host facts to use instead of the real file system (tests). */
  host?: HostContext;
}

export interface LintResult {
  filePath: string;
  diagnostics: Diagnostic[];
  parse: ParseResult;
  model: FileModel;
}

const KNOWN_IDS: ReadonlySet<string> = new Set([...RULES.map((r) => r.meta.id), ...Object.keys(SUPPRESSION_META)]);

/**
 * A rule's severity for this run. Selectable and experimental validations run only when the policy
 * turns them on; a validation baked into the runtime binary is always an error.
 */
export function effectiveSeverity(rule: Rule, options: Pick<LintOptions, "rules" | "baked" | "policy">): RuleSetting {
  const id = rule.meta.id;
  if (options.baked?.has(id)) return "error";
  if (rule.meta.class === "selectable" && !(options.policy.validations as string[]).includes(id)) return "off";
  if (rule.meta.class === "experimental" && !(options.policy.experimental as string[]).includes(id)) return "off";
  return options.rules?.[rule.meta.id] ?? rule.meta.severity;
}

/**
 * Lint one text. With `buildConfig` (a build_config.rb path: `--build-config` or the config's
 * `buildConfig:`), the policy baked into that build replaces the config's policy for what it
 * defines and its validations become `baked` (see src/build/baked.ts); a build_config.rb that
 * cannot be read throws BuildConfigError.
 */
export function lintText(text: string, options: LintOptions & { buildConfig?: string | null }): LintResult {
  if (options.buildConfig) options = { ...applyBuildConfig(options, options.buildConfig), buildConfig: null };
  const parse = parseRuby(text);
  const model = evaluate(parse, text, options.filePath);
  // A file that does not parse is not rewritten: a fix could land inside text the parser misread.
  const fixable = !parse.diagnostics.some((d) => d.kind === "syntax-error");
  const host = options.host ?? (options.hostCheck ? realHost(options.filePath, options.hostCheck.runtime) : undefined);
  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const rule of RULES) {
    const severity = effectiveSeverity(rule, options);
    if (severity === "off") continue;
    rule.check({
      model,
      policy: options.policy,
      host,
      report(r) {
        // inherited barn settings are seen by every child: report each place once
        const key = `${rule.meta.id}:${r.range.start.offset}:${r.range.end.offset}:${r.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        found.push({ ruleId: rule.meta.id, severity, message: printable(r.message), range: r.range, ...(r.related ? { related: r.related } : {}), ...(r.fix && fixable ? { fix: r.fix } : {}) });
      },
    });
  }
  found.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
  const diagnostics = options.inlineConfig === false
    ? found
    : applySuppressions(found, parse.comments, {
        knownIds: KNOWN_IDS,
        baked: options.baked ?? new Set(),
        requireReason: options.requireSuppressionReason ?? false,
        rules: options.rules,
        text,
      });
  return { filePath: options.filePath, diagnostics, parse, model };
}

/**
 * Messages quote values from the Hacofile; a hostile file must not send terminal escape sequences
 * through them to whoever reads the report.
 */
function printable(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export { RULES_BY_ID };
