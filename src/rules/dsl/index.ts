// DSL-correctness and hardening rules (hacofile-dsl.md §5): what Haconiwa rejects or ignores.
import type { Rule } from "../rule.js";
import { rule as allowAllPrivileged } from "./allow-all-privileged.js";
import { rule as asyncHookWithoutDelay } from "./async-hook-without-delay.js";
import { rule as barnSettingAfterChild } from "./barn-setting-after-child.js";
import { rule as bookkeepingAssignment } from "./bookkeeping-assignment.js";
import { rule as bridgeAddressBeforeName } from "./bridge-address-before-name.js";
import { rule as capabilityDropIgnored } from "./capability-drop-ignored.js";
import { rule as capabilityName } from "./capability-name.js";
import { rule as capabilitySpelling } from "./capability-spelling.js";
import { rule as cgroupHookType } from "./cgroup-hook-type.js";
import { rule as cgroupKeyWithoutDot } from "./cgroup-key-without-dot.js";
import { rule as cgroupV1Setting } from "./cgroup-v1-setting.js";
import { rule as chrootWithoutMountNamespace } from "./chroot-without-mount-namespace.js";
import { rule as daemonizeInChild } from "./daemonize-in-child.js";
import { rule as dangerousCapability } from "./dangerous-capability.js";
import { rule as devtmpfsMount } from "./devtmpfs-mount.js";
import { rule as duplicateContainerName } from "./duplicate-container-name.js";
import { rule as duplicateHookPoint } from "./duplicate-hook-point.js";
import { rule as enterPid } from "./enter-pid.js";
import { rule as enterWithoutPath } from "./enter-without-path.js";
import { rule as environType } from "./environ-type.js";
import { rule as evaluationSideEffect } from "./evaluation-side-effect.js";
import { rule as hostnameWithoutUts } from "./hostname-without-uts.js";
import { rule as idNameHostLookup } from "./id-name-host-lookup.js";
import { rule as initCommandType } from "./init-command-type.js";
import { rule as legacyBaseDefine } from "./legacy-base-define.js";
import { rule as mappingMaxIsCount } from "./mapping-max-is-count.js";
import { rule as mappingMissingKey } from "./mapping-missing-key.js";
import { rule as missingPidNamespace } from "./missing-pid-namespace.js";
import { rule as mountPointWithoutTo } from "./mount-point-without-to.js";
import { rule as networkWithoutNamespace } from "./network-without-namespace.js";
import { rule as noSeccompFilter } from "./no-seccomp-filter.js";
import { rule as reloadWithoutEffect } from "./reload-without-effect.js";
import { rule as rlimitSetting } from "./rlimit-setting.js";
import { rule as rootWithoutUserNamespace } from "./root-without-user-namespace.js";
import { rule as rootfsOwnerMissingKey } from "./rootfs-owner-missing-key.js";
import { rule as rootfsSettingBeforeChroot } from "./rootfs-setting-before-chroot.js";
import { rule as seccompFilterWithoutDefault } from "./seccomp-filter-without-default.js";
import { rule as seccompNewerGemAction } from "./seccomp-newer-gem-action.js";
import { rule as stdioWithoutDaemon } from "./stdio-without-daemon.js";
import { rule as supportReloadArgument } from "./support-reload-argument.js";
import { rule as trailingStatement } from "./trailing-statement.js";
import { rule as noDefine } from "./no-define.js";
import { rule as unknownBootstrapStrategy } from "./unknown-bootstrap-strategy.js";
import { rule as unknownHookPoint } from "./unknown-hook-point.js";
import { rule as unknownIndependentMount } from "./unknown-independent-mount.js";
import { rule as unknownNamespace } from "./unknown-namespace.js";
import { rule as unknownSignalHandler } from "./unknown-signal-handler.js";
import { rule as writableHostBindMount } from "./writable-host-bind-mount.js";

export const DSL_RULES: readonly Rule[] = [
  allowAllPrivileged,
  asyncHookWithoutDelay,
  barnSettingAfterChild,
  bookkeepingAssignment,
  bridgeAddressBeforeName,
  capabilityDropIgnored,
  capabilityName,
  capabilitySpelling,
  cgroupHookType,
  cgroupKeyWithoutDot,
  cgroupV1Setting,
  chrootWithoutMountNamespace,
  daemonizeInChild,
  dangerousCapability,
  devtmpfsMount,
  duplicateContainerName,
  duplicateHookPoint,
  enterPid,
  enterWithoutPath,
  environType,
  evaluationSideEffect,
  hostnameWithoutUts,
  idNameHostLookup,
  initCommandType,
  legacyBaseDefine,
  mappingMaxIsCount,
  mappingMissingKey,
  missingPidNamespace,
  mountPointWithoutTo,
  networkWithoutNamespace,
  noSeccompFilter,
  reloadWithoutEffect,
  rlimitSetting,
  rootWithoutUserNamespace,
  rootfsOwnerMissingKey,
  rootfsSettingBeforeChroot,
  seccompFilterWithoutDefault,
  seccompNewerGemAction,
  stdioWithoutDaemon,
  supportReloadArgument,
  trailingStatement,
  noDefine,
  unknownBootstrapStrategy,
  unknownHookPoint,
  unknownIndependentMount,
  unknownNamespace,
  unknownSignalHandler,
  writableHostBindMount,
];
