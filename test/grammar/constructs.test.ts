// Every construct of hacofile-dsl.md §8.2/§8.3 (issue 2 §2): AST shape as an S-expression.
// Ranges are asserted in ranges.test.ts; recovery and unsupported constructs in their own files.
import { describe, expect, it } from "vitest";
import { parseRuby } from "../../grammar/parser.js";
import type { CallNode, StrNode } from "../../src/ast/nodes.js";
import { clean, tree } from "./helpers.js";

describe("heredocs", () => {
  it("<<- with more arguments after the opener and an indented terminator", () => {
    expect(tree('p.run_shell <<-SHELL, name: "x"\n  apt-get install -y curl\n  SHELL\nnext_stmt')).toBe(
      '((p).run_shell (str:heredoc "  apt-get install -y curl\\n"), {{:name: (str "x")}}); (next_stmt)',
    );
  });

  it("<<~ removes the common indentation and keeps deeper indentation", () => {
    expect(tree("x = <<~EOS\n    a\n      b\n    EOS\n")).toBe('(= x (str:heredoc "a\\n  b\\n"))');
  });

  it("plain << needs the terminator at column 1", () => {
    expect(tree("x = <<EOS\n  EOS\nEOS\ny")).toBe('(= x (str:heredoc "  EOS\\n")); (y)');
  });

  it("interpolation in the body, including a paren-less call with a string argument", () => {
    expect(tree("p.run <<-SH\n  install #{deps.join ' '} now\n  SH\n")).toBe(
      '((p).run (str:heredoc "  install " #{((deps).join (str:\' " "))} " now\\n"))',
    );
  });

  it("quoted openers: single quotes make the body raw, double quotes interpolate", () => {
    expect(tree("a = <<-'RAW'\n  #{x}\\n\n  RAW\n")).toBe('(= a (str:heredoc "  #{x}\\\\n\\n"))');
    expect(tree('b = <<~"COOKED"\n  v#{1}\n  COOKED\n')).toBe('(= b (str:heredoc "v" #{1} "\\n"))');
  });

  it("two heredocs on one line take consecutive bodies", () => {
    expect(tree("f <<-A, <<-B\none\nA\ntwo\nB\ng")).toBe('(f (str:heredoc "one\\n"), (str:heredoc "two\\n")); (g)');
  });

  it("<< after a value is a shift, not a heredoc", () => {
    expect(tree("x = 1\ny = x << 2")).toBe("(= x 1); (= y (<< x 2))");
  });

  it("an unterminated heredoc is a syntax error at its opener", () => {
    const r = parseRuby("foo <<-EOS\n  never closed\n");
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ kind: "syntax-error", message: "heredoc <<-EOS has no terminator line" });
    expect(r.diagnostics[0].range.start).toEqual({ offset: 4, line: 1, column: 5 });
  });
});

describe("strings and interpolation", () => {
  it("interpolation holding a ternary with ==, and **", () => {
    expect(tree('"a-#{m == "d" ? "x" : "y"}-#{2 ** 4}"')).toBe(
      '(str "a-" #{(if:ternary (== (m) (str "d")) [(str "x")] [(str "y")])} "-" #{(** 2 4)})',
    );
  });

  it("nested strings inside interpolation", () => {
    expect(tree('"#{"in#{"most"}"}"')).toBe('(str #{(str "in" #{(str "most")})})');
  });

  it("locals assigned before a string are locals inside its interpolation", () => {
    expect(tree('v = 1\n"#{v}"')).toBe('(= v 1); (str #{v})');
  });

  it("# inside strings is not a comment; escaped quotes and backticks stay in the string", () => {
    const r = clean('x = "#test \\"q\\" `b`" # real comment\n');
    expect((r.program.body[0] as { value: StrNode }).value.parts).toMatchObject([{ kind: "text", value: '#test "q" `b`' }]);
    expect(r.comments.map((c) => c.text)).toEqual(["# real comment"]);
  });

  it("ERB tags stay verbatim inside string literals", () => {
    expect(tree('c.hostname = "<%= name %>-<%- 1 %>"')).toBe('(= ((c).hostname) (str "<%= name %>-<%- 1 %>"))');
  });

  it("single quotes keep backslashes except before ' and \\", () => {
    expect(tree("'a\\nb\\'c'")).toBe("(str:' \"a\\\\nb'c\")");
  });

  it("adjacent literals concatenate", () => {
    expect(tree('"a" \'b\' "c"')).toBe('(str "a" "b" "c")');
  });

  it("backticks with interpolation and a trailing unless modifier", () => {
    expect(tree("rev = `git rev-parse #{ref}`.chomp unless ENV['NO_GIT']")).toBe(
      "(unless:modifier (index ENV (str:' \"NO_GIT\")) [(= rev ((xstr \"git rev-parse \" #{(ref)}).chomp))])",
    );
  });

  it("symbols, including quoted ones", () => {
    expect(tree(':v1; :"a b"; :ok?')).toBe(":v1; :a b; :ok?");
  });
});

describe("%w word arrays", () => {
  for (const [open, close] of [["(", ")"], ["[", "]"], ["{", "}"], ["<", ">"], ["|", "|"], ["!", "!"]]) {
    it(`%w${open}…${close} across lines`, () => {
      expect(tree(`deps = %w${open}\n  curl\n  git\n${close}`)).toBe('(= deps %w[(str:%w "curl"), (str:%w "git")])');
    });
  }

  it("followed by .each do |x| on the closing line", () => {
    expect(tree("%w(\n  a\n  b\n).each do |x|\n  use x\nend")).toBe(
      '(%w[(str:%w "a"), (str:%w "b")].each {x| (use x)})',
    );
  });
});

describe("calls", () => {
  it("paren-less call with labels continues after a trailing comma", () => {
    expect(tree("c.namespace.set_uid_mapping min: 0, max: 65536,\n  offset: 1000")).toBe(
      "(((c).namespace).set_uid_mapping {{:min: 0, :max: 65536, :offset: 1000}})",
    );
  });

  it("a trailing do binds to the outer paren-less command, not to its last argument", () => {
    const src = "c.add_async_hook msec: 2500, interval_msec: foo do |base|\n  base.x\nend";
    expect(tree(src)).toBe("((c).add_async_hook {{:msec: 2500, :interval_msec: (foo)}} {base| (base.x)})");
    expect(tree("c.cgroup :v1 do |cg|\nend")).toBe("((c).cgroup :v1 {cg| })");
  });

  it("a brace block binds to the nearest call", () => {
    expect(tree("(1..3).each { |i| i }")).toBe("((paren (1..3)).each {i| i})");
  });

  it("blocks with several parameters and without any", () => {
    expect(tree("c.hook do |b, sig|\n  sig\nend\nc.other do\nend")).toBe("((c).hook {b,sig| sig}); ((c).other {| })");
  });

  it("method names ending in ! and ?", () => {
    expect(tree("c.daemonize!\nFile.exist?('/x')")).toBe("((c).daemonize!); (File.exist?() (str:' \"/x\"))");
  });

  it("!__NAME__! placeholder parses as !(__NAME__!())", () => {
    expect(tree("c.name = !__NAME__!")).toBe("(= ((c).name) (! (__NAME__!)))");
  });

  it("`foo -1` is a call with a negative argument; `x -1` on a local is subtraction", () => {
    expect(tree("foo -1\nx = 2\nx -1\nfoo - 1")).toBe("(foo -1); (= x 2); (- x 1); (- (foo) 1)");
  });

  it("`foo [1]` passes an array; `foo[1]` indexes", () => {
    expect(tree("foo [1]\nfoo[1]")).toBe("(foo [1]); (index (foo) 1)");
  });

  it("hash rockets and brace hashes", () => {
    expect(tree('c.environ = { "PATH" => "/bin", LANG: "C" }')).toBe('(= ((c).environ) {(str "PATH") => (str "/bin"), :LANG: (str "C")})');
  });
});

describe("assignment", () => {
  it("chained attribute assignment", () => {
    expect(tree('c.network.veth_host = v = "veth0"')).toBe('(= (((c).network).veth_host) (= v (str "veth0")))');
  });

  it("||= on an index and on an ivar, += on an ivar", () => {
    expect(tree("ENV['X'] ||= 'y'\n@n ||= 0\n@n += 1")).toBe("(||= (index ENV (str:' \"X\")) (str:' \"y\")); (||= @n 0); (+= @n 1)");
  });

  it("index reads, slices of a call result, and []=", () => {
    expect(tree("a = ::SHA1.sha1_hex(id)[0, 4]\nb = x[0, 8] + '_h'\ncg[\"pids.max\"] = 64")).toBe(
      "(= a (index (::SHA1.sha1_hex() (id)) 0, 4)); (= b (+ (index (x) 0, 8) (str:' \"_h\"))); (= (index (cg) (str \"pids.max\")) 64)",
    );
  });

  it("constant assignment at top level", () => {
    expect(tree("POOL = '/var/lib/haconiwa'")).toBe("(= POOL (str:' \"/var/lib/haconiwa\"))");
  });
});

describe("conditionals", () => {
  it("if/elsif/else statement", () => {
    expect(tree("if a\n  1\nelsif b\n  2\nelse\n  3\nend")).toBe("(if:statement (a) [1] [(if:statement (b) [2] [3])])");
  });

  it("unless statement and modifiers", () => {
    expect(tree("unless a then 1 end\nx if y\nz unless w")).toBe("(unless:statement (a) [1]); (if:modifier (y) [(x)]); (unless:modifier (w) [(z)])");
  });

  it("if/unless as an expression on the right of =", () => {
    expect(tree("v = unless ENV['A']\n  'x'\nelse\n  'y'\nend")).toBe(
      "(= v (unless:statement (index ENV (str:' \"A\")) [(str:' \"x\")] [(str:' \"y\")]))",
    );
  });

  it("ternary with symbols and nested ternary", () => {
    expect(tree("a ? :x : b ? 1 : 2")).toBe("(if:ternary (a) [:x] [(if:ternary (b) [1] [2])])");
  });

  it("&&, || and ! mix with Ruby precedence", () => {
    expect(tree("!a && b || c && !d")).toBe("(|| (&& (! (a)) (b)) (&& (c) (! (d))))");
  });
});

describe("definitions", () => {
  it("def Kernel.x(a, b) and a later bare call", () => {
    expect(tree("def Kernel.ready?(h, p)\n  !h.nil? && p > 0\nend\nready?('x', 1)")).toBe(
      "(def Kernel.ready?(h,p) [(&& (! (h.nil?)) (> p 0))]); (ready?() (str:' \"x\"), 1)",
    );
  });

  it("module Kernel with def self.x", () => {
    expect(tree("module Kernel\n  def self.note(msg)\n    puts msg\n  end\nend")).toBe("(module Kernel [(def self.note(msg) [(puts msg)])])");
  });

  it("plain def with default and keyword parameters", () => {
    expect(tree("def f(a, b = 1, c: 2)\n  a\nend")).toBe("(def f(a,b,c) [a])");
  });
});

describe("names and literals", () => {
  it("::Const and A::B::C paths, and calls on them", () => {
    expect(tree("::Process.kill(:TERM, pid)\nx = Haconiwa::Logger::INFO\n::Cgroup::CPU.new")).toBe(
      "(::Process.kill() :TERM, (pid)); (= x Haconiwa::Logger::INFO); (::Cgroup::CPU.new)",
    );
  });

  it("global and instance variables", () => {
    expect(tree("a = $$\nb = $pid\n@cnt = 1")).toBe("(= a $$); (= b $pid); (= @cnt 1)");
  });

  it("inclusive and exclusive ranges", () => {
    expect(tree("(1..8).each { |i| i }\nr = 0...n")).toBe("((paren (1..8)).each {i| i}); (= r (0...(n)))");
  });

  it("parenthesised arithmetic then a call: (a / 256).floor", () => {
    expect(tree("a = 1\n(a / 256).floor")).toBe("(= a 1); ((paren (/ a 256)).floor)");
  });

  it("integers with underscores, hex, floats", () => {
    const r = clean("[100_000, 0x1f, 0.5, -3]");
    expect((r.program.body[0] as { elements: { value: number }[] }).elements.map((e) => e.value)).toEqual([100000, 31, 0.5, -3]);
  });

  it("magic comments and vi modelines are comments", () => {
    const r = clean("# -*- mode: ruby -*-\n# vi: set ft=ruby :\nx = 1 # trailing\n");
    expect(r.comments.map((c) => c.text)).toEqual(["# -*- mode: ruby -*-", "# vi: set ft=ruby :", "# trailing"]);
    expect(tree("# -*- coding: utf-8; mode: ruby -*-\n")).toBe("");
  });

  it("next/break with and without values", () => {
    expect(tree("x.each do |i|\n  next if i\n  break 1\nend")).toBe("((x).each {i| (if:modifier i [(next)]); (break 1)})");
  });
});

describe("the §8.2 fixture", () => {
  it("idioms.haco parses without diagnostics and keeps every top-level statement", async () => {
    const { readFileSync } = await import("node:fs");
    const src = readFileSync(new URL("../fixtures/hacofiles/idioms.haco", import.meta.url), "utf8");
    const r = clean(src);
    expect(r.program.body.map((n) => n.type)).toEqual([
      "Assign", "Assign", "Assign", "Assign", "Def", "Module", "Assign", "Assign", "If", "Assign", "Assign", "LVar",
    ]);
    const define = (r.program.body[10] as { value: CallNode }).value;
    expect(define.name).toBe("define");
    expect(define.block?.params.map((p) => p.name)).toEqual(["config"]);
    expect(define.block?.body.length).toBe(30);
  });
});

describe("trailing commas", () => {
  it("accepts a comma before ), ] and } (build_config.rb define lists)", () => {
    const r = parseRuby('x = [\n  "a", # first\n  "b",\n]\nfoo(1, 2,)\nh = { a: 1, }\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.program.body.map((n) => n.type)).toEqual(["Assign", "Call", "Assign"]);
    const arr = r.program.body[0];
    expect(arr.type === "Assign" && arr.value.type === "Array" && arr.value.elements.length).toBe(2);
  });

  it("still refuses two hash pairs without a comma", () => {
    expect(parseRuby("h = { a: 1 b: 2 }\n").diagnostics[0]?.kind).toBe("syntax-error");
  });
});
