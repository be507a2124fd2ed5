import { rule } from "../../../src/rules/dsl/rlimit-setting.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.resource.set_limit :NOFILE, 1024, 4096\n  c.resource do |r|\n    r.set_limit "CPU", :infinity\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.resource.set_limit :nofile, 1024\nend\n', errors: [{ message: /write :NOFILE/, line: 2, column: 24, endLine: 2, endColumn: 31 }] },
    {
      code: 'Haconiwa.define do |c|\n  c.resource.set_limit :CPU, "10", :max\nend\n',
      errors: [
        { message: /"10" is not a number/, line: 2, column: 30, endLine: 2, endColumn: 34 },
        { message: /:max is not a number/, line: 2, column: 36, endLine: 2, endColumn: 40 },
      ],
    },
  ],
});
