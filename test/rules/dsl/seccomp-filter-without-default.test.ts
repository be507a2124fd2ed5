import { rule } from "../../../src/rules/dsl/seccomp-filter-without-default.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.seccomp.filter(default: :kill) do |r|\n    r.allow :execve\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.seccomp.filter do |r|\n    r.kill :ptrace\n  end\nend\n', errors: [{ message: /add default:/, line: 2, column: 13, endLine: 2, endColumn: 19 }] },
    { code: 'Haconiwa.define do |c|\n  c.seccomp.filter(default: nil) do |r|\n  end\nend\n', errors: [{ line: 2, column: 13, endLine: 2, endColumn: 19 }] },
  ],
});
