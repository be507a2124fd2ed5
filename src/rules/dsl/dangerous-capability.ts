import type { Rule } from "../rule.js";
import { lookupCapability } from "./capabilities.js";
import { at, known, opsOf } from "./util.js";

const WHY: Record<string, string> = {
  cap_sys_admin: "mount, namespaces, BPF and much more — the usual way out of a container",
  cap_sys_module: "loads kernel modules",
  cap_sys_ptrace: "traces any process it can see",
  cap_sys_rawio: "raw I/O ports and /dev/mem",
  cap_dac_read_search: "open_by_handle_at reads host files outside the rootfs",
  cap_sys_boot: "reboots the host or loads a new kernel",
  cap_net_admin: "reconfigures network interfaces, routes and firewalls",
  cap_mac_admin: "changes the MAC (AppArmor) policy",
  cap_mac_override: "bypasses the MAC policy",
  cap_syslog: "reads kernel messages and addresses",
  cap_sys_time: "sets the host's clock",
  cap_linux_immutable: "clears immutable/append-only flags",
};

/** Capabilities that let container root reach the host (harm: escape). */
export const rule: Rule = {
  meta: {
    id: "dangerous-capability",
    class: "hardening",
    suexec: [],
    harm: ["escape", "outside"],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Do not allow capabilities that let container root reach the host.",
      details: `Allowing any of ${Object.keys(WHY).map((c) => "`" + c + "`").join(", ")} gives root in the container powers over the host kernel, devices or other processes.`,
      fix: "Remove the capability from `allow`; find the narrower capability or host-side setup the workload actually needs.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.capabilities.allow "cap_sys_admin"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.capabilities.allow "cap_net_bind_service"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "capabilities", "allow")) {
      for (const arg of op.args) {
        for (const v of known(arg)) {
          if (v.kind !== "str") continue;
          const r = lookupCapability(v.value);
          if (!r.ok || !WHY[r.canonical]) continue;
          report({ range: at(op, v), message: `${r.canonical} ${WHY[r.canonical]}: do not allow it unless the container is fully trusted` });
        }
      }
    }
  },
};
