import type { Rule } from "../rule.js";
import { runnable } from "../helpers.js";
import { daemonOwner } from "./util.js";

/** command.set_stdout/stderr/stdin only apply in daemon mode (§4.10). */
export const rule: Rule = {
  meta: {
    id: "stdio-without-daemon",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`command.set_stdout`/`set_stderr`/`set_stdin` only take effect in daemon mode.",
      details: "In the foreground the container inherits the terminal and the redirections are silently ignored (unless `haconiwa run -D` is used).",
      fix: "Call `c.daemonize!` (on the barn when there are children), or remove the redirections.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.command.set_stdout file: "/var/log/web.out"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.daemonize!\n  c.command.set_stdout file: "/var/log/web.out"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      if (daemonOwner(c).daemonize) continue;
      for (const op of c.ops.filter((o) => o.target === "command" && /^set_std(out|err|in)$/.test(o.method))) {
        report({ range: op.range, message: `command.${op.method} is ignored without daemon mode: add c.daemonize! (or run with -D)` });
      }
    }
  },
};
