import type { Rule } from "../rule.js";
import { NAMESPACE_NAMES } from "../../model/container.js";
import { at, known, nameOf, opsOf } from "./util.js";

const SUGGEST: Record<string, string> = { mnt: "mount", network: "net", newns: "mount", process: "pid", users: "user", hostname: "uts" };

/** namespace.unshare/enter accept only six names, or a raw CLONE_NEW* integer (§4.1). */
export const rule: Rule = {
  meta: {
    id: "unknown-namespace",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`namespace.unshare`/`enter` only know ipc, net, mount, pid, user and uts.",
      details: "Haconiwa maps the name to a clone flag while evaluating the file and raises ArgumentError for any other name. `\"mnt\"`, `\"cgroup\"`, `\"time\"` and `\"network\"` are not accepted, although the kernel knows such namespaces.",
      fix: "Use one of `\"ipc\"`, `\"net\"`, `\"mount\"`, `\"pid\"`, `\"user\"`, `\"uts\"` (String or Symbol), or an Integer CLONE_NEW* flag.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.namespace.unshare "mnt"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.namespace.unshare "mount"\n  c.namespace.unshare :pid\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "namespace", "unshare", "enter")) {
      const arg = op.args[0];
      if (!arg) {
        report({ range: op.range, message: `namespace.${op.method} needs a namespace name (ipc, net, mount, pid, user or uts)` });
        continue;
      }
      for (const v of known(arg)) {
        if (v.kind === "int") continue;
        const name = nameOf(v);
        if (name !== undefined && NAMESPACE_NAMES.includes(name)) continue;
        const shown = name !== undefined ? `"${name}"` : v.kind;
        const hint = name !== undefined && SUGGEST[name] ? `; did you mean "${SUGGEST[name]}"?` : "";
        report({ range: at(op, v), message: `namespace ${shown} is not known to Haconiwa (ArgumentError at evaluation): use ipc, net, mount, pid, user or uts${hint}` });
      }
    }
  },
};
