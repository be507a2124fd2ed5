import { rule } from "../../../src/rules/dsl/bookkeeping-assignment.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.name = "a"\n  c.container_pid_file = "/run/a.pid"\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.pid = 1\n  c.general_hooks = {}\nend\n',
      errors: [
        { message: /pid is runtime bookkeeping/, line: 2, column: 3, endLine: 2, endColumn: 12 },
        { message: /general_hooks is runtime bookkeeping/, line: 3, column: 3, endLine: 3, endColumn: 23 },
      ],
    },
  ],
});
