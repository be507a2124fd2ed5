import type { Rule } from "../rule.js";
import { at, known, opsOf, option } from "./util.js";

const RULE_METHODS = ["kill_process", "errno", "log", "notify"];
const DEFAULTS = ["kill_process", "kill_thread", "log", "notify", "errno"];

/** errno/log/kill_process/notify exist only in the newer haconiwa/mruby-seccomp (§4.7). */
export const rule: Rule = {
  meta: {
    id: "seccomp-newer-gem-action",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Seccomp actions errno/log/kill_process/notify need the newer mruby-seccomp gem.",
      details: "Haconiwa's `mrbgem.rake` names `chikuwait/mruby-seccomp`, which only knows allow, kill, trap and trace. Builds with that gem fail when the filter is built in the container at start.",
      fix: "Use `kill`/`trap`/`allow`, or make sure the runtime is built with `haconiwa/mruby-seccomp`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.seccomp.filter(default: :allow) do |rule|\n    rule.errno 1, :ptrace\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.seccomp.filter(default: :allow) do |rule|\n    rule.kill :ptrace\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "seccomp-rule", ...RULE_METHODS)) {
      report({ range: op.nameRange, message: `seccomp rule action ${op.method} exists only in the newer haconiwa/mruby-seccomp gem; the gem Haconiwa names fails at start: use kill or trap, or build with the newer gem` });
    }
    for (const op of opsOf(model, "seccomp", "filter")) {
      for (const d of known(option(op.args[0], "default"))) {
        const name = d.kind === "sym" ? d.name : d.kind === "array" && d.items[0]?.kind === "sym" ? d.items[0].name : undefined;
        if (name === undefined || !DEFAULTS.includes(name)) continue;
        report({ range: at(op, d), message: `default action :${name} exists only in the newer haconiwa/mruby-seccomp gem; the gem Haconiwa names fails at start: use :allow, :kill or :trap, or build with the newer gem` });
      }
    }
  },
};
