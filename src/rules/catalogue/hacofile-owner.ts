import type { Rule } from "../rule.js";
import { writableByOthers } from "../../host/host.js";
import { firstContainerRange } from "../helpers.js";

/** The Hacofile must be owned by the runtime binary's owner and writable by nobody else (suEXEC 2). */
export const rule: Rule = {
  meta: {
    id: "hacofile-owner",
    class: "selectable",
    suexec: [2],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The Hacofile must be owned by the runtime binary's owner (and group) and writable only by it.",
      details:
        "A Hacofile is Ruby that a privileged runtime evaluates with its own privileges. Whoever can write it runs code as root. " +
        "This is upstream Haconiwa's `HACONIWA_SECURE_RUN` check, made strict: the file itself (not a symlink to it), owner and group equal to the runtime binary's, no group/other write bit. " +
        "It needs the host: run `hacolint --host` (optionally `--runtime /path/to/haconiwa`); without it the rule is silent.",
      fix: "`chown root:root` the Hacofile (or the runtime binary's owner) and `chmod go-w` it; replace a symlink by the file.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, host, report }) {
    if (!host) return;
    const facts = host.lstat(host.hacofile);
    const range = firstContainerRange(model);
    if (!facts) return;
    if (facts.kind === "symlink") report({ range, message: `${host.hacofile} is a symlink: the runtime opens Hacofiles with O_NOFOLLOW` });
    else if (facts.uid !== host.runtimeOwner.uid || facts.gid !== host.runtimeOwner.gid) {
      report({ range, message: `${host.hacofile} is owned by ${facts.uid}:${facts.gid}, not by the runtime's owner ${host.runtimeOwner.uid}:${host.runtimeOwner.gid}` });
    } else if (writableByOthers(facts)) report({ range, message: `${host.hacofile} is writable by group or others (mode ${facts.mode.toString(8)})` });
  },
};
