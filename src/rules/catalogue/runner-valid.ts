import type { Rule } from "../rule.js";
import { hostHasUid } from "../../host/host.js";
import { firstContainerRange } from "../helpers.js";

/** The invoking user must exist on the host (suEXEC 1). */
export const rule: Rule = {
  meta: {
    id: "runner-valid",
    class: "always-error",
    suexec: [1],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The invoking user and group must exist on the host.",
      details: "A uid without a passwd entry cannot be named in the audit log or matched against the allowed runners. With `--host`, hacolint checks the user running it; without it the rule is silent.",
      fix: "Start the runtime as a user that exists in the host's /etc/passwd.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, host, report }) {
    if (host && !hostHasUid(host, host.runner.uid)) report({ range: firstContainerRange(model), message: `runner uid ${host.runner.uid} has no entry in the host's /etc/passwd` });
  },
};
