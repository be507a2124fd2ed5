import { rule } from "../../../src/rules/dsl/stdio-without-daemon.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.command.set_stderr file: "/e"\n  c.daemonize!\nend\n',
    'Haconiwa.define do |barn|\n  barn.define do |box|\n    box.name = "a"\n    box.command.set_stdout file: "/o"\n  end\n  barn.daemonize!\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.command.set_stdout file: "/o"\n  c.command.set_stdin file: "/i"\nend\n',
      errors: [
        { message: /set_stdout is ignored without daemon mode/, line: 2, column: 3, endLine: 2, endColumn: 34 },
        { message: /set_stdin is ignored/, line: 3, column: 3, endLine: 3, endColumn: 33 },
      ],
    },
  ],
});
