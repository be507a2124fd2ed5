import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";

/** chroot_to creates a new rootfs object: earlier rootfs_owner / rootfs.readonly= are lost (§4.2). */
export const rule: Rule = {
  meta: {
    id: "rootfs-setting-before-chroot",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`rootfs_owner` and `rootfs.readonly=` must come after `chroot_to`.",
      details: "`chroot_to` replaces the rootfs object, resetting `readonly` to true and the owner to 0:0, so settings made before it are silently discarded.",
      fix: "Move the setting below the `chroot_to` line.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.rootfs.readonly = false\n  c.chroot_to "/var/lib/haconiwa/web"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/web"\n  c.rootfs.readonly = false\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      const chroots = c.ops.filter((o) => o.target === "" && o.method === "chroot_to");
      for (const op of c.ops) {
        const isOwner = op.target === "" && op.method === "rootfs_owner";
        const isReadonly = op.target === "rootfs" && op.method === "readonly=";
        if (!isOwner && !isReadonly) continue;
        const later = chroots.find((ch) => ch.seq > op.seq);
        if (!later) continue;
        report({
          range: op.range,
          message: `${isOwner ? "rootfs_owner" : "rootfs.readonly="} is reset by the chroot_to on line ${later.range.start.line}: move it after chroot_to`,
          related: [{ message: "chroot_to resets the rootfs settings here", range: later.range }],
        });
      }
    }
  },
};
