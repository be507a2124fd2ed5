import { rule } from "../../../src/rules/dsl/trailing-statement.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['x = 1\nHaconiwa.define do |c|\n  c.name = "a"\nend\n', 'conf = Haconiwa.define do |c|\n  c.name = "a"\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.name = "a"\nend\nputs "done"\n', errors: [{ message: /make Haconiwa\.define the last expression/, line: 4, column: 1, endLine: 4, endColumn: 12 }] },
  ],
});
