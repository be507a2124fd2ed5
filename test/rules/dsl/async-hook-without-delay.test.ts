import { rule } from "../../../src/rules/dsl/async-hook-without-delay.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.add_async_hook sec: 3 do |b|\n  end\n  c.after_spawn hour: 1, interval_msec: 10 do |b|\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.add_async_hook interval_msec: 100 do |b|\n  end\nend\n', errors: [{ message: /add the first delay/, line: 2, column: 3, endLine: 3, endColumn: 6 }] },
  ],
});
