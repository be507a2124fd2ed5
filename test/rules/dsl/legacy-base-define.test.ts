import { rule } from "../../../src/rules/dsl/legacy-base-define.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.name = "a"\nend\n'],
  invalid: [
    // the range is the `define` name token of Haconiwa::Base.define
    { code: 'Haconiwa::Base.define do |c|\n  c.name = "a"\nend\n', errors: [{ message: /use Haconiwa\.define/, line: 1, column: 16, endLine: 1, endColumn: 22 }] },
  ],
});
