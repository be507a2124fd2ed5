import { rule } from "../../../src/rules/dsl/missing-pid-namespace.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.namespace.unshare :pid\nend\n',
    // the namespace flags are shared: a barn-level unshare covers every child
    'Haconiwa.define do |barn|\n  barn.namespace.unshare "pid"\n  barn.define do |box|\n    box.name = "a"\n  end\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |config|\n    config.name = "web"\nend\n',
      errors: [{ message: /add config\.namespace\.unshare "pid"/, line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output: 'Haconiwa.define do |config|\n    config.namespace.unshare "pid"\n    config.name = "web"\nend\n',
    },
    {
      name: "indented define with a trailing comment; empty body falls back to two spaces",
      code: 'if true\n  Haconiwa.define do |c| # web\n  end\nend\n',
      errors: [{ line: 2, column: 12, endLine: 2, endColumn: 18 }],
      output: 'if true\n  Haconiwa.define do |c| # web\n    c.namespace.unshare "pid"\n  end\nend\n',
    },
    {
      name: "brace block: reported without a fix",
      code: 'Haconiwa.define { |c| c.name = "web" }\n',
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output: null,
    },
  ],
});

ruleTester(rule).run({
  valid: ['Haconiwa.define do |c|\n  c.namespace.enter "pid", via: "/proc/1/ns/pid"\nend\n'],
  invalid: [
    {
      name: "two children: one finding and one insertion in the barn's block",
      code: 'Haconiwa.define do |barn|\n  barn.define do |a|\n    a.name = "a"\n  end\n  barn.define do |b|\n    b.name = "b"\n  end\nend\n',
      errors: [{ message: /containers of this barn share/, line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output: 'Haconiwa.define do |barn|\n  barn.namespace.unshare "pid"\n  barn.define do |a|\n    a.name = "a"\n  end\n  barn.define do |b|\n    b.name = "b"\n  end\nend\n',
    },
  ],
});
