import type { Rule } from "../rule.js";
import { ownOps } from "./util.js";

/** Daemon mode belongs to the barn; a child's daemonize! only makes it a session leader (§2.2). */
export const rule: Rule = {
  meta: {
    id: "daemonize-in-child",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "warning",
    fixable: false,
    docs: {
      summary: "`daemonize!` inside a `barn.define` child does not enable daemon mode.",
      details: "A child's `daemon?` asks the barn, so `daemonize!` on a child only makes it a session leader; the project still runs in the foreground.",
      fix: "Call `daemonize!` on the barn (outside the child block); use `acts_as_session_leader` if a session leader is what you want.",
      examples: {
        invalid: ['Haconiwa.define do |barn|\n  barn.define do |box|\n    box.name = "one"\n    box.daemonize!\n  end\nend\n'],
        valid: ['Haconiwa.define do |barn|\n  barn.daemonize!\n  barn.define do |box|\n    box.name = "one"\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of model.containers.filter((x) => x.kind === "child")) {
      for (const op of ownOps(c).filter((o) => o.target === "" && o.method === "daemonize!")) {
        report({ range: op.range, message: "daemonize! in a child does not enable daemon mode (the barn decides): call it on the barn" });
      }
    }
  },
};
