import { rule } from "../../../src/rules/dsl/devtmpfs-mount.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.mount_independent "devpts"\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.mount_independent :devtmpfs\nend\n', errors: [{ message: /host's device nodes/, line: 2, column: 23, endLine: 2, endColumn: 32 }] },
  ],
});
