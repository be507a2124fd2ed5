import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

export const INDEPENDENT_MOUNTS = ["procfs", "sysfs", "devtmpfs", "devpts", "shm"];

/** mount_independent knows five names; anything else raises `Unsupported` (§4.2). */
export const rule: Rule = {
  meta: {
    id: "unknown-independent-mount",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`mount_independent` only knows procfs, sysfs, devtmpfs, devpts and shm.",
      details: "Haconiwa raises `Unsupported: <name>` while evaluating the file for any other name (e.g. `\"proc\"` or `\"tmpfs\"`).",
      fix: "Use one of `\"procfs\"`, `\"sysfs\"`, `\"devtmpfs\"`, `\"devpts\"`, `\"shm\"`; mount other filesystems with `add_mount_point src, to: ..., fs: ...`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.mount_independent "proc"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.mount_independent "procfs"\n  c.mount_independent :shm\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "mount_independent")) {
      for (const v of known(op.args[0])) {
        const name = nameOf(v);
        if (name !== undefined && INDEPENDENT_MOUNTS.includes(name)) continue;
        const hint = name === "proc" ? "; did you mean \"procfs\"?" : name === "sys" ? "; did you mean \"sysfs\"?" : "";
        report({ range: at(op, v), message: `mount_independent ${name !== undefined ? `"${name}"` : v.kind} is unsupported (raises at evaluation): use procfs, sysfs, devtmpfs, devpts or shm${hint}` });
      }
    }
  },
};
