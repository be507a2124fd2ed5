import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

/** `namespace.enter "pid", ...` reaches a broken code path in Haconiwa 0.11 (§4.1). */
export const rule: Rule = {
  meta: {
    id: "enter-pid",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "Joining an existing pid namespace with `namespace.enter \"pid\"` is broken in Haconiwa.",
      details: "The code path for entering a pid namespace references an undefined local variable, so the container fails when it starts.",
      fix: "Unshare a new pid namespace (`c.namespace.unshare \"pid\"`) instead of entering an existing one.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.namespace.enter "pid", via: "/proc/1/ns/pid"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.namespace.unshare "pid"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "namespace", "enter")) {
      const v = known(op.args[0]).find((x) => nameOf(x) === "pid");
      if (v) report({ range: at(op, v), message: "namespace.enter \"pid\" is broken in Haconiwa and fails at start: unshare \"pid\" instead" });
    }
  },
};
