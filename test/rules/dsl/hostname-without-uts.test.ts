import { rule } from "../../../src/rules/dsl/hostname-without-uts.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.hostname = "web"\n  c.namespace.unshare :uts\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.hostname = "web"\n  c.namespace.unshare "pid"\nend\n', errors: [{ message: /add c\.namespace\.unshare "uts"/, line: 2, column: 3, endLine: 2, endColumn: 21 }] },
  ],
});
