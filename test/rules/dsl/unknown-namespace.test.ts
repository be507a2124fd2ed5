import { rule } from "../../../src/rules/dsl/unknown-namespace.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.namespace.unshare "mount"\n  c.namespace.unshare :pid\n  c.namespace.unshare 0x20000\n  c.namespace.enter "net", via: "/var/run/netns/a"\nend\n',
    'Haconiwa.define do |c|\n  %w(ipc uts).each do |ns|\n    c.namespace.unshare ns\n  end\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.namespace.unshare "mnt"\nend\n',
      errors: [{ message: /"mnt" is not known.*did you mean "mount"/, line: 2, column: 23, endLine: 2, endColumn: 28 }],
    },
    {
      code: 'Haconiwa.define do |c|\n  c.namespace.enter :cgroup, via: "/proc/1/ns/cgroup"\nend\n',
      errors: [{ message: /"cgroup" is not known/, line: 2, column: 21, endLine: 2, endColumn: 28 }],
    },
    {
      // the value flows through a variable: reported where the variable is used
      code: 'ns = "network"\nHaconiwa.define do |c|\n  c.namespace.unshare ns\nend\n',
      errors: [{ message: /did you mean "net"/, line: 3, column: 23, endLine: 3, endColumn: 25 }],
    },
  ],
});
