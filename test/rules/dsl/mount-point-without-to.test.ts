import { rule } from "../../../src/rules/dsl/mount-point-without-to.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.add_mount_point "tmpfs", to: "/r/tmp", fs: "tmpfs"\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.add_mount_point "tmpfs", fs: "tmpfs"\nend\n', errors: [{ message: /add to:/, line: 2, column: 3, endLine: 2, endColumn: 41 }] },
    { code: 'Haconiwa.define do |c|\n  c.add_mount_point "/srv"\nend\n', errors: [{ line: 2, column: 3, endLine: 2, endColumn: 27 }] },
  ],
});
