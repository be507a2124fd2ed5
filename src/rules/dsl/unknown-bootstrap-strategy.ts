import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

const STRATEGIES = ["lxc", "lxc-create", "debootstrap", "git", "git-clone", "tarball", "unarchive", "shell", "mruby"];

/** bootstrap.strategy= knows a fixed set of names (§4.14); custom objects are allowed. */
export const rule: Rule = {
  meta: {
    id: "unknown-bootstrap-strategy",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`bootstrap.strategy=` must name a known strategy.",
      details: `Haconiwa raises a RuntimeError while evaluating the file for an unknown strategy name. Known: ${STRATEGIES.map((s) => "`" + s + "`").join(", ")} (or an object with a \`bootstrap(b)\` method).`,
      fix: "Use one of the listed names, e.g. `b.strategy = \"tarball\"`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.bootstrap do |b|\n    b.strategy = "docker"\n  end\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.bootstrap do |b|\n    b.strategy = "tarball"\n    b.archive_path = "/srv/images/base.tar.gz"\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "bootstrap", "strategy=")) {
      for (const v of known(op.args[0])) {
        const name = nameOf(v);
        if (name === undefined || STRATEGIES.includes(name)) continue;
        report({ range: at(op, v), message: `bootstrap strategy "${name}" is unknown (RuntimeError at evaluation): use ${STRATEGIES.join(", ")}` });
      }
    }
  },
};
