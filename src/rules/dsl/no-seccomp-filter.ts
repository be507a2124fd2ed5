import type { Rule } from "../rule.js";
import { containerLabel, runnable } from "../helpers.js";

/** Without a seccomp filter every syscall reaches the host kernel (harm: escape). */
export const rule: Rule = {
  meta: {
    id: "no-seccomp-filter",
    class: "hardening",
    suexec: [],
    harm: ["escape"],
    severity: "info",
    fixable: false,
    docs: {
      summary: "Consider a seccomp filter to narrow the kernel interface.",
      details: "Haconiwa sets no seccomp filter by default, so the container can call every syscall, including rarely needed ones (`keyctl`, `bpf`, `ptrace`, `kexec_load`) that kernel exploits use.",
      fix: "Add `c.seccomp.filter(default: :allow) do |rule| rule.kill :ptrace ... end`, or an allow-list with `default: :kill`.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.name = "web"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.seccomp.filter(default: :allow) do |rule|\n    rule.kill :kexec_load\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      if (c.seccompDefault) continue;
      report({ range: c.defineNameRange, message: `${containerLabel(c)} has no seccomp filter, so every syscall reaches the kernel: add c.seccomp.filter(default: ...)` });
    }
  },
};
