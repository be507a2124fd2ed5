import { rule } from "../../../src/rules/dsl/unknown-bootstrap-strategy.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.bootstrap do |b|\n    b.strategy = :debootstrap\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.bootstrap do |b|\n    b.strategy = "docker"\n  end\nend\n', errors: [{ message: /"docker" is unknown/, line: 3, column: 18, endLine: 3, endColumn: 26 }] },
  ],
});
