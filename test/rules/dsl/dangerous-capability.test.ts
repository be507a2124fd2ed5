import { rule } from "../../../src/rules/dsl/dangerous-capability.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.capabilities.allow "cap_net_bind_service", "cap_sys_chroot"\n  c.capabilities.drop "cap_sys_admin"\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.capabilities.allow "CAP_SYS_ADMIN", "cap_sys_module"\nend\n',
      errors: [
        { message: /^cap_sys_admin mount/, line: 2, column: 24, endLine: 2, endColumn: 39 },
        { message: /^cap_sys_module loads kernel modules/, line: 2, column: 41, endLine: 2, endColumn: 57 },
      ],
    },
  ],
});
