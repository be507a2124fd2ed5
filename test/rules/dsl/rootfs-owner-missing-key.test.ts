import { rule } from "../../../src/rules/dsl/rootfs-owner-missing-key.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.rootfs_owner uid: 1000, gid: 1000\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.rootfs_owner uid: 1000\nend\n', errors: [{ message: /without gid:/, line: 2, column: 3, endLine: 2, endColumn: 27 }] },
    { code: 'Haconiwa.define do |c|\n  c.rootfs_owner\nend\n', errors: [{ message: /without uid: or gid:/, line: 2, column: 3, endLine: 2, endColumn: 17 }] },
  ],
});
