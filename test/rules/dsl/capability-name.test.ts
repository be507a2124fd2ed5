import { rule } from "../../../src/rules/dsl/capability-name.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.capabilities.allow :all\n  c.capabilities.drop "cap_sys_admin", "CAP_SYS_MODULE", "21"\nend\n',
    'Haconiwa.define do |c|\n  c.capabilities.allow "cap_audit_read", "cap_kill,"\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.capabilities.allow "sys_chroot", "all", "cap_bpf"\nend\n',
      errors: [
        { message: /cap_ prefix is missing/, line: 2, column: 24, endLine: 2, endColumn: 36 },
        { message: /Symbol :all/, line: 2, column: 38, endLine: 2, endColumn: 43 },
        { message: /newer than libcap 2\.25/, line: 2, column: 45, endLine: 2, endColumn: 54 },
      ],
    },
    {
      code: 'Haconiwa.define do |c|\n  c.capabilities.drop :cap_kill, :all\nend\n',
      errors: [
        { message: /:cap_kill is a Symbol.*write "cap_kill"/, line: 2, column: 23, endLine: 2, endColumn: 32 },
        { message: /first argument of allow/, line: 2, column: 34, endLine: 2, endColumn: 38 },
      ],
    },
    { code: 'Haconiwa.define do |c|\n  c.capabilities.allow 99\nend\n', errors: [{ message: /must be Strings, not int/, line: 2, column: 24, endLine: 2, endColumn: 26 }] },
  ],
});
