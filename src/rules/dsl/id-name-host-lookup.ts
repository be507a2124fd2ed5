import type { Rule } from "../rule.js";
import { at, known, opsOf } from "./util.js";

/** uid=/gid=/groups= names are resolved on the host at evaluation, not in the rootfs (§4.4). */
export const rule: Rule = {
  meta: {
    id: "id-name-host-lookup",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "User and group names in `uid=`/`gid=`/`groups=` are looked up on the host.",
      details: "A non-numeric `uid=`/`gid=` and every String in `groups=` (even `\"100\"`) is resolved with getpwnam/getgrnam against the host's databases while the file is evaluated — not the container's `/etc/passwd`. The container may get a different id than its own name means, and a name the host lacks makes every subcommand fail.",
      fix: "Use numeric ids (Integers) that match the rootfs's `/etc/passwd` and `/etc/group`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.uid = "www-data"\nend\n', 'Haconiwa.define do |c|\n  c.groups = ["100"]\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.uid = 33\n  c.gid = "33"\n  c.groups = [100]\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of [...opsOf(model, "", "uid=", "gid=", "groups="), ...opsOf(model, "guid", "uid=", "gid=", "groups=")]) {
      const isGroups = op.method === "groups=";
      const values = known(op.args[0]).flatMap((v) => (isGroups && v.kind === "array" ? v.items.flatMap(known) : [v]));
      for (const v of values) {
        if (v.kind !== "str") continue;
        if (!isGroups && /^\d+$/.test(v.value)) continue;
        report({ range: at(op, v), message: `"${v.value}" is resolved as a ${op.method === "uid=" ? "user" : "group"} name on the host at evaluation, not in the rootfs: use the numeric id` });
      }
    }
  },
};
