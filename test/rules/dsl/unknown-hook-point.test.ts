import { rule } from "../../../src/rules/dsl/unknown-hook-point.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.add_general_hook :before_start_wait do |b|\n  end\n  c.add_general_hook "teardown_container" do |b|\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.add_general_hook :before_start do |b|\n  end\nend\n', errors: [{ message: /did you mean :before_start_wait/, line: 2, column: 22, endLine: 2, endColumn: 35 }] },
    { code: 'Haconiwa.define do |c|\n  c.add_general_hook "on_exit" do |b|\n  end\nend\n', errors: [{ message: /"on_exit" is unknown/, line: 2, column: 22, endLine: 2, endColumn: 31 }] },
  ],
});
