import { rule } from "../../../src/rules/dsl/enter-without-path.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.namespace.enter "net", via: "/var/run/netns/a"\nend\n',
    'Haconiwa.define do |c|\n  c.namespace.enter "ipc", "/proc/1/ns/ipc"\nend\n',
  ],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.namespace.enter "net"\nend\n', errors: [{ message: /add via:/, line: 2, column: 3, endLine: 2, endColumn: 26 }] },
    { code: 'Haconiwa.define do |c|\n  c.namespace.enter "uts", persist_in: "/x"\nend\n', errors: [{ line: 2, column: 3, endLine: 2, endColumn: 44 }] },
  ],
});
