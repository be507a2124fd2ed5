import { rule } from "../../../src/rules/dsl/no-define.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.name = "x"\nend\n', "x = 1 +\n"],
  invalid: [
    { code: "", errors: [{ message: /no container is defined/, line: 1, column: 1, endLine: 1, endColumn: 1 }] },
    { code: 'puts "hi"\n', errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1 }] },
    { code: "Haconiwa.define\n", errors: [{ message: /without a block/, line: 1, column: 10, endLine: 1, endColumn: 16 }] },
  ],
});
