import { rule } from "../../../src/rules/dsl/mapping-missing-key.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\n  c.namespace.set_gid_mapping(min: 0, max: 1, offset: 5)\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, offset: 100000\nend\n', errors: [{ message: /missing max:/, line: 2, column: 3, endLine: 2, endColumn: 53 }] },
    { code: 'Haconiwa.define do |c|\n  c.namespace.set_gid_mapping\nend\n', errors: [{ message: /missing min:, max:, offset:/, line: 2, column: 3, endLine: 2, endColumn: 30 }] },
  ],
});
