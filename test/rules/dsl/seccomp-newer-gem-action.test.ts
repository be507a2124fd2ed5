import { rule } from "../../../src/rules/dsl/seccomp-newer-gem-action.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.seccomp.filter(default: :allow) do |r|\n    r.kill :ptrace\n    r.trap :socket\n  end\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.seccomp.filter(default: :log) do |r|\n    r.errno 1, :ptrace\n  end\nend\n',
      errors: [
        { message: /default action :log/, line: 2, column: 29, endLine: 2, endColumn: 33 },
        { message: /action errno exists only in the newer/, line: 3, column: 7, endLine: 3, endColumn: 12 },
      ],
    },
  ],
});
