import { rule } from "../../../src/rules/dsl/root-without-user-namespace.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.uid = 1000\nend\n',
    'Haconiwa.define do |c|\n  c.namespace.unshare "user"\nend\n',
  ],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.uid = "0"\nend\n', errors: [{ message: /as the host's root/, line: 2, column: 3, endLine: 2, endColumn: 14 }] },
    { code: 'Haconiwa.define do |c|\n  c.name = "web"\nend\n', errors: [{ message: /container "web" runs as uid 0/, line: 1, column: 10, endLine: 1, endColumn: 16 }] },
  ],
});
