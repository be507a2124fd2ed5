import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

const SIGNALS = ["USR1", "USR2", "TTIN", "TTOU"];

/** add_signal_handler (alias add_handler) accepts only USR1, USR2, TTIN, TTOU (§4.12). */
export const rule: Rule = {
  meta: {
    id: "unknown-signal-handler",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "Signal handlers can only be registered for USR1, USR2, TTIN and TTOU.",
      details: "TERM, INT and PIPE are reserved for cleanup and HUP for reload; any other signal name (also with a `SIG` prefix) raises TypeError while the file is evaluated.",
      fix: "Use `:USR1`, `:USR2`, `:TTIN` or `:TTOU`, written without the `SIG` prefix.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.add_signal_handler :HUP do |base|\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_signal_handler :USR1 do |base|\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "add_signal_handler", "add_handler")) {
      for (const v of known(op.args[0])) {
        const name = nameOf(v);
        if (name !== undefined && SIGNALS.includes(name)) continue;
        const bare = name?.replace(/^SIG/i, "").toUpperCase();
        const hint = bare && SIGNALS.includes(bare) ? `; write :${bare}` : "";
        report({ range: at(op, v), message: `signal ${name !== undefined ? `"${name}"` : v.kind} cannot get a handler (TypeError at evaluation): only USR1, USR2, TTIN, TTOU${hint}` });
      }
    }
  },
};
