import { rule } from "../../../src/rules/dsl/duplicate-container-name.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |barn|\n  barn.name = "pool"\n  2.times do |i|\n    barn.define do |box|\n      box.name = "w-#{i}"\n    end\n  end\nend\n',
    'Haconiwa.define do |c|\n  c.name = "single"\nend\n',
  ],
  invalid: [
    {
      code: 'Haconiwa.define do |barn|\n  barn.name = "pool"\n  barn.define do |box|\n    box.name = "pool"\n  end\nend\n',
      errors: [{ message: /equals the barn's name/, line: 4, column: 16, endLine: 4, endColumn: 22 }],
    },
    {
      code: 'Haconiwa.define do |barn|\n  barn.define do |box|\n  end\nend\n',
      errors: [{ message: /first child sets no name/, line: 2, column: 8, endLine: 2, endColumn: 14 }],
    },
    {
      code: 'Haconiwa.define do |barn|\n  barn.define do |a|\n    a.name = "x"\n  end\n  barn.define do |b|\n    b.name = "x"\n  end\nend\n',
      errors: [{ message: /already used by a sibling/, line: 6, column: 14, endLine: 6, endColumn: 17 }],
    },
  ],
});
