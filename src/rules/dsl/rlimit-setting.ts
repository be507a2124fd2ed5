import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

const LIMITS = ["AS", "CORE", "CPU", "DATA", "FSIZE", "LOCKS", "MEMLOCK", "MSGQUEUE", "NICE", "NOFILE", "NPROC", "RSS", "RTPRIO", "RTTIME", "SIGPENDING", "STACK"];

/** resource.set_limit(type, soft, hard): an upper-case RLIMIT_ suffix and numeric limits (§4.6). */
export const rule: Rule = {
  meta: {
    id: "rlimit-setting",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "`set_limit` needs an upper-case RLIMIT name and numeric (or :unlimited) limits.",
      details: `The type is appended to \`RLIMIT_\` to find a constant, so it must be one of ${LIMITS.join(", ")} in upper case (\`:nofile\` fails with NameError). Limits must be Integers/Floats or \`:unlimited\`/\`:infinity\`; Strings fail. Both errors happen when the container starts.`,
      fix: "Write e.g. `c.resource.set_limit :NOFILE, 1024, 4096`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.resource.set_limit :nofile, 1024\nend\n', 'Haconiwa.define do |c|\n  c.resource.set_limit :CPU, "10"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.resource.set_limit :NOFILE, 1024, 4096\n  c.resource.set_limit "CORE", :unlimited\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "resource", "set_limit")) {
      for (const t of known(op.args[0])) {
        const name = nameOf(t);
        if (name !== undefined && LIMITS.includes(name)) continue;
        const up = name?.toUpperCase().replace(/^RLIMIT_/, "");
        const hint = up && LIMITS.includes(up) ? `; write :${up}` : `; use one of ${LIMITS.join(", ")}`;
        report({ range: at(op, t), message: `limit type ${name !== undefined ? `"${name}"` : t.kind} does not name an RLIMIT_ constant (NameError at start)${hint}` });
      }
      for (const arg of op.args.slice(1, 3)) {
        for (const v of known(arg)) {
          if (v.kind === "int" || v.kind === "float" || (v.kind === "sym" && (v.name === "unlimited" || v.name === "infinity"))) continue;
          report({ range: at(op, v), message: `limit value ${v.kind === "str" ? `"${v.value}"` : v.kind === "sym" ? `:${v.name}` : v.kind} is not a number (fails at start): use an Integer or :unlimited` });
        }
      }
    }
  },
};
