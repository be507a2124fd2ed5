import type { Rule } from "../rule.js";
import { containerLabel, numericIds, runnable } from "../helpers.js";
import { resolvedInit } from "../host-facts.js";

/** Experimental: the init user must own the init program (suEXEC 18). */
export const rule: Rule = {
  meta: {
    id: "init-owner-match",
    class: "experimental",
    suexec: [18],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The init process's user must own the init program file (experimental).",
      details: "suEXEC requires the target user to own the program. Daemons that bind privileged ports ship root-owned binaries, so this is off by default; enable it with `policy.experimental: [init-owner-match]`; needs `--host`.",
      fix: "`chown` the program to the init user, and grant CAP_NET_BIND_SERVICE as a file capability where needed.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, host, policy, report }) {
    if (!host || !policy.experimental.includes("init-owner-match")) return;
    for (const c of runnable(model)) {
      const r = resolvedInit(host, c);
      const uid = numericIds(c.uid).find((x) => x.id !== null)?.id;
      if (r?.facts?.kind === "file" && uid !== undefined && uid !== null && r.facts.uid !== uid) {
        report({ range: (c.initCommand ?? c.rootfs)!.range, message: `init program ${r.hostPath} is owned by uid ${r.facts.uid}, not by the init user ${uid} of ${containerLabel(c)}` });
      }
    }
  },
};
