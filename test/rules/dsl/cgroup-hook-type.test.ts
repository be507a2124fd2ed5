import { rule } from "../../../src/rules/dsl/cgroup-hook-type.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.add_cgroup_hook type: "oom" do |b|\n  end\n  c.add_cgroup_hook type: :memory_pressure, level: "low" do |b|\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.add_cgroup_hook type: :memory do |b|\n  end\nend\n', errors: [{ message: /"memory" is unknown/, line: 2, column: 27, endLine: 2, endColumn: 34 }] },
    { code: 'Haconiwa.define do |c|\n  c.add_cgroup_hook level: "low" do |b|\n  end\nend\n', errors: [{ message: /without type:/, line: 2, column: 3, endLine: 3, endColumn: 6 }] },
  ],
});
