import { rule } from "../../../src/rules/dsl/unknown-independent-mount.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  %w(procfs sysfs devtmpfs devpts shm).each { |m| c.mount_independent m }\n  c.mount_independent :procfs\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.mount_independent "proc"\nend\n', errors: [{ message: /did you mean "procfs"/, line: 2, column: 23, endLine: 2, endColumn: 29 }] },
    { code: 'Haconiwa.define do |c|\n  c.mount_independent :tmpfs\nend\n', errors: [{ message: /"tmpfs" is unsupported/, line: 2, column: 23, endLine: 2, endColumn: 29 }] },
  ],
});
