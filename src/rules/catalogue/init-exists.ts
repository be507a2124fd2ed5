import type { Rule } from "../rule.js";
import { possibilities } from "../../model/values.js";
import { containerLabel, runnable, valueRange } from "../helpers.js";
import { resolvedInit } from "../host-facts.js";

/**
 * The init program must exist (suEXEC 15). Statically: the command names a program at all, and a
 * single string is one path (Haconiwa does not split it on spaces, so "/bin/sh -c x" never exists).
 */
export const rule: Rule = {
  meta: {
    id: "init-exists",
    class: "always-error",
    suexec: [15],
    harm: ["launch"],
    severity: "error",
    fixable: true,
    docs: {
      summary: "The init program must exist.",
      details:
        "`init_command = \"...\"` becomes a one-element argv: no shell, no word splitting, no PATH search. A string with spaces therefore names a file that does not exist, and an empty command has no program at all. " +
        "Whether the file exists in the rootfs is checked on the host (`--host`) and by the runtime.",
      fix: "Write the command as an array: `[\"/bin/sh\", \"-c\", \"...\"]`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.init_command = "/usr/bin/app --port 80"\nend\n', 'Haconiwa.define do |c|\n  c.init_command = []\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.init_command = ["/usr/bin/app", "--port", "80"]\nend\n'],
      },
    },
  },
  check({ model, host, report }) {
    if (host) {
      for (const c of runnable(model)) {
        const r = resolvedInit(host, c);
        const at = (c.initCommand ?? c.rootfs)?.range;
        if (r && at && !r.hostPath && r.error && !/^rootfs /.test(r.error)) report({ range: at, message: `init program of ${containerLabel(c)} does not resolve inside the rootfs: ${r.error}` });
      }
    }
    for (const c of runnable(model)) {
      if (!c.initCommand) continue;
      for (const cmd of possibilities(c.initCommand.value)) {
        const range = valueRange(c.initCommand, cmd);
        if ((cmd.kind === "array" && cmd.items.length === 0) || (cmd.kind === "str" && cmd.value === "")) {
          report({ range, message: `${containerLabel(c)} has an empty init command: name the program to run` });
        } else if (cmd.kind === "str" && /\s/.test(cmd.value.trim())) {
          const words = cmd.value.trim().split(/\s+/);
          report({
            range,
            message: `init command ${JSON.stringify(cmd.value)} is one path: Haconiwa does not split it on spaces, so ${JSON.stringify(cmd.value)} will not be found; use an array`,
            fix: range === cmd.range && cmd.range.start.line === cmd.range.end.line && /^[\w\/.,:=@%+-]+(\s+[\w\/.,:=@%+-]+)*$/.test(cmd.value.trim())
              ? { title: "Split into an argv array", edits: [{ range, newText: `[${words.map((w) => JSON.stringify(w)).join(", ")}]` }] }
              : undefined,
          });
        }
      }
    }
  },
};
