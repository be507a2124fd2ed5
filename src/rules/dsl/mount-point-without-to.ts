import type { Rule } from "../rule.js";
import { kwargs, opsOf, option } from "./util.js";

/** add_mount_point needs to: (the destination, a host path under the rootfs) (§4.2). */
export const rule: Rule = {
  meta: {
    id: "mount-point-without-to",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`add_mount_point` needs a `to:` destination.",
      details: "Without `to:` the mount target is nil and the container fails with TypeError when it starts, after the mount namespace already exists.",
      fix: "Add the destination under the rootfs: `c.add_mount_point \"tmpfs\", to: \"#{root}/tmp\", fs: \"tmpfs\"`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.add_mount_point "tmpfs", fs: "tmpfs"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_mount_point "tmpfs", to: "/var/lib/haconiwa/web/tmp", fs: "tmpfs"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "add_mount_point")) {
      const h = kwargs(op);
      if (op.args.length > 1 && !h) continue;
      const to = option(h, "to");
      if (to && to.kind !== "nil") continue;
      report({ range: op.range, message: "add_mount_point without to: fails at start (nil destination): add to: \"<rootfs>/<dir>\"" });
    }
  },
};
