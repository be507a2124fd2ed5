import { rule } from "../../../src/rules/dsl/init-command-type.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.init_command = ["/bin/sleep", "30"]\n  c.init_command = "/usr/sbin/nginx"\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.init_command = ["/bin/sleep", 30]\nend\n', errors: [{ message: /element 30 is not a String/, line: 2, column: 35, endLine: 2, endColumn: 37 }] },
  ],
});
