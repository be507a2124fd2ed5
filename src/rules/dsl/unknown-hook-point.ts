import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

export const HOOK_POINTS = [
  "setup", "before_fork", "after_network_created", "after_fork", "after_network_initialized", "before_chroot", "after_chroot",
  "immediately_after_fork_on_parent", "before_start_wait", "teardown_container", "after_failure", "teardown", "system_failure",
  "after_reload", "before_restore", "after_restore",
];

/** add_general_hook validates the point against 16 names while evaluating (§4.12). */
export const rule: Rule = {
  meta: {
    id: "unknown-hook-point",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`add_general_hook` only accepts Haconiwa's 16 hook points.",
      details: `Haconiwa raises a RuntimeError while evaluating the file for any other point. Known points: ${HOOK_POINTS.map((p) => "`" + p + "`").join(", ")}.`,
      fix: "Use one of the listed points (Symbol or String), e.g. `c.add_general_hook :before_chroot do |base| ... end`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.add_general_hook :before_start do |base|\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_general_hook :before_start_wait do |base|\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "add_general_hook")) {
      for (const v of known(op.args[0])) {
        const name = nameOf(v);
        if (name !== undefined && HOOK_POINTS.includes(name)) continue;
        const close = name !== undefined ? HOOK_POINTS.find((p) => p.startsWith(name) || name.startsWith(p)) : undefined;
        report({ range: at(op, v), message: `hook point ${name !== undefined ? `"${name}"` : v.kind} is unknown (RuntimeError at evaluation)${close ? `; did you mean :${close}?` : ": see hacolint explain unknown-hook-point for the 16 points"}` });
      }
    }
  },
};
