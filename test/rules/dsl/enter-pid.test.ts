import { rule } from "../../../src/rules/dsl/enter-pid.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.namespace.unshare "pid"\n  c.namespace.enter "net", via: "/var/run/netns/a"\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.namespace.enter :pid, via: "/proc/1/ns/pid"\nend\n', errors: [{ message: /unshare "pid" instead/, line: 2, column: 21, endLine: 2, endColumn: 25 }] },
  ],
});
