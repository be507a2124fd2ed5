import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

/** mount_independent "devtmpfs" exposes the host's whole device tree (§4.2). */
export const rule: Rule = {
  meta: {
    id: "devtmpfs-mount",
    class: "hardening",
    suexec: [],
    harm: ["escape", "outside"],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`mount_independent \"devtmpfs\"` gives the container the host's device nodes.",
      details: "devtmpfs is a single kernel-wide instance: mounting it shows every host device (disks, `/dev/mem`, ...). Root in the container can read or write host disks directly.",
      fix: "Create only the device nodes the workload needs in the rootfs's `/dev` (null, zero, random, urandom, tty), and mount `devpts`/`shm` independently.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.mount_independent "devtmpfs"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.mount_independent "devpts"\n  c.mount_independent "shm"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "mount_independent")) {
      const v = known(op.args[0]).find((x) => nameOf(x) === "devtmpfs");
      if (v) report({ range: at(op, v), message: "devtmpfs exposes the host's device nodes (disks, /dev/mem) to the container: populate /dev in the rootfs instead" });
    }
  },
};
