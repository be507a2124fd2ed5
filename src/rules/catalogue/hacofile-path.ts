import picomatch from "picomatch";
import type { Rule } from "../rule.js";
import { firstContainerRange } from "../helpers.js";

/** The Hacofile's real path must match an allowed pattern (suEXEC 2). */
export const rule: Rule = {
  meta: {
    id: "hacofile-path",
    class: "selectable",
    suexec: [2],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "The Hacofile's real path must match one of the allowed path patterns.",
      details:
        "The runtime should only evaluate Hacofiles from directories the operator controls. The real path (symlinks resolved) is matched against `policy.hacofilePatterns`; `*` never crosses `/` and never matches a leading dot. " +
        "It needs the host: run `hacolint --host`; without it the rule is silent.",
      fix: "Move the Hacofile into an allowed directory, or add a pattern for its directory to `policy.hacofilePatterns`.",
      examples: { invalid: [], valid: ['Haconiwa.define do |c|\nend\n'] },
    },
  },
  check({ model, policy, host, report }) {
    if (!host) return;
    const real = host.realpath(host.hacofile);
    if (!real) return;
    const match = picomatch(policy.hacofilePatterns, { dot: false });
    if (!policy.hacofilePatterns.length || !match(real)) {
      report({ range: firstContainerRange(model), message: `Hacofile path ${real} matches none of the allowed patterns (${policy.hacofilePatterns.join(", ") || "none configured"})` });
    }
  },
};
