import { rule } from "../../../src/rules/dsl/mapping-max-is-count.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\n  c.namespace.set_gid_mapping min: 0, max: 1, offset: 1000\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.namespace.set_uid_mapping min: 0, max: 65535, offset: 100000\n  c.namespace.set_gid_mapping min: 1000, max: 1999, offset: 200000\nend\n',
      errors: [
        { message: /maps ids 0\.\.65534; to end at 65535 write max: 65536/, line: 2, column: 44, endLine: 2, endColumn: 49 },
        { message: /maps ids 1000\.\.2998; to end at 1999 write max: 1000/, line: 3, column: 47, endLine: 3, endColumn: 51 },
      ],
    },
  ],
});
