import type { Rule } from "../rule.js";
import { hasNamespace } from "../../model/container.js";
import { truthiness } from "../../model/values.js";
import { runnable } from "../helpers.js";

/** pivot_root needs a private mount namespace (§4.2). */
export const rule: Rule = {
  meta: {
    id: "chroot-without-mount-namespace",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`chroot_to` in pivot mode needs the mount namespace.",
      details: "In the default pivot mode the rootfs is bind-mounted onto itself and `pivot_root` is called. Without a mount namespace (explicit `unshare \"mount\"` or implied by `add_mount_point`/`mount_independent`) these mounts happen in the host's namespace and `pivot_root` fails on hosts whose `/` is shared.",
      fix: "Add `c.namespace.unshare \"mount\"`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/web"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/web"\n  c.namespace.unshare "mount"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      if (!c.rootfs || hasNamespace(c, "mount")) continue;
      if (c.legacyChroot && truthiness(c.legacyChroot.value) !== false) continue;
      report({ range: c.rootfs.range, message: "chroot_to without a mount namespace: pivot_root fails and the mounts reach the host; add c.namespace.unshare \"mount\"" });
    }
  },
};
