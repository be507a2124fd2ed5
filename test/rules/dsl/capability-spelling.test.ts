import { rule } from "../../../src/rules/dsl/capability-spelling.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.capabilities.allow "cap_sys_time", "sys_unknown"\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.capabilities.allow "CAP_SYS_TIME", \'25\'\nend\n',
      errors: [
        { message: /resolves to cap_sys_time/, line: 2, column: 24, endLine: 2, endColumn: 38 },
        { message: /"25" resolves to cap_sys_time/, line: 2, column: 40, endLine: 2, endColumn: 44 },
      ],
      output: 'Haconiwa.define do |c|\n  c.capabilities.allow "cap_sys_time", "cap_sys_time"\nend\n',
    },
    {
      // through a variable: reported, but not rewritten
      code: 'name = "Cap_Kill"\nHaconiwa.define do |c|\n  c.capabilities.drop name\nend\n',
      errors: [{ message: /write "cap_kill"/, line: 3, column: 23, endLine: 3, endColumn: 27 }],
      output: null,
    },
  ],
});
