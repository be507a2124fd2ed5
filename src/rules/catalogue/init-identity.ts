import { posix } from "node:path";
import type { Rule } from "../rule.js";
import { parseIdFile, resolveInRoot } from "../../host/host.js";
import { asString, possibilities } from "../../model/values.js";
import { containerLabel, runnable, valueRange } from "../helpers.js";
import { literalRootfs } from "../host-facts.js";

/** The init user and group must exist in the container's own /etc/passwd and /etc/group (suEXEC 5, 6). */
export const rule: Rule = {
  meta: {
    id: "init-identity",
    class: "selectable",
    suexec: [5, 6],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The init user and group must exist in the container's own /etc/passwd and /etc/group.",
      details:
        "An id with no entry in the rootfs gives init no home, no name and no group memberships the image expects. Note that Haconiwa resolves *names* in `uid=`/`gid=` on the host, not in the rootfs. " +
        "With `--host`, the rootfs files are read (resolved inside the rootfs, never through NSS); without it the rule is silent.",
      fix: "Add the user and group to the rootfs's /etc/passwd and /etc/group, or use ids that exist there.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\n  c.uid = 1000\nend\n'] },
    },
  },
  check({ model, host, report }) {
    if (!host) return;
    for (const c of runnable(model)) {
      const root = literalRootfs(c);
      if (!root) continue;
      for (const [file, fields, setting, kind] of [["/etc/passwd", 7, c.uid, "user"], ["/etc/group", 4, c.gid, "group"]] as const) {
        if (!setting) continue;
        const resolved = resolveInRoot(host, root, file);
        const text = resolved.hostPath && resolved.facts?.kind === "file" ? host.readFile(resolved.hostPath, 4 << 20) : null;
        const entries = text === null ? [] : parseIdFile(text, fields);
        for (const v of possibilities(setting.value)) {
          const s = asString(v);
          if (s === undefined || (v.kind !== "int" && v.kind !== "str")) continue;
          const found = /^\d+$/.test(s) ? entries.some((e) => e.id === Number(s)) : entries.some((e) => e.name === s);
          if (!found) report({ range: valueRange(setting, v), message: `${kind} ${s} of ${containerLabel(c)} is not in ${posix.join(root, file)}${text === null ? " (file missing or unreadable)" : ""}` });
        }
      }
    }
  },
};
