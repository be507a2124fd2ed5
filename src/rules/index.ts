// The rule registry: every rule module, in the order their findings are listed by `hacolint rules`.
import type { Rule } from "./rule.js";
import { rule as hacofileOwner } from "./catalogue/hacofile-owner.js";
import { rule as hacofilePath } from "./catalogue/hacofile-path.js";
import { rule as runnerAllowed } from "./catalogue/runner-allowed.js";
import { rule as rootfsPermissions } from "./catalogue/rootfs-permissions.js";
import { rule as initIdentity } from "./catalogue/init-identity.js";
import { rule as initNotRoot } from "./catalogue/init-not-root.js";
import { rule as initIdMinimum } from "./catalogue/init-id-minimum.js";
import { rule as rootfsInPool } from "./catalogue/rootfs-in-pool.js";
import { rule as envAllowed } from "./catalogue/env-allowed.js";
import { rule as runnerValid } from "./catalogue/runner-valid.js";
import { rule as identitySwitchable } from "./catalogue/identity-switchable.js";
import { rule as rootfsUsable } from "./catalogue/rootfs-usable.js";
import { rule as initExists } from "./catalogue/init-exists.js";
import { rule as initExecutable } from "./catalogue/init-executable.js";
import { rule as initNotSetid } from "./catalogue/init-not-setid.js";
import { rule as initOwnerMatch } from "./catalogue/init-owner-match.js";
import { rule as launchInput } from "./input/launch-input.js";
import { rule as syntaxError } from "./syntax/syntax-error.js";
import { rule as unsupportedSyntax } from "./syntax/unsupported-syntax.js";
import { DSL_RULES } from "./dsl/index.js";

export const RULES: readonly Rule[] = [
  hacofileOwner, hacofilePath, runnerAllowed, rootfsPermissions, initIdentity, initNotRoot, initIdMinimum, rootfsInPool, envAllowed,
  runnerValid, identitySwitchable, rootfsUsable, initExists, initExecutable,
  initNotSetid, initOwnerMatch,
  launchInput, syntaxError, unsupportedSyntax,
  ...DSL_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
