import { rule } from "../../../src/rules/dsl/barn-setting-after-child.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |barn|\n  barn.chroot_to "/r"\n  barn.define do |box|\n    box.name = "a"\n  end\n  barn.namespace.unshare "pid"\n  barn.daemonize!\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |barn|\n  barn.define do |box|\n    box.name = "a"\n  end\n  barn.init_command = ["/bin/true"]\nend\n',
      errors: [{ message: /after barn\.define on line 2; that child does not see it/, line: 5, column: 3, endLine: 5, endColumn: 36 }],
    },
  ],
});
