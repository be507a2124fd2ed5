import type { Rule } from "../rule.js";
import { containerLabel, runnable } from "../helpers.js";

/** The rootfs must exist and be chroot-able (suEXEC 12). Statically: a rootfs is configured. */
export const rule: Rule = {
  meta: {
    id: "rootfs-usable",
    class: "always-error",
    suexec: [12],
    harm: ["escape"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The container must have a rootfs that exists, is a directory and can be entered.",
      details:
        "Without `chroot_to`, Haconiwa's default pivot mode bind-mounts nothing and fails at start; with the legacy chroot mode, init runs in the host's file system. " +
        "Whether the directory exists is checked on the host (`--host`) and by the runtime.",
      fix: "Add `config.chroot_to` with a directory inside the rootfs pool.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.init_command = ["/bin/app"]\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/app"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      if (!c.rootfs) report({ range: c.defineNameRange, message: `${containerLabel(c)} has no rootfs: add config.chroot_to with a directory in the rootfs pool` });
    }
  },
};
