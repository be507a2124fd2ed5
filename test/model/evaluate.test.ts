import { describe, expect, it } from "vitest";
import { parseRuby } from "../../grammar/parser.js";
import { evaluate } from "../../src/model/evaluate.js";
import { describe as show, possibilities } from "../../src/model/values.js";
import { hasNamespace, runnableContainers } from "../../src/model/container.js";
import type { FileModel, Value } from "../../src/model/model.js";

function model(src: string): FileModel {
  const parse = parseRuby(src);
  expect(parse.diagnostics.filter((d) => d.kind === "syntax-error")).toEqual([]);
  return evaluate(parse, src, "/tmp/test.haco");
}

const only = (src: string) => {
  const m = model(src);
  expect(m.containers).toHaveLength(1);
  return m.containers[0];
};

const str = (v: Value | undefined) => (v && (v.kind === "str" || v.kind === "path") ? v.value : undefined);

describe("evaluator: values", () => {
  it("follows locals, constants, interpolation and Pathname joins", () => {
    const c = only(`POOL = "/var/lib/haconiwa"\nname = "web"\nroot = Pathname.new(POOL).join("#{name}-1")\nHaconiwa.define do |c|\n  c.chroot_to root\n  c.workdir = File.join("/srv", name)\nend\n`);
    expect(c.rootfs?.value).toMatchObject({ kind: "path", value: "/var/lib/haconiwa/web-1" });
    expect(str(c.workdir?.value)).toBe("/srv/web");
    // the value was written on line 3 and used on line 5: the use site is the range, the origin is in via
    expect(c.rootfs?.value.range.start.line).toBe(5);
    expect(c.rootfs?.value.via?.[0].start.line).toBe(3);
  });

  it("keeps ENV reads unknown with their reason and both sides of `||`", () => {
    const c = only(`Haconiwa.define do |c|\n  c.uid = (ENV["OFFSET"] || 1000).to_i\nend\n`);
    const options = possibilities(c.uid!.value);
    expect(options.map((o) => o.kind)).toEqual(["unknown", "int"]);
    expect(options[0]).toMatchObject({ kind: "unknown", source: "env", reason: "from ENV['OFFSET'], default 1000" });
    expect(options[1]).toMatchObject({ kind: "int", value: 1000 });
  });

  it("propagates launch-time input through string building", () => {
    const c = only(`tag = \`git describe\`\nHaconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/#{tag.chomp}"\nend\n`);
    expect(c.rootfs?.value).toMatchObject({ kind: "unknown", source: "command" });
  });

  it("evaluates if on a known condition and both sides of an unknown one", () => {
    const known = only(`debug = false\nHaconiwa.define do |c|\n  if debug\n    c.uid = 0\n  else\n    c.uid = 1000\n  end\nend\n`);
    expect(known.uid?.value).toMatchObject({ kind: "int", value: 1000 });
    const unknownCond = only(`Haconiwa.define do |c|\n  c.uid = 1000\n  c.uid = 0 if ENV["DEBUG"]\nend\n`);
    expect(possibilities(unknownCond.uid!.value).map(show)).toEqual(["1000", "0"]);
  });

  it("computes arithmetic, slices and string methods", () => {
    const c = only(`id = "abcdef"[0, 4]\nHaconiwa.define do |c|\n  c.name = "w-#{id}-#{2 ** 4}"\n  c.uid = (2000 / 2).floor + 500\nend\n`);
    expect(str(c.name?.value)).toBe("w-abcd-16");
    expect(c.uid?.value).toMatchObject({ kind: "int", value: 1500 });
  });
});

describe("evaluator: containers", () => {
  it("copies the barn into each child at define time, in N.times and each loops", () => {
    const m = model(`Haconiwa.define do |barn|\n  barn.chroot_to "/var/lib/haconiwa/base"\n  2.times do |i|\n    barn.define do |w|\n      w.name = "w-#{i}"\n      w.uid = 2000 + i\n    end\n  end\n  barn.uid = 5\n  %w(a b).each do |r|\n    barn.define do |w|\n      w.name = r\n    end\n  end\nend\n`);
    const children = runnableContainers(m.containers);
    expect(children.map((c) => str(c.name?.value))).toEqual(["w-0", "w-1", "a", "b"]);
    expect(children.map((c) => (c.uid?.value.kind === "int" ? c.uid.value.value : null))).toEqual([2000, 2001, 5, 5]);
    expect(children.every((c) => str(c.rootfs?.value) === "/var/lib/haconiwa/base")).toBe(true);
    expect(m.containers[0].kind).toBe("barn");
  });

  it("shares namespace state between barn and children (shallow copy)", () => {
    const m = model(`Haconiwa.define do |barn|\n  barn.define do |a|\n    a.name = "a"\n    a.namespace.unshare "net"\n  end\n  barn.define do |b|\n    b.name = "b"\n  end\nend\n`);
    const [a, b] = runnableContainers(m.containers);
    expect(hasNamespace(a, "net")).toBe(true);
    expect(hasNamespace(b, "net")).toBe(true);
  });

  it("models capabilities with Haconiwa's whitelist semantics", () => {
    const c = only(`Haconiwa.define do |c|\n  c.capabilities.allow :all\n  c.capabilities.drop "cap_sys_admin"\nend\n`);
    expect(c.capabilities.defaultWhitelist).toBe(false);
    expect(c.capabilities.whitelist).toEqual([]);
    expect(c.capabilities.blacklist.map((x) => str(x.name))).toEqual(["cap_sys_admin"]);
    expect(c.capabilities.emptiedAt?.start.line).toBe(2);
  });

  it("records implicit namespaces, mounts, mappings and the op log", () => {
    const c = only(`Haconiwa.define do |c|\n  c.add_mount_point "/data", to: "/var/lib/haconiwa/x/data", readonly: true\n  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\n  c.cgroup do |cg|\n    cg["pids.max"] = 10\n  end\nend\n`);
    expect(c.namespaces.map((n) => `${n.how}:${n.name}`)).toEqual(["implicit:mount", "implicit:user"]);
    expect(str(c.mounts[0].source)).toBe("/data");
    expect(c.uidMappings).toHaveLength(1);
    const cg = c.ops.find((o) => o.method === "[]=");
    expect(cg).toMatchObject({ target: "cgroup", inReloadBlock: true });
    expect(cg!.args.map(show)).toEqual(['"pids.max"', "10"]);
  });

  it("notes side effects and never runs them; flags a trailing statement", () => {
    const m = model(`system "rm -rf /tmp/x"\nHaconiwa.define do |c|\nend\nputs "done"\n`);
    expect(m.sideEffects.map((s) => [s.kind, s.range.start.line])).toEqual([["system", 1]]);
    expect(m.trailingStatement?.start.line).toBe(4);
  });

  it("accepts an assigned define as the last statement", () => {
    const m = model(`web = Haconiwa.define do |c|\nend\nweb\n`);
    expect(m.trailingStatement).toBeUndefined();
  });

  it("records legacy Haconiwa::Base.define and still models it", () => {
    const m = model(`Haconiwa::Base.define do |c|\n  c.uid = 1000\nend\n`);
    expect(m.legacyDefines[0].start).toMatchObject({ line: 1, column: 16 });
    expect(m.containers[0].uid?.value).toMatchObject({ kind: "int", value: 1000 });
  });

  it("does not evaluate hook blocks as configuration", () => {
    const c = only(`Haconiwa.define do |c|\n  c.uid = 1000\n  c.add_general_hook :after_chroot do |base|\n    base.uid = 0\n  end\nend\n`);
    expect(c.uid?.value).toMatchObject({ kind: "int", value: 1000 });
  });
});
