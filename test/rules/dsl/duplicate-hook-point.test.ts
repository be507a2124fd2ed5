import { rule } from "../../../src/rules/dsl/duplicate-hook-point.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.add_general_hook :after_fork do |b|\n  end\n  c.add_general_hook :before_chroot do |b|\n  end\nend\n'],
  invalid: [
    {
      // a Symbol and a String name the same point
      code: 'Haconiwa.define do |c|\n  c.add_general_hook :after_fork do |b|\n  end\n  c.add_general_hook "after_fork" do |b|\n  end\nend\n',
      errors: [{ message: /replaced by the one on line 4/, line: 2, column: 5, endLine: 2, endColumn: 21 }],
    },
  ],
});
