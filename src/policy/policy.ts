// The policy: which validations are on and their parameters. Lint, build-config and the LSP read
// the same policy from `.hacolint.yml` (see schema/hacolint.schema.json).
import { SELECTABLE_IDS, type ExperimentalId, type SelectableId } from "../catalogue/validations.js";

export interface Policy {
  /** Selectable validations that are on. */
  validations: SelectableId[];
  /** Experimental validations that are on (off by default). */
  experimental: ExperimentalId[];
  uidMin: number;
  gidMin: number;
  /** Absolute directory every rootfs must lie in. */
  rootfsPool: string;
  /** Environment variable names init may receive. */
  allowedEnv: string[];
  /** User names or uids allowed to invoke the runtime; empty = root only. */
  allowedRunners: (string | number)[];
  /** Absolute path globs a Hacofile's real path must match; empty = none is allowed. */
  hacofilePatterns: string[];
  enforce: "always" | "setuid-only";
  /** Accept uid/gid 0 inside the container when a user-namespace mapping puts it at an allowed host id. */
  allowMappedRoot: boolean;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  validations: [...SELECTABLE_IDS],
  experimental: [],
  uidMin: 1000,
  gidMin: 1000,
  rootfsPool: "/var/lib/haconiwa",
  allowedEnv: ["PATH", "HOME", "LANG", "TZ", "TERM"],
  allowedRunners: [],
  hacofilePatterns: ["/etc/haconiwa/*.haco"],
  enforce: "always",
  allowMappedRoot: false,
});

export function isValidationOn(policy: Policy, id: string): boolean {
  return (policy.validations as string[]).includes(id) || (policy.experimental as string[]).includes(id);
}
