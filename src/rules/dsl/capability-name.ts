import type { Rule } from "../rule.js";
import { lookupCapability } from "./capabilities.js";
import { at, known, opsOf } from "./util.js";

/** Capability names are resolved by libcap at container start; a bad one aborts the start (§4.3). */
export const rule: Rule = {
  meta: {
    id: "capability-name",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`capabilities.allow`/`drop` names must be Strings libcap 2.25 can resolve.",
      details: "Haconiwa resolves each name with libcap's `cap_from_name` only when the container starts; an unknown name aborts the start. Symbols (other than a leading `:all` for `allow`) raise TypeError, `\"all\"` as a String is not special, names need the `cap_` prefix, and libcap 2.25 does not know `cap_perfmon`, `cap_bpf` or `cap_checkpoint_restore`.",
      fix: "Write the name as a lower-case String with the prefix, e.g. `\"cap_sys_chroot\"`; use `allow :all` (Symbol, first argument) to empty the whitelist.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.capabilities.allow "sys_chroot"\nend\n', 'Haconiwa.define do |c|\n  c.capabilities.allow :cap_kill\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.capabilities.allow "cap_sys_chroot", "cap_kill"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "capabilities", "allow", "drop")) {
      op.args.forEach((arg, i) => {
        for (const v of known(arg)) {
          if (v.kind === "sym") {
            if (v.name === "all" && i === 0 && op.method === "allow") continue;
            const hint = v.name === "all" ? ": :all must be the first argument of allow" : `: write "${v.name.toLowerCase()}"`;
            report({ range: at(op, v), message: `capability :${v.name} is a Symbol; libcap needs a String (TypeError at start)${hint}` });
          } else if (v.kind === "str") {
            const r = lookupCapability(v.value);
            if (!r.ok) report({ range: at(op, v), message: `capability "${v.value}" cannot be resolved at start (${r.why}): use a lower-case cap_* name` });
          } else {
            report({ range: at(op, v), message: `capability names must be Strings, not ${v.kind} (fails at start): write e.g. "cap_kill"` });
          }
        }
      });
    }
  },
};
