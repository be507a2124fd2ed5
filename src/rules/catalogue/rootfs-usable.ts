import type { Rule } from "../rule.js";
import { containerLabel, runnable } from "../helpers.js";
import { literalRootfs } from "../host-facts.js";

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
  check({ model, host, report }) {
    for (const c of runnable(model)) {
      if (!c.rootfs) {
        report({ range: c.defineNameRange, message: `${containerLabel(c)} has no rootfs: add config.chroot_to with a directory in the rootfs pool` });
        continue;
      }
      const root = literalRootfs(c);
      if (!host || !root) continue;
      const real = host.realpath(root);
      const facts = real ? host.lstat(real) : null;
      if (!facts) report({ range: c.rootfs.range, message: `rootfs ${root} of ${containerLabel(c)} does not exist on this host` });
      else if (facts.kind !== "dir") report({ range: c.rootfs.range, message: `rootfs ${root} of ${containerLabel(c)} is not a directory` });
      else if ((facts.mode & 0o100) === 0 && facts.uid !== 0) report({ range: c.rootfs.range, message: `rootfs ${root} cannot be entered (mode ${facts.mode.toString(8)})` });
    }
  },
};
