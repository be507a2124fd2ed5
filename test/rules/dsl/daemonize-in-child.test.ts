import { rule } from "../../../src/rules/dsl/daemonize-in-child.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |barn|\n  barn.daemonize!\n  barn.define do |box|\n    box.name = "a"\n  end\nend\n', 'Haconiwa.define do |c|\n  c.daemonize!\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |barn|\n  barn.define do |box|\n    box.name = "a"\n    box.daemonize!\n  end\nend\n', errors: [{ message: /call it on the barn/, line: 4, column: 5, endLine: 4, endColumn: 19 }] },
  ],
});
