import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

/** cgroup["controller.attribute"]: a key without a dot raises `Invalid cgroup name` (§4.5). */
export const rule: Rule = {
  meta: {
    id: "cgroup-key-without-dot",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "cgroup keys must be `controller.attribute`, with a dot.",
      details: "For cgroup v1 and v2 Haconiwa splits the key at the first dot into controller and attribute and raises `Invalid cgroup name` while evaluating the file when there is none.",
      fix: "Write the full file name of the setting, e.g. `c.cgroup[\"pids.max\"] = 64` or `cg[\"memory.max\"] = \"512M\"`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.cgroup["shares"] = 512\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.cgroup["cpu.shares"] = 512\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of [...opsOf(model, "cgroup", "[]="), ...opsOf(model, "cgroupv2", "[]=")]) {
      for (const v of known(op.args[0])) {
        const key = nameOf(v);
        if (key === undefined || key.includes(".")) continue;
        report({ range: at(op, v), message: `cgroup key "${key}" has no dot (Invalid cgroup name at evaluation): write "<controller>.<attribute>"` });
      }
    }
  },
};
