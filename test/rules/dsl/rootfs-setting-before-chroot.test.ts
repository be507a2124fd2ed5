import { rule } from "../../../src/rules/dsl/rootfs-setting-before-chroot.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.chroot_to "/r"\n  c.rootfs_owner uid: 1, gid: 1\n  c.filesystem.rootfs.readonly = false\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.rootfs_owner uid: 1, gid: 1\n  c.rootfs.readonly = false\n  c.chroot_to "/r"\nend\n',
      errors: [
        { message: /rootfs_owner is reset by the chroot_to on line 4/, line: 2, column: 3, endLine: 2, endColumn: 32 },
        { message: /rootfs\.readonly= is reset/, line: 3, column: 3, endLine: 3, endColumn: 28 },
      ],
    },
  ],
});
