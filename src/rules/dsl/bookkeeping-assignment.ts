import type { Rule } from "../rule.js";
import { uniqueOps } from "./util.js";

const FIELDS = [
  "pid", "supervisor_pid", "created_at", "exit_status", "cleaned", "hacofile", "general_hooks", "async_hooks", "readiness_hooks",
  "cgroup_hooks", "reloadable_attr", "attached_capabilities", "network_mountpoint", "system_exception", "project_name",
].map((f) => f + "=");

/** Runtime bookkeeping fields are writable but owned by Haconiwa (§2.3). */
export const rule: Rule = {
  meta: {
    id: "bookkeeping-assignment",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Do not assign Haconiwa's runtime bookkeeping fields from a Hacofile.",
      details: "`pid`, `supervisor_pid`, `created_at`, `exit_status`, `cleaned`, `hacofile`, the hook tables and similar accessors are writable only because they are plain attributes; Haconiwa fills them in at run time, and a value set in the file is overwritten or breaks hooks, cleanup and reload.",
      fix: "Remove the assignment; read these fields inside hooks instead. Use the DSL methods (`add_general_hook`, ...) to register hooks.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.pid = 1\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_general_hook :before_start_wait do |base|\n    Haconiwa::Logger.info "pid #{base.pid}"\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const { op } of uniqueOps(model)) {
      if (op.target !== "" || !FIELDS.includes(op.method)) continue;
      report({ range: op.range, message: `${op.method.slice(0, -1)} is runtime bookkeeping that Haconiwa sets itself: remove this assignment` });
    }
  },
};
