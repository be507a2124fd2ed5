import { rule } from "../../../src/rules/dsl/chroot-without-mount-namespace.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.chroot_to "/r"\n  c.mount_independent "procfs"\nend\n',
    'Haconiwa.define do |c|\n  c.chroot_to "/r"\n  c.filesystem.use_legacy_chroot = true\nend\n',
  ],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.chroot_to "/r"\n  c.namespace.unshare "pid"\nend\n', errors: [{ message: /unshare "mount"/, line: 2, column: 3, endLine: 2, endColumn: 19 }] },
  ],
});
