import { rule } from "../../../src/rules/dsl/cgroup-key-without-dot.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.cgroup["cpu.shares"] = 512\n  c.cgroup(:v2) do |cg|\n    cg["io.max"] = "8:0 rbps=1048576"\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.cgroup["shares"] = 512\nend\n', errors: [{ message: /"shares" has no dot/, line: 2, column: 12, endLine: 2, endColumn: 20 }] },
    { code: 'Haconiwa.define do |c|\n  c.cgroup(:v2) do |cg|\n    cg["max"] = "1"\n  end\nend\n', errors: [{ message: /"max" has no dot/, line: 3, column: 8, endLine: 3, endColumn: 13 }] },
  ],
});
