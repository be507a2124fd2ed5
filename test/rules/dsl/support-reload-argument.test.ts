import { rule } from "../../../src/rules/dsl/support-reload-argument.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.support_reload :cgroup, :resource\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.support_reload "cgroup", :memory\nend\n', errors: [
      { message: /write :cgroup/, line: 2, column: 20, endLine: 2, endColumn: 28 },
      { message: /only :cgroup and :resource/, line: 2, column: 30, endLine: 2, endColumn: 37 },
    ] },
  ],
});
