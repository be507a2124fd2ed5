import { rule } from "../../../src/rules/dsl/no-seccomp-filter.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.seccomp.filter(default: :allow) do |r|\n    r.kill :bpf\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.name = "web"\nend\n', errors: [{ message: /container "web" has no seccomp filter/, line: 1, column: 10, endLine: 1, endColumn: 16 }] },
    {
      code: 'Haconiwa.define do |barn|\n  barn.define do |box|\n    box.name = "a"\n  end\nend\n',
      errors: [{ message: /container "a"/, line: 2, column: 8, endLine: 2, endColumn: 14 }],
    },
  ],
});
