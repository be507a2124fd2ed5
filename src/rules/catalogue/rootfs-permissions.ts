import type { Rule } from "../rule.js";
import { possibilities } from "../../model/values.js";
import { containerLabel, hasDotDot, origins, runnable, valueRange } from "../helpers.js";
import { writableByOthers } from "../../host/host.js";
import { resolvedInit } from "../host-facts.js";

/**
 * The init program must resolve inside the rootfs through directories only its owner can write
 * (suEXEC 4, 14, 16). Statically: the program is an absolute path without `..`.
 */
export const rule: Rule = {
  meta: {
    id: "rootfs-permissions",
    class: "selectable",
    suexec: [4, 14, 16],
    harm: ["launch", "inside"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The init program must be an absolute path inside the rootfs, through directories writable only by their owner.",
      details:
        "Haconiwa execs `init_command[0]` with no PATH search, relative to `workdir`. A relative program or one with `..` depends on where the process stands, and suEXEC refuses both (check 4). " +
        "Owners and modes of every directory from the rootfs down to the program are checked on the host (`--host`) and by the baked runtime check.",
      fix: "Write the program as an absolute path inside the container, e.g. `[\"/usr/sbin/nginx\", \"-g\", \"daemon off;\"]`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.init_command = ["bin/server"]\nend\n', 'Haconiwa.define do |c|\n  c.init_command = "/srv/../bin/sh"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.init_command = ["/usr/bin/server", "--port", "8080"]\nend\n'],
      },
    },
  },
  check({ model, host, report }) {
    for (const c of runnable(model)) {
      if (!c.initCommand) continue;
      for (const cmd of possibilities(c.initCommand.value)) {
        const program = cmd.kind === "array" ? cmd.items[0] : cmd;
        if (!program || program.kind !== "str") continue;
        const range = valueRange(c.initCommand, program);
        if (program.value === "") continue; // init-exists reports an empty program
        if (!program.value.startsWith("/")) report({ range, message: `${containerLabel(c)} runs init program ${JSON.stringify(program.value)}, a relative path: use an absolute path inside the rootfs`, related: origins(program) });
        else if (hasDotDot(program.value)) report({ range, message: `init program ${JSON.stringify(program.value)} contains "..": write the resolved absolute path`, related: origins(program) });
      }
    }
    if (!host) return;
    for (const c of runnable(model)) {
      const r = resolvedInit(host, c);
      const at = (c.initCommand ?? c.rootfs)?.range;
      if (!r || !at) continue;
      const unsafe = r.dirs.find((d) => writableByOthers(d.facts) && (d.facts.mode & 0o1000) === 0) ?? r.dirs.find((d) => writableByOthers(d.facts));
      if (unsafe) report({ range: at, message: `directory ${unsafe.hostPath} on the way to init is writable by group or others (mode ${unsafe.facts.mode.toString(8)})` });
      else if (r.facts && r.hostPath && writableByOthers(r.facts)) report({ range: at, message: `init program ${r.hostPath} is writable by group or others (mode ${r.facts.mode.toString(8)})` });
    }
  },
};
