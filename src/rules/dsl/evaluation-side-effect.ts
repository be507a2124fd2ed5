import type { Rule } from "../rule.js";

/** Code in a Hacofile runs with the runtime's privileges while it is evaluated (§1). */
export const rule: Rule = {
  meta: {
    id: "evaluation-side-effect",
    class: "dsl",
    suexec: [],
    harm: ["launch"],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Commands, file reads and signals in a Hacofile run on the host at every evaluation.",
      details: "Every `haconiwa` subcommand evaluates the whole file with its own privileges (often root) before any isolation exists: `system`, backticks, `File.read`, `Process.kill` run on the host each time — also for `kill`, `reload` or `attach`.",
      fix: "Move such work into bootstrap/provision steps or hooks, or out of the Hacofile; compute values statically.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  system "mkdir -p /var/lib/haconiwa/web"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/web"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const e of model.sideEffects) {
      report({ range: e.range, message: `${e.description}: move it out of the Hacofile or into a hook` });
    }
  },
};
