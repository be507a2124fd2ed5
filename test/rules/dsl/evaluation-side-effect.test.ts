import { rule } from "../../../src/rules/dsl/evaluation-side-effect.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.init_command = ["/bin/echo", "system"]\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  system "mkdir -p /r"\n  c.hostname = `hostname`\nend\n',
      errors: [
        { message: /`system` runs while the Hacofile is evaluated/, line: 2, column: 3, endLine: 2, endColumn: 23 },
        { message: /backtick command runs on the host/, line: 3, column: 16, endLine: 3, endColumn: 26 },
      ],
    },
  ],
});
