import type { Rule } from "../rule.js";

/** Settings that live on the barn itself, or on objects shared with the children (§2.2). */
const SHARED_OR_BARN = new Set([
  "daemonize!", "cancel_daemonize!", "validate_real_id", "add_mount_point", "mount_independent", "mount_independent_procfs", "log_level=",
]);
const BARN_HOOKS = new Set(["setup", "teardown", "system_failure"]);
const SHARED_TARGETS = new Set(["namespace", "capabilities", "metadata"]);

/** A child copies the barn when barn.define runs: later barn settings do not reach it (§2.2). */
export const rule: Rule = {
  meta: {
    id: "barn-setting-after-child",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "Barn settings after a `barn.define` child are not seen by that child.",
      details: "`barn.define` copies the barn's state at that moment. A setting made on the barn later (e.g. `chroot_to`, `init_command=`, `environ=`) does not reach the children defined before it. (Namespace flags, capability lists and mount lists are shared objects and are not reported.)",
      fix: "Move the barn setting above the first `barn.define`, or set it in each child.",
      examples: {
        invalid: ['Haconiwa.define do |barn|\n  barn.define do |box|\n    box.name = "one"\n  end\n  barn.environ = { "LANG" => "C" }\nend\n'],
        valid: ['Haconiwa.define do |barn|\n  barn.environ = { "LANG" => "C" }\n  barn.define do |box|\n    box.name = "one"\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const barn of model.containers.filter((c) => c.kind === "barn")) {
      for (const op of barn.ops) {
        if (SHARED_TARGETS.has(op.target) || (op.target === "" && SHARED_OR_BARN.has(op.method))) continue;
        if (op.method === "add_general_hook" && op.args[0] && ["str", "sym"].includes(op.args[0].kind) && BARN_HOOKS.has(op.args[0].kind === "sym" ? op.args[0].name : (op.args[0] as { value: string }).value)) continue;
        const missed = barn.children.filter((ch) => !ch.ops.some((o) => o.seq === op.seq) && (ch.ops.some((o) => o.seq < op.seq) || ch.defineRange.end.offset <= op.range.start.offset));
        const first = missed[0];
        if (!first) continue;
        report({
          range: op.range,
          message: `this barn setting comes after barn.define on line ${first.defineRange.start.line}; ${missed.length === 1 ? "that child does" : `those ${missed.length} children do`} not see it: move it above the first define`,
          related: [{ message: "child defined here", range: first.defineNameRange }],
        });
      }
    }
  },
};
