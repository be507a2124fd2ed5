import { rule } from "../../../src/rules/dsl/id-name-host-lookup.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.uid = 1000\n  c.gid = "1000"\n  c.groups = [27, 100]\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.uid = "www-data"\n  c.groups = ["100", 5]\nend\n',
      errors: [
        { message: /resolved as a user name on the host/, line: 2, column: 11, endLine: 2, endColumn: 21 },
        { message: /"100" is resolved as a group name/, line: 3, column: 15, endLine: 3, endColumn: 20 },
      ],
    },
  ],
});
