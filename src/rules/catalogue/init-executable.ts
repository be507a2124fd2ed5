import type { Rule } from "../rule.js";
import { containerLabel, runnable } from "../helpers.js";
import { resolvedInit } from "../host-facts.js";

/** The init program must be an executable regular file (suEXEC 20). */
export const rule: Rule = {
  meta: {
    id: "init-executable",
    class: "always-error",
    suexec: [20],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The init program must be an executable regular file.",
      details: "execve fails with EACCES on a file without an execute bit, a directory or a device. With `--host`, the program is resolved inside the rootfs and its mode checked; without it the rule is silent.",
      fix: "`chmod 0755` the program inside the rootfs, or point init_command at the real executable.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, host, report }) {
    if (!host) return;
    for (const c of runnable(model)) {
      const r = resolvedInit(host, c);
      if (!r?.facts || !r.hostPath) continue;
      if (r.facts.kind !== "file") report({ range: (c.initCommand ?? c.rootfs)!.range, message: `init program ${r.hostPath} of ${containerLabel(c)} is not a regular file` });
      else if ((r.facts.mode & 0o111) === 0) report({ range: (c.initCommand ?? c.rootfs)!.range, message: `init program ${r.hostPath} of ${containerLabel(c)} has no execute bit (mode ${r.facts.mode.toString(8)})` });
    }
  },
};
