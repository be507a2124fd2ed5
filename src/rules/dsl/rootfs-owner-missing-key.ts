import type { Rule } from "../rule.js";
import { hasKey, kwargs, opsOf } from "./util.js";

/** rootfs_owner without uid: or gid: yields an empty `uid=` mount option (§3). */
export const rule: Rule = {
  meta: {
    id: "rootfs-owner-missing-key",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`rootfs_owner` needs both `uid:` and `gid:`.",
      details: "The owner is merged into the data string of every mount as `uid=...,gid=...`; a missing key produces an empty option (`uid=`) that breaks the mounts at start.",
      fix: "Give both: `c.rootfs_owner uid: 1000, gid: 1000`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/web"\n  c.rootfs_owner uid: 1000\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/web"\n  c.rootfs_owner uid: 1000, gid: 1000\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "rootfs_owner")) {
      const h = kwargs(op);
      if (op.args.length > 0 && !h) continue;
      const missing = ["uid", "gid"].filter((k) => hasKey(h, k) !== true);
      if (missing.length === 0) continue;
      report({ range: op.range, message: `rootfs_owner without ${missing.map((k) => k + ":").join(" or ")} gives an empty mount option and breaks mounts: give uid: and gid:` });
    }
  },
};
