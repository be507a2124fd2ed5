import { rule } from "../../../src/rules/dsl/bridge-address-before-name.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.network.bridge_name = "br1"\n  c.network.bridge_ip = "10.1.0.1"\n  c.network.netmask = "24"\nend\n'],
  invalid: [
    {
      code: 'Haconiwa.define do |c|\n  c.network.netmask = "24"\n  c.network.bridge_name = "br1"\nend\n',
      errors: [{ message: /netmask= is overwritten by bridge_name= on line 3/, line: 2, column: 3, endLine: 2, endColumn: 27 }],
    },
  ],
});
