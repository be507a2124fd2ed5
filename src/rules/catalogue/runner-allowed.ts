import type { Rule } from "../rule.js";
import { parseIdFile } from "../../host/host.js";
import { firstContainerRange } from "../helpers.js";

/** The real user invoking the runtime must be in the allowed-runners list (suEXEC 3). */
export const rule: Rule = {
  meta: {
    id: "runner-allowed",
    class: "selectable",
    suexec: [3],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The real user who invokes the runtime must be in the allowed-runners list.",
      details:
        "suEXEC only runs for the web server's user. Here `policy.allowedRunners` lists user names or uids (an empty list allows root only); names are resolved to uids through the host's `/etc/passwd` and compared numerically. " +
        "With `--host`, hacolint checks the user running it, as a preview of who may start this container; without it the rule is silent.",
      fix: "Run the runtime as an allowed user, or add the daemon's user to `policy.allowedRunners`.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, policy, host, report }) {
    if (!host) return;
    const uid = host.runner.uid;
    const passwd = parseIdFile(host.readFile("/etc/passwd", 4 << 20) ?? "", 7);
    const allowed = policy.allowedRunners.length === 0 ? [0] : policy.allowedRunners.map((r) => (typeof r === "number" ? r : passwd.find((e) => e.name === r)?.id ?? -1));
    if (!allowed.includes(uid)) report({ range: firstContainerRange(model), message: `runner uid ${uid} is not in the allowed runners (${policy.allowedRunners.join(", ") || "root only"})` });
  },
};
