import type { Rule } from "../rule.js";
import { containerLabel, runnable } from "../helpers.js";
import { resolvedInit } from "../host-facts.js";

/** Experimental: the init program must have neither the set-uid nor the set-gid bit (suEXEC 17). */
export const rule: Rule = {
  meta: {
    id: "init-not-setid",
    class: "experimental",
    suexec: [17],
    harm: ["launch", "escape"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The init program must have neither the set-uid nor the set-gid bit (experimental).",
      details: "A set-id init regains the owner's privileges after the runtime dropped them. Off by default: mostly covered by `rootfs-permissions`. Enable it with `policy.experimental: [init-not-setid]`; needs `--host`.",
      fix: "`chmod ug-s` the program inside the rootfs.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, host, policy, report }) {
    if (!host || !policy.experimental.includes("init-not-setid")) return;
    for (const c of runnable(model)) {
      const r = resolvedInit(host, c);
      if (r?.facts?.kind === "file" && (r.facts.mode & 0o6000) !== 0) report({ range: (c.initCommand ?? c.rootfs)!.range, message: `init program ${r.hostPath} of ${containerLabel(c)} is set-uid or set-gid (mode ${r.facts.mode.toString(8)})` });
    }
  },
};
