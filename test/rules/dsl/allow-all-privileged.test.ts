import { rule } from "../../../src/rules/dsl/allow-all-privileged.js";
import { ruleTester } from "../tester.js";

const DEFAULTS = '"cap_audit_read", "cap_chown", "cap_dac_override", "cap_fowner", "cap_fsetid", "cap_net_bind_service", "cap_net_raw", "cap_setgid", "cap_setfcap", "cap_setpcap", "cap_setuid"';

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.capabilities.allow :all\n  c.capabilities.drop "cap_sys_admin"\nend\n',
    'Haconiwa.define do |c|\n  c.capabilities.allow :all\n  c.capabilities.allow "cap_kill"\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.capabilities.allow :all\nend\n',
      errors: [{ message: /allow :all without any drop/, line: 2, column: 3, endLine: 2, endColumn: 28 }],
      output: `Haconiwa.define do |c|\n  c.capabilities.allow ${DEFAULTS}\nend\n`,
    },
    {
      // reset_to_privileged! is reported but has nothing to rewrite
      code: 'Haconiwa.define do |c|\n  c.capabilities.reset_to_privileged!\nend\n',
      errors: [{ message: /reset_to_privileged! without any drop/, line: 2, column: 3, endLine: 2, endColumn: 38 }],
      output: null,
    },
    {
      // two ways of emptying the whitelist: no fix, the intent is unclear
      code: 'Haconiwa.define do |c|\n  c.capabilities.reset_to_privileged!\n  c.capabilities.allow :all\nend\n',
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 28 }],
      output: null,
    },
  ],
});
