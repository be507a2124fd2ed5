import { rule } from "../../../src/rules/dsl/environ-type.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.environ = { "A" => "1", "PATH" => "/bin" }\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.environ = { lang: "C", "N" => 4 }\nend\n',
      errors: [
        { message: /key :lang is not a String/, line: 2, column: 17, endLine: 2, endColumn: 21 },
        { message: /value 4 is not a String/, line: 2, column: 35, endLine: 2, endColumn: 36 },
      ],
    },
  ],
});
