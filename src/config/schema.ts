// The JSON Schema of `.hacolint.yml`. This object is the single source of truth: the loader
// validates configs by interpreting it (src/config/validate.ts), and `npm run docs` writes it to
// schema/hacolint.schema.json for editors. So the shipped schema and the loader cannot disagree.
import { EXPERIMENTAL_IDS, SELECTABLE_IDS } from "../catalogue/validations.js";
import { DEFAULT_POLICY } from "../policy/policy.js";

/** The subset of JSON Schema (draft 2020-12) the loader understands. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  default?: unknown;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  uniqueItems?: boolean;
  enum?: readonly unknown[];
  minimum?: number;
  pattern?: string;
  anyOf?: JsonSchema[];
}

export const SCHEMA_ID = "https://github.com/hacolint/hacolint/blob/main/schema/hacolint.schema.json";

const SEVERITY_SETTING: JsonSchema = { enum: ["off", "info", "warning", "error"] };

/**
 * Build the schema. `ruleIds` lists every rule hacolint knows, so a typo in `rules:` is an
 * error rather than a silently ignored setting; without it any rule id is accepted.
 */
export function buildSchema(ruleIds?: readonly string[]): JsonSchema {
  const ruleId: JsonSchema = ruleIds
    ? { type: "string", enum: [...ruleIds].sort(), description: "A rule id (`hacolint rules` lists them)." }
    : { type: "string", pattern: "^[a-z][a-z0-9-]*$", description: "A rule id (`hacolint rules` lists them)." };
  const policyProperties: Record<string, JsonSchema> = {
    validations: {
      description: "Selectable validations that are on. Default: all nine.",
      type: "array", uniqueItems: true, items: { enum: [...SELECTABLE_IDS] }, default: [...DEFAULT_POLICY.validations],
    },
    experimental: {
      description: "Experimental validations to turn on (off by default).",
      type: "array", uniqueItems: true, items: { enum: [...EXPERIMENTAL_IDS] }, default: [],
    },
    uidMin: { description: "Lowest uid init may run as.", type: "integer", minimum: 0, default: DEFAULT_POLICY.uidMin },
    gidMin: { description: "Lowest gid init may run as.", type: "integer", minimum: 0, default: DEFAULT_POLICY.gidMin },
    rootfsPool: {
      description: "Absolute directory every rootfs must lie in.",
      type: "string", pattern: "^/", default: DEFAULT_POLICY.rootfsPool,
    },
    allowedEnv: {
      description: "Environment variable names init may receive; everything else is cleared.",
      type: "array", uniqueItems: true, items: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
      default: [...DEFAULT_POLICY.allowedEnv],
    },
    allowedRunners: {
      description: "User names or uids allowed to invoke the runtime; empty means root only.",
      type: "array", uniqueItems: true,
      items: { anyOf: [{ type: "string", pattern: "^[^\\s:]+$" }, { type: "integer", minimum: 0 }] }, default: [],
    },
    hacofilePatterns: {
      description: "Absolute path globs a Hacofile's real path must match; empty means none is allowed.",
      type: "array", uniqueItems: true, items: { type: "string", pattern: "^/" },
      default: [...DEFAULT_POLICY.hacofilePatterns],
    },
    enforce: {
      description: "`always`, or `setuid-only` to skip selectable validations when the runtime is not set-user-id.",
      enum: ["always", "setuid-only"], default: DEFAULT_POLICY.enforce,
    },
    allowMappedRoot: {
      description: "Accept uid/gid 0 inside the container when a user-namespace mapping puts it at an allowed host id.",
      type: "boolean", default: DEFAULT_POLICY.allowMappedRoot,
    },
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: SCHEMA_ID,
    title: "hacolint configuration (.hacolint.yml / .hacolint.json)",
    type: "object",
    additionalProperties: false,
    properties: {
      policy: { $ref: "#/$defs/policy" },
      rules: { $ref: "#/$defs/rules" },
      overrides: {
        description: "Per-path settings, applied in order after the top level for files matching `files`.",
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files"],
          properties: {
            files: {
              description: "Globs relative to the config file's directory; a glob without `/` matches the file name at any depth.",
              type: "array", minItems: 1, items: { type: "string", pattern: "\\S" },
            },
            policy: { $ref: "#/$defs/policy" },
            rules: { $ref: "#/$defs/rules" },
          },
        },
      },
      requireSuppressionReason: {
        description: "Require `-- reason` on every inline suppression comment.",
        type: "boolean", default: false,
      },
      buildConfig: {
        description: "Path (relative to this file) of the build_config.rb whose baked policy lint should use.",
        type: "string", pattern: "\\S",
      },
    },
    $defs: {
      policy: {
        description: "Which validations are on and their parameters.",
        type: "object", additionalProperties: false, properties: policyProperties,
      },
      rules: {
        description: "Severity per rule id.",
        type: "object", propertyNames: { $ref: "#/$defs/ruleId" }, additionalProperties: SEVERITY_SETTING,
      },
      ruleId,
    },
  };
}
