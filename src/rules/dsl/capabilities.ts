// libcap 2.25's capability names (numbers 0..37) and how `cap_from_name` resolves a String (§4.3).
export const LIBCAP_225_NAMES = [
  "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner", "cap_fsetid", "cap_kill", "cap_setgid", "cap_setuid",
  "cap_setpcap", "cap_linux_immutable", "cap_net_bind_service", "cap_net_broadcast", "cap_net_admin", "cap_net_raw",
  "cap_ipc_lock", "cap_ipc_owner", "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace", "cap_sys_pacct",
  "cap_sys_admin", "cap_sys_boot", "cap_sys_nice", "cap_sys_resource", "cap_sys_time", "cap_sys_tty_config", "cap_mknod",
  "cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap", "cap_mac_override", "cap_mac_admin", "cap_syslog",
  "cap_wake_alarm", "cap_block_suspend", "cap_audit_read",
];
const KNOWN = new Set(LIBCAP_225_NAMES);

export type CapLookup =
  | { ok: true; canonical: string; exact: boolean }
  | { ok: false; why: string };

/**
 * What libcap 2.25 makes of a name: case-insensitive, a numeric string is the raw number, trailing
 * punctuation after a complete name is ignored. `exact` is false for every spelling but the canonical one.
 */
export function lookupCapability(raw: string): CapLookup {
  const s = raw.trim();
  if (/^(0x[0-9a-f]+|\d+)$/i.test(s)) {
    const n = Number(s);
    return n < LIBCAP_225_NAMES.length ? { ok: true, canonical: LIBCAP_225_NAMES[n], exact: false } : { ok: false, why: `number ${n} is beyond what libcap 2.25 knows (0..${LIBCAP_225_NAMES.length - 1})` };
  }
  const lower = s.toLowerCase();
  const m = /^[a-z0-9_]+/.exec(lower);
  const word = m ? m[0] : "";
  if (KNOWN.has(word)) return { ok: true, canonical: word, exact: raw === word };
  if (["cap_perfmon", "cap_bpf", "cap_checkpoint_restore"].includes(word)) return { ok: false, why: `${word} is newer than libcap 2.25, which Haconiwa vendors` };
  if (KNOWN.has("cap_" + word)) return { ok: false, why: `the cap_ prefix is missing (cap_${word})` };
  if (lower === "all") return { ok: false, why: "\"all\" is special only as the Symbol :all, first argument of allow" };
  return { ok: false, why: "libcap does not know this name" };
}
