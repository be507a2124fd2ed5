// DSL-correctness and hardening rules (hacofile-dsl.md §5): what Haconiwa rejects or ignores.
import type { Rule } from "../rule.js";

export const DSL_RULES: readonly Rule[] = [];
