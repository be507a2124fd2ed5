import { rule } from "../../../src/rules/dsl/network-without-namespace.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.network.container_ip = "10.0.0.2"\n  c.network.namespace = "web"\nend\n', 'Haconiwa.define do |c|\n  c.network.bridge_name = "br0"\nend\n'],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.network.container_ip = "10.0.0.2"\nend\n', errors: [{ message: /set c\.network\.namespace/, line: 2, column: 3, endLine: 2, endColumn: 38 }] },
  ],
});
