import type { Rule } from "../rule.js";
import { possibilities } from "../../model/values.js";
import { containerLabel, hasDotDot, isInside, origins, runnable, valueRange } from "../helpers.js";

/** The rootfs must lie inside the configured pool directory (suEXEC 13). */
export const rule: Rule = {
  meta: {
    id: "rootfs-in-pool",
    class: "selectable",
    suexec: [13],
    harm: ["launch", "escape"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The rootfs must lie inside the configured rootfs pool directory.",
      details:
        "The pool is the one directory tree the operator prepared for container roots. A rootfs elsewhere (`/`, a home directory, `/etc`) would make host files the container's files. " +
        "Statically the rule checks the literal `chroot_to` path: absolute, free of `..`, and inside `rootfsPool` component by component (`/var/lib/haconiwa-old` is not inside `/var/lib/haconiwa`). " +
        "Symlinks inside the pool are checked by the host check and the baked runtime check.",
      fix: "Point `chroot_to` at a directory below the pool, e.g. `Pathname.new(\"/var/lib/haconiwa\").join(\"app\")`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.chroot_to "/home/alice/root"\nend\n', 'Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/../../etc"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.chroot_to Pathname.new("/var/lib/haconiwa").join("app")\nend\n'],
      },
    },
  },
  check({ model, policy, host, report }) {
    for (const c of runnable(model)) {
      if (!c.rootfs) continue;
      for (const v of possibilities(c.rootfs.value)) {
        if (v.kind !== "str" && v.kind !== "path") continue;
        const range = valueRange(c.rootfs, v);
        const related = origins(v);
        if (!v.value.startsWith("/")) report({ range, message: `${containerLabel(c)} has a relative rootfs ${JSON.stringify(v.value)}: it resolves against the runtime's working directory`, related });
        else if (hasDotDot(v.value)) report({ range, message: `rootfs ${JSON.stringify(v.value)} contains "..": it can leave the pool ${policy.rootfsPool}`, related });
        else if (!isInside(v.value, policy.rootfsPool) || v.value.replace(/\/+$/, "") === policy.rootfsPool.replace(/\/+$/, "")) {
          report({ range, message: `rootfs ${JSON.stringify(v.value)} is not inside the rootfs pool ${policy.rootfsPool}`, related });
        } else if (host) {
          // symlinks on the host can still lead out of the pool
          const real = host.realpath(v.value);
          const pool = host.realpath(policy.rootfsPool) ?? policy.rootfsPool;
          if (real && !isInside(real, pool)) report({ range, message: `rootfs ${v.value} resolves to ${real} on this host, outside the pool ${pool}`, related });
        }
      }
    }
  },
};
