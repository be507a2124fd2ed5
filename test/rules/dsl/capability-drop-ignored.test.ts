import { rule } from "../../../src/rules/dsl/capability-drop-ignored.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.capabilities.allow :all\n  c.capabilities.drop "cap_sys_admin"\nend\n',
    'Haconiwa.define do |c|\n  c.capabilities.reset_to_privileged!\n  c.capabilities.drop "cap_sys_module"\nend\n',
  ],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.capabilities.drop "cap_chown"\nend\n', errors: [{ message: /whitelist is in use/, line: 2, column: 3, endLine: 2, endColumn: 34 }] },
    {
      code: 'Haconiwa.define do |c|\n  c.capabilities.drop "cap_chown"\n  c.capabilities.reset_to_privileged!\nend\n',
      errors: [{ message: /cleared by a later reset_to_privileged!/, line: 2, column: 3, endLine: 2, endColumn: 34 }],
    },
  ],
});
