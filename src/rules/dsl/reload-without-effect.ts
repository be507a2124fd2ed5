import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";
import { daemonOwner, known } from "./util.js";

/** Reload needs daemon mode and the block forms `cgroup do`/`resource do` (§4.13). */
export const rule: Rule = {
  meta: {
    id: "reload-without-effect",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`support_reload` does nothing without daemon mode and the `cgroup do`/`resource do` block forms.",
      details: "On SIGHUP the supervisor re-runs the blocks captured at start (`c.cgroup do |cg| ... end`, `c.resource do |r| ... end`); settings written outside those blocks are not reloaded, and without daemon mode there is no supervisor left to reload.",
      fix: "Call `c.daemonize!` and move the reloadable settings into `c.cgroup do |cg| ... end` / `c.resource do |r| ... end`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.daemonize!\n  c.support_reload :cgroup\n  c.cgroup["pids.max"] = 64\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.daemonize!\n  c.support_reload :cgroup\n  c.cgroup do |cg|\n    cg["pids.max"] = 64\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      for (const op of c.ops.filter((o) => o.target === "" && o.method === "support_reload")) {
        if (!daemonOwner(c).daemonize) {
          report({ range: op.range, message: "support_reload has no effect without daemon mode: add c.daemonize!" });
          continue;
        }
        const kinds = op.args.flatMap(known).flatMap((v) => (v.kind === "sym" ? [v.name] : []));
        for (const kind of kinds.filter((k) => k === "cgroup" || k === "resource")) {
          const targets = kind === "cgroup" ? ["cgroup", "cgroupv2"] : ["resource"];
          if (c.ops.some((o) => targets.includes(o.target) && o.inReloadBlock)) continue;
          report({ range: op.range, message: `support_reload :${kind} has nothing to reload: put the settings in c.${kind} do |x| ... end` });
        }
      }
    }
  },
};
