import { rule } from "../../../src/rules/dsl/unknown-signal-handler.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.add_signal_handler :USR1 do |b|\n  end\n  c.add_handler "TTOU" do |b|\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.add_signal_handler :HUP do |b|\n  end\nend\n', errors: [{ message: /only USR1, USR2, TTIN, TTOU/, line: 2, column: 24, endLine: 2, endColumn: 28 }] },
    { code: 'Haconiwa.define do |c|\n  c.add_handler "SIGUSR2" do |b|\n  end\nend\n', errors: [{ message: /write :USR2/, line: 2, column: 17, endLine: 2, endColumn: 26 }] },
  ],
});
