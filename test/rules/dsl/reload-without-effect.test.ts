import { rule } from "../../../src/rules/dsl/reload-without-effect.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.daemonize!\n  c.support_reload :resource\n  c.resource do |r|\n    r.set_limit :CPU, 10\n  end\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.support_reload :cgroup\n  c.cgroup do |cg|\n    cg["pids.max"] = 1\n  end\nend\n', errors: [{ message: /without daemon mode/, line: 2, column: 3, endLine: 2, endColumn: 27 }] },
    {
      code: 'Haconiwa.define do |c|\n  c.daemonize!\n  c.support_reload :cgroup, :resource\n  c.cgroup["pids.max"] = 1\nend\n',
      errors: [
        { message: /:cgroup has nothing to reload/, line: 3, column: 3, endLine: 3, endColumn: 38 },
        { message: /:resource has nothing to reload/, line: 3, column: 3, endLine: 3, endColumn: 38 },
      ],
    },
  ],
});
