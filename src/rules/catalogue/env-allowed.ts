import type { Rule } from "../rule.js";
import { asString, possibilities } from "../../model/values.js";
import { containerLabel, origins, runnable } from "../helpers.js";

/** Every environment variable handed to init must be in the allowed list (suEXEC 19). */
export const rule: Rule = {
  meta: {
    id: "env-allowed",
    class: "selectable",
    suexec: [19],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "Every environment variable handed to init must be in the allowed list.",
      details:
        "`environ=` is the entire environment of init. Variables such as `LD_PRELOAD`, `BASH_ENV` or `RUBYOPT` let whoever sets them run code inside the container as its user; " +
        "`ENV.to_hash` hands over the whole environment of the process that started the runtime. Only names in the policy's `allowedEnv` may be passed.",
      fix: "Remove the variable, or add its name to `policy.allowedEnv` after checking that it cannot change what init runs.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.environ = { "PATH" => "/bin", "LD_PRELOAD" => "/tmp/x.so" }\nend\n', 'Haconiwa.define do |c|\n  c.environ = ENV.to_hash\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.environ = { "PATH" => "/usr/bin:/bin", "LANG" => "C.UTF-8" }\nend\n'],
      },
    },
  },
  check({ model, policy, report }) {
    const allowed = new Set(policy.allowedEnv);
    for (const c of runnable(model)) {
      if (!c.environ) continue;
      for (const env of possibilities(c.environ.value)) {
        if (env.kind === "unknown" && env.source === "env") {
          report({ range: env.range, message: `${containerLabel(c)} passes the host environment (${env.reason}) to init: list the allowed variables explicitly`, related: origins(env) });
          continue;
        }
        if (env.kind !== "hash") continue;
        for (const { key } of env.entries) {
          const name = asString(key);
          if (name === undefined || allowed.has(name)) continue;
          report({ range: key.range, message: `environment variable ${name} is not in the allowed list (${policy.allowedEnv.join(", ") || "empty"})`, related: origins(key) });
        }
      }
    }
  },
};
