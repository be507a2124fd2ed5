// The v0.2 validation catalogue (shared/docs/validation-model.md). One table drives static lint,
// host checks, the generated build defines and the baked C checks, so they cannot disagree.
// Define names and exit codes are public: never rename or renumber them.

export type HarmKind = "escape" | "outside" | "inside" | "launch";

/** selectable: on only when the policy/build enables it; always-error: enforced whatever the build;
 *  experimental: opt-in, off by default. */
export type ValidationClass = "selectable" | "always-error" | "experimental";

export interface Validation {
  id: string;
  class: ValidationClass;
  /** suEXEC checklist items this validation stands for. */
  suexec: number[];
  /** What must hold, one sentence. */
  summary: string;
  /** C define that compiles the check in (selectable and experimental only). */
  define: string | null;
  /** Exit code of the baked check when it refuses a start. */
  exitCode: number;
}

export const VALIDATIONS = [
  { id: "hacofile-owner", class: "selectable", suexec: [2], define: "HACONIWA_SECURE_RUN", exitCode: 205,
    summary: "The Hacofile is owned by the same user and group as the runtime binary, and only its owner can write it." },
  { id: "hacofile-path", class: "selectable", suexec: [2], define: "HACOLINT_HACOFILE_PATH", exitCode: 203,
    summary: "The Hacofile's real path matches one of the allowed path patterns." },
  { id: "runner-allowed", class: "selectable", suexec: [3], define: "HACOLINT_RUNNER_ALLOWED", exitCode: 202,
    summary: "The real user who invokes the runtime is in the allowed-runners list." },
  { id: "rootfs-permissions", class: "selectable", suexec: [4, 14, 16], define: "HACOLINT_ROOTFS_PERMISSIONS", exitCode: 210,
    summary: "The init program resolves inside the rootfs, and neither it nor any directory down to it is writable by group or others." },
  { id: "init-identity", class: "selectable", suexec: [5, 6], define: "HACOLINT_INIT_IDENTITY", exitCode: 212,
    summary: "The init user and group exist in the container's own /etc/passwd and /etc/group." },
  { id: "init-not-root", class: "selectable", suexec: [7, 9], define: "HACOLINT_INIT_NOT_ROOT", exitCode: 213,
    summary: "The init program does not run as uid 0 or gid 0." },
  { id: "init-id-minimum", class: "selectable", suexec: [8, 10], define: "HACOLINT_INIT_ID_MINIMUM", exitCode: 216,
    summary: "The init uid and gid are at least the configured minimums." },
  { id: "rootfs-in-pool", class: "selectable", suexec: [13], define: "HACOLINT_ROOTFS_IN_POOL", exitCode: 208,
    summary: "The rootfs, with symlinks resolved, lies inside the configured rootfs pool directory." },
  { id: "env-allowed", class: "selectable", suexec: [19], define: "HACOLINT_ENV_ALLOWED", exitCode: 214,
    summary: "Every environment variable handed to init is in the allowed list." },
  { id: "runner-valid", class: "always-error", suexec: [1], define: null, exitCode: 201,
    summary: "The invoking user and group exist on the host." },
  { id: "identity-switchable", class: "always-error", suexec: [11], define: null, exitCode: 206,
    summary: "The runtime can actually become the init user and group." },
  { id: "rootfs-usable", class: "always-error", suexec: [12], define: null, exitCode: 207,
    summary: "The rootfs exists, is a directory, and can be entered and chrooted into." },
  { id: "init-exists", class: "always-error", suexec: [15], define: null, exitCode: 209,
    summary: "The init program exists." },
  { id: "init-executable", class: "always-error", suexec: [20], define: null, exitCode: 211,
    summary: "The init program can be executed." },
  { id: "init-not-setid", class: "experimental", suexec: [17], define: "HACOLINT_INIT_NOT_SETID", exitCode: 217,
    summary: "The init program has neither the set-uid nor the set-gid bit." },
  { id: "init-owner-match", class: "experimental", suexec: [18], define: "HACOLINT_INIT_OWNER_MATCH", exitCode: 218,
    summary: "The init process's user equals the owner of the init program file." },
] as const satisfies readonly Validation[];

export type ValidationId = (typeof VALIDATIONS)[number]["id"];
export type SelectableId = Extract<(typeof VALIDATIONS)[number], { class: "selectable" }>["id"];
export type ExperimentalId = Extract<(typeof VALIDATIONS)[number], { class: "experimental" }>["id"];

export const SELECTABLE_IDS = VALIDATIONS.filter((v) => v.class === "selectable").map((v) => v.id) as SelectableId[];
export const EXPERIMENTAL_IDS = VALIDATIONS.filter((v) => v.class === "experimental").map((v) => v.id) as ExperimentalId[];

/** Exit code of the baked checks for an unexpected error (fail closed). */
export const EXIT_INTERNAL_ERROR = 200;

/** Parameter defines written next to the validation defines. */
export const PARAMETER_DEFINES = {
  uidMin: "HACOLINT_UID_MIN",
  gidMin: "HACOLINT_GID_MIN",
  rootfsPool: "HACOLINT_ROOTFS_POOL",
  allowedEnv: "HACOLINT_ALLOWED_ENV",
  allowedRunners: "HACOLINT_ALLOWED_RUNNERS",
  hacofilePatterns: "HACOLINT_HACOFILE_PATTERNS",
  /** 0 = enforce always, 1 = only when the binary runs set-uid / with raised privileges. */
  enforce: "HACOLINT_ENFORCE_SETUID_ONLY",
  allowMappedRoot: "HACOLINT_ALLOW_MAPPED_ROOT",
  digest: "HACOLINT_POLICY_DIGEST",
  logFile: "HACOLINT_LOG_FILE",
} as const;

export function validationById(id: string): Validation | undefined {
  return (VALIDATIONS as readonly Validation[]).find((v) => v.id === id);
}
