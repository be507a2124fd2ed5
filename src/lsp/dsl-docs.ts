// Editor help for the Hacofile DSL (hacofile-dsl.md §3–4): one line per method in our own words,
// the values it accepts, and the value sets completion offers inside strings and symbols.

export const NAMESPACES = ["mount", "ipc", "uts", "pid", "net", "user"] as const;

export const CAPABILITIES = [
  "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner", "cap_fsetid", "cap_kill", "cap_setgid",
  "cap_setuid", "cap_setpcap", "cap_linux_immutable", "cap_net_bind_service", "cap_net_broadcast", "cap_net_admin",
  "cap_net_raw", "cap_ipc_lock", "cap_ipc_owner", "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace",
  "cap_sys_pacct", "cap_sys_admin", "cap_sys_boot", "cap_sys_nice", "cap_sys_resource", "cap_sys_time",
  "cap_sys_tty_config", "cap_mknod", "cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap",
  "cap_mac_override", "cap_mac_admin", "cap_syslog", "cap_wake_alarm", "cap_block_suspend", "cap_audit_read",
] as const;

export const HOOK_POINTS = [
  "setup", "before_fork", "after_network_created", "after_fork", "after_network_initialized", "before_chroot",
  "after_chroot", "immediately_after_fork_on_parent", "before_start_wait", "teardown_container", "after_failure",
  "teardown", "system_failure", "after_reload", "before_restore", "after_restore",
] as const;

export const MOUNT_INDEPENDENT = ["procfs", "sysfs", "devtmpfs", "devpts", "shm"] as const;
export const SIGNALS = ["USR1", "USR2", "TTIN", "TTOU"] as const;
export const RELOADABLE = ["cgroup", "resource"] as const;
export const RLIMITS = ["AS", "CORE", "CPU", "DATA", "FSIZE", "LOCKS", "MEMLOCK", "MSGQUEUE", "NICE", "NOFILE", "NPROC", "RSS", "RTPRIO", "RTTIME", "SIGPENDING", "STACK"] as const;
export const BOOTSTRAP_STRATEGIES = ["lxc", "lxc-create", "debootstrap", "git", "git-clone", "tarball", "unarchive", "shell", "mruby"] as const;
export const CGROUP_HOOK_TYPES = ["memory_pressure", "oom"] as const;

/** Named value sets completion offers inside a string or symbol argument. */
export const VALUE_SETS = {
  namespace: NAMESPACES, capability: CAPABILITIES, hook: HOOK_POINTS, mountIndependent: MOUNT_INDEPENDENT,
  signal: SIGNALS, reload: RELOADABLE, rlimit: RLIMITS, strategy: BOOTSTRAP_STRATEGIES, cgroupHook: CGROUP_HOOK_TYPES,
} as const;
export type ValueSetName = keyof typeof VALUE_SETS;

export interface DslMethod {
  /** Method name as called (`name=` for an attribute written with `=`). */
  name: string;
  /** Receiver: "" = the container (define's block parameter), else the sub-object, or "Haconiwa". */
  target: string;
  summary: string;
  /** Valid values, in words. */
  values?: string;
  /** Value set offered inside the method's string/symbol arguments. */
  argSet?: ValueSetName;
  /** A sub-object accessor: completion continues after `config.<name>.`. */
  object?: boolean;
}

const list = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(", ");

export const DSL_METHODS: readonly DslMethod[] = [
  { target: "Haconiwa", name: "define", summary: "Declares the container (or barn of containers) and yields its configuration object to the block.", values: "a block `do |config| ... end`; must be the file's last expression" },
  // §3 top level
  { target: "", name: "name=", summary: "Names the container; used for the hostname default, cgroup, pid file, syslog and project lock.", values: "a String without `/`" },
  { target: "", name: "hostname=", summary: "Hostname inside the container; only takes effect when the `uts` namespace is unshared.", values: "a String" },
  { target: "", name: "init_command=", summary: "The program executed as the container's init, exec'd directly: no shell, no word splitting, no PATH search.", values: "an absolute path String or an Array of Strings (argv)" },
  { target: "", name: "daemonize!", summary: "Runs the container supervisor in the background as a daemon.", values: "no arguments" },
  { target: "", name: "cancel_daemonize!", summary: "Undoes `daemonize!`: runs in the foreground.", values: "no arguments" },
  { target: "", name: "acts_as_session_leader", summary: "Calls setsid() early in the container process.", values: "no arguments" },
  { target: "", name: "environ=", summary: "The complete environment of init; nothing is inherited from the host.", values: "a Hash of String => String; avoid `ENV.to_hash`" },
  { target: "", name: "workdir=", summary: "Directory init starts in, inside the container after pivot/chroot.", values: "a container path String (default `/`)" },
  { target: "", name: "chroot_to", summary: "Sets the rootfs directory the container pivots into; resets rootfs readonly/owner.", values: "a host path String or Pathname, inside the rootfs pool" },
  { target: "", name: "rootfs_owner", summary: "Owner applied to the rootfs and mount options; call after `chroot_to`.", values: "`uid:` and `gid:` keywords (both)" },
  { target: "", name: "add_mount_point", summary: "Mounts `src` on a host path before pivot; implies the mount namespace.", values: "`src`, then `to:` (required), `fs:`, `readonly:`, `options:`, `nosuid:`, `noexec:`" },
  { target: "", name: "mount_independent", summary: "Mounts a fresh kernel filesystem inside the rootfs; implies the mount namespace.", values: list(MOUNT_INDEPENDENT), argSet: "mountIndependent" },
  { target: "", name: "mount_independent_procfs", summary: "Shorthand for `mount_independent \"procfs\"`.", values: "no arguments" },
  { target: "", name: "mount_network_etc", summary: "Bind-mounts the host's resolv.conf and hosts read-only into `<root>/etc`; does not unshare mount.", values: "rootfs path, optional `host_root:` (default `/etc`)" },
  { target: "", name: "lxcfs_root=", summary: "Overlays /proc files from an lxcfs mount; implies procfs.", values: "host path of the lxcfs mount" },
  { target: "", name: "cgroup_name=", summary: "Name of the cgroup (v1 and v2) the container joins.", values: "a String (default: the container name)" },
  { target: "", name: "container_pid_file=", summary: "Pid file created and locked by the supervisor.", values: "a host path (default `/var/run/haconiwa-<name>.pid`)" },
  { target: "", name: "uid=", summary: "User id init runs as; a non-numeric String is resolved on the host at evaluation time.", values: "an Integer or digit String >= the policy minimum (not 0)" },
  { target: "", name: "gid=", summary: "Group id init runs as; a non-numeric String is resolved on the host at evaluation time.", values: "an Integer or digit String >= the policy minimum (not 0)" },
  { target: "", name: "groups=", summary: "Supplementary groups of init; every String is a group name looked up on the host.", values: "an Array of Integers or group names" },
  { target: "", name: "apparmor=", summary: "AppArmor profile applied when init is exec'd; must be loaded on the host.", values: "a profile name String" },
  { target: "", name: "apparmor_profile=", summary: "Alias of `apparmor=`.", values: "a profile name String" },
  { target: "", name: "support_reload", summary: "Lets `haconiwa reload` re-apply the block forms of cgroup/resource in daemon mode.", values: "Symbols " + list(RELOADABLE), argSet: "reload" },
  { target: "", name: "wait_interval=", summary: "Tick of the supervisor's event loop.", values: "Integer milliseconds (default 30000)" },
  { target: "", name: "use_legacy_watchdog=", summary: "Uses the old watchdog loop (master only).", values: "true or false" },
  { target: "", name: "metadata", summary: "Free-form tags; no effect on the container.", values: "a Hash, mutate with `metadata[\"k\"] = v`" },
  { target: "", name: "log_level=", summary: "Syslog verbosity of the supervisor.", values: "`Haconiwa::Logger::DEBUG` (0) … `ERROR` (4)" },
  { target: "", name: "validate_real_id", summary: "Block run before forking that may refuse the caller's real uid/gid.", values: "a block `{ |uid, gid| ... }` returning truthy" },
  { target: "", name: "run_as_restore=", summary: "Makes `run` restore from CRIU images instead of booting.", values: "true or false" },
  { target: "", name: "current_subcommand", summary: "The haconiwa subcommand evaluating the file (read-only).", values: "e.g. `\"run\"`, `\"create\"`" },
  { target: "", name: "bootstrap", summary: "How `create` builds the rootfs; the block runs at evaluation time.", values: "a block `do |b| ... end`", object: true },
  { target: "", name: "provision", summary: "Shell steps `create`/`provision` run inside the rootfs as host root.", values: "a block `do |p| ... end`", object: true },
  { target: "", name: "checkpoint", summary: "CRIU checkpoint/restore settings.", values: "a block `do |cp| ... end`", object: true },
  { target: "", name: "cgroup", summary: "cgroup v1 (or v2 with `:v2`) limits; the block form can be reloaded.", values: "`cgroup[\"controller.attr\"] = value`, optional `:v1`/`:v2`", object: true },
  { target: "", name: "cgroupv2", summary: "cgroup v2 limits.", values: "`cgroupv2[\"io.max\"] = \"8:0 rbps=...\"`", object: true },
  { target: "", name: "resource", summary: "Resource limits (rlimits) applied with setrlimit.", values: "`resource.set_limit :NOFILE, soft, hard`", object: true },
  { target: "", name: "namespace", summary: "Linux namespaces the container unshares or enters.", values: "`unshare`, `enter`, `use_netns`, `set_uid_mapping`, `set_gid_mapping`", object: true },
  { target: "", name: "capabilities", summary: "Capability bounding set: whitelist (default 11 names) or, once emptied, blacklist.", values: "`allow`, `drop`, `reset_to_privileged!`", object: true },
  { target: "", name: "filesystem", summary: "Mount table, masked paths and pivot options.", object: true },
  { target: "", name: "rootfs", summary: "The rootfs set by `chroot_to` (root, readonly, owner).", object: true },
  { target: "", name: "network", summary: "veth/bridge networking in a named netns.", object: true },
  { target: "", name: "seccomp", summary: "A seccomp filter loaded before the uid switch and exec.", object: true },
  { target: "", name: "command", summary: "stdio redirection of init (daemon mode only).", object: true },
  { target: "", name: "add_general_hook", summary: "Runs a block at a fixed point of the start-up; a second hook for the same point replaces the first.", values: list(HOOK_POINTS), argSet: "hook" },
  { target: "", name: "add_async_hook", summary: "Runs a block in the supervisor on a timer.", values: "one of `msec:`, `sec:`, `min:`, `hour:`; optional `interval_msec:`, `limit_count:`" },
  { target: "", name: "after_spawn", summary: "Alias of `add_async_hook`.", values: "one of `msec:`, `sec:`, `min:`, `hour:`" },
  { target: "", name: "add_readiness_hook", summary: "Polls a port inside the container until something listens.", values: "`port:`, optional `timeout:`, `interval_msec:`, `readiness_ip:`" },
  { target: "", name: "add_cgroup_hook", summary: "Runs a block on memory pressure events of the v1 memory cgroup.", values: "`type:` " + list(CGROUP_HOOK_TYPES) + ", `level:` `low`/`medium`/`critical`", argSet: "cgroupHook" },
  { target: "", name: "add_signal_handler", summary: "Runs a block in the supervisor when it receives a signal.", values: list(SIGNALS) + " (Symbol or String, no SIG prefix)", argSet: "signal" },
  { target: "", name: "add_handler", summary: "Alias of `add_signal_handler`.", values: list(SIGNALS), argSet: "signal" },
  { target: "", name: "define", summary: "Defines a child container of this barn.", values: "a block `do |child| ... end`; names must be unique" },
  { target: "", name: "skip_bootstrap", summary: "Marks bootstrap and provision as skipped for this child.", values: "no arguments" },
  { target: "", name: "skip_provision", summary: "Marks bootstrap and provision as skipped for this child.", values: "no arguments" },
  // §4.1 namespace
  { target: "namespace", name: "unshare", summary: "Gives the container its own namespace of this kind.", values: list(NAMESPACES) + " (String or Symbol); optional `persist_in:` path", argSet: "namespace" },
  { target: "namespace", name: "enter", summary: "Joins an existing namespace through its file instead of creating one.", values: list(NAMESPACES) + " plus `via:` path (`enter \"pid\"` is broken upstream)", argSet: "namespace" },
  { target: "namespace", name: "use_netns", summary: "Joins the named network namespace `/var/run/netns/<name>`.", values: "a netns name String" },
  { target: "namespace", name: "set_uid_mapping", summary: "Maps container uids to host uids; implies the user namespace.", values: "`min:` first id inside, `offset:` first host id, `max:` a count (all three required)" },
  { target: "namespace", name: "set_gid_mapping", summary: "Maps container gids to host gids; implies the user namespace.", values: "`min:`, `offset:`, `max:` (a count; all three required)" },
  // §4.3 capabilities
  { target: "capabilities", name: "allow", summary: "Adds capabilities to the whitelist; `:all` as first argument empties it (fully privileged).", values: "Strings like `\"cap_net_bind_service\"`; never `:all` in a hardened file", argSet: "capability" },
  { target: "capabilities", name: "drop", summary: "Adds capabilities to the blacklist; only effective once the whitelist is empty.", values: "Strings like `\"cap_sys_admin\"`", argSet: "capability" },
  { target: "capabilities", name: "reset_to_privileged!", summary: "Empties both lists: every capability stays unless dropped.", values: "no arguments" },
  // §4.2 filesystem / rootfs
  { target: "filesystem", name: "add_masked_path", summary: "Hides one more path after pivot (tmpfs for directories, /dev/null for files).", values: "a container path" },
  { target: "filesystem", name: "masked_paths=", summary: "Replaces the list of hidden paths.", values: "an Array of container paths" },
  { target: "filesystem", name: "use_legacy_chroot=", summary: "Uses chroot(2) instead of pivot_root; the rootfs readonly flag is ignored.", values: "true or false" },
  { target: "filesystem", name: "skip_make_rslave_on_host_root=", summary: "Skips making the old root rslave before detaching it.", values: "true or false" },
  { target: "rootfs", name: "readonly=", summary: "Whether the rootfs is bind-mounted read-only (default true since v0.11).", values: "true or false" },
  { target: "rootfs", name: "root", summary: "The rootfs directory.", values: "read it, set it with `chroot_to`" },
  // §4.5, §4.6 cgroup / resource
  { target: "cgroup", name: "[]=", summary: "Writes one cgroup controller setting.", values: "key `\"controller.attr\"` (cpu, cpuset, cpuacct, blkio, memory, pids); numeric or String value per key" },
  { target: "cgroup", name: "assign_only=", summary: "Creates and joins the v2 group without writing values.", values: "true or false" },
  { target: "resource", name: "set_limit", summary: "Sets an rlimit for the container (soft, hard defaults to soft).", values: "type " + list(RLIMITS) + " (upper case); limits Integer or `:unlimited`", argSet: "rlimit" },
  // §4.7 seccomp, §4.9 network, §4.10 command
  { target: "seccomp", name: "filter", summary: "Declares the seccomp filter; the block adds rules at start-up.", values: "`default:` `:allow`, `:kill`, `:trap`, … (required)" },
  { target: "network", name: "container_ip=", summary: "Enables networking with this address inside the netns.", values: "an IPv4 address String" },
  { target: "network", name: "namespace=", summary: "Name of the netns to create/join; required with `container_ip`.", values: "a name String" },
  { target: "network", name: "bridge_name=", summary: "Host bridge to attach to; queried on the host at evaluation time.", values: "an interface name (default `haconiwa0`)" },
  { target: "network", name: "bridge_ip=", summary: "Default route of the container; set after `bridge_name=`.", values: "an IPv4 address String" },
  { target: "network", name: "netmask=", summary: "Prefix length of the container address.", values: "a String like `\"24\"`" },
  { target: "network", name: "veth_host=", summary: "Host-side veth name.", values: "at most 15 bytes" },
  { target: "network", name: "veth_guest=", summary: "Container-side veth name.", values: "default `veth0`" },
  { target: "command", name: "set_stdout", summary: "Redirects init's stdout (daemon mode only).", values: "`file:`, `container_file:` or `host_file:`" },
  { target: "command", name: "set_stderr", summary: "Redirects init's stderr (daemon mode only).", values: "`file:`, `container_file:` or `host_file:`" },
  { target: "command", name: "set_stdin", summary: "Redirects init's stdin (daemon mode only).", values: "`file:`, `container_file:` or `host_file:`" },
  // §4.14, §4.15
  { target: "bootstrap", name: "strategy=", summary: "How the rootfs is built when it does not exist yet.", values: list(BOOTSTRAP_STRATEGIES), argSet: "strategy" },
  { target: "provision", name: "run_shell", summary: "Adds a provisioning script run with `sh -xe` inside the rootfs as host root.", values: "script String, optional `name:`, `sh:`" },
];

const BY_KEY = new Map(DSL_METHODS.map((m) => [`${m.target}.${m.name}`, m]));

/** The entry for `name` called on `target`; `name=` falls back to `name` and vice versa. */
export function lookupDsl(target: string | null, name: string): DslMethod | undefined {
  const names = name.endsWith("=") ? [name, name.slice(0, -1)] : [name, `${name}=`];
  if (target !== null) {
    for (const n of names) {
      const hit = BY_KEY.get(`${target}.${n}`);
      if (hit) return hit;
    }
  }
  // Unknown receiver (a block parameter such as `b` or `cg`): a name that is unique across the DSL.
  for (const n of names) {
    const hits = DSL_METHODS.filter((m) => m.name === n);
    if (hits.length === 1) return hits[0];
  }
  return undefined;
}

export function membersOf(target: string): DslMethod[] {
  return DSL_METHODS.filter((m) => m.target === target);
}

export const SUB_OBJECTS: ReadonlySet<string> = new Set(DSL_METHODS.filter((m) => m.object).map((m) => m.name));

export function hoverMarkdown(m: DslMethod): string {
  const recv = m.target === "" ? "config." : m.target === "Haconiwa" ? "Haconiwa." : `config.${m.target}.`;
  const lines = [`**\`${recv}${m.name}\`** — ${m.summary}`];
  if (m.values) lines.push("", `Valid values: ${m.values}`);
  return lines.join("\n");
}
