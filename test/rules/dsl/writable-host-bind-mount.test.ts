import { rule } from "../../../src/rules/dsl/writable-host-bind-mount.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.add_mount_point "/srv", to: "/r/srv", readonly: true\n  c.add_mount_point "tmpfs", to: "/r/tmp", fs: "tmpfs"\n  c.add_mount_point "rel", to: "/r/rel"\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.add_mount_point "/srv/data", to: "/r/data"\nend\n',
      errors: [{ message: /\/srv\/data is bind-mounted writable/, line: 2, column: 21, endLine: 2, endColumn: 32 }],
      output: 'Haconiwa.define do |c|\n  c.add_mount_point "/srv/data", to: "/r/data", readonly: true\nend\n',
    },
    {
      code: 'Haconiwa.define do |c|\n  c.add_mount_point("/srv", to: "/r/srv")\nend\n',
      errors: [{ line: 2, column: 21, endLine: 2, endColumn: 27 }],
      output: 'Haconiwa.define do |c|\n  c.add_mount_point("/srv", to: "/r/srv", readonly: true)\nend\n',
    },
    {
      name: "explicit readonly: false is reported but not rewritten",
      code: 'Haconiwa.define do |c|\n  c.add_mount_point "/srv", to: "/r/srv", readonly: false\nend\n',
      errors: [{ line: 2, column: 21, endLine: 2, endColumn: 27 }],
      output: null,
    },
  ],
});
