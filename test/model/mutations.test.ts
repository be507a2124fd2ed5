// Settings reached by mutation or indirection instead of `c.attr = value` (found by a new-user test).
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/engine.js";
import { DEFAULT_POLICY } from "../../src/policy/policy.js";

const lint = (body: string) =>
  lintText(`Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/a"\n${body}end\n`, { filePath: "/tmp/t.haco", policy: DEFAULT_POLICY })
    .diagnostics.filter((d) => ["env-allowed", "init-not-root", "init-id-minimum"].includes(d.ruleId))
    .map((d) => `${d.ruleId}@${d.range.start.line}:${d.range.start.column}: ${d.message}`);

describe("settings by mutation and indirection", () => {
  it("checks environ keys added with []=, store and merge!", () => {
    expect(lint('  c.uid = 1000\n  c.gid = 1000\n  c.environ["PATH"] = "/bin"\n  c.environ["LD_PRELOAD"] = "/x.so"\n  c.environ.store("BASH_ENV", "/y")\n  c.environ.merge!("RUBYOPT" => "-r/z")\n')).toEqual([
      "env-allowed@6:13: environment variable LD_PRELOAD is not in the allowed list (PATH, HOME, LANG, TZ, TERM)",
      "env-allowed@7:19: environment variable BASH_ENV is not in the allowed list (PATH, HOME, LANG, TZ, TERM)",
      "env-allowed@8:20: environment variable RUBYOPT is not in the allowed list (PATH, HOME, LANG, TZ, TERM)",
    ]);
  });

  it("follows send, public_send, tap and multiple assignment to attributes", () => {
    expect(lint("  c.send(:uid=, 0)\n  c.public_send(\"gid=\", 1000)\n")).toEqual([expect.stringMatching(/^init-not-root@3:17: .*uid 0/)]);
    expect(lint("  c.tap { |x| x.uid = 0 }\n  c.gid = 1000\n")).toEqual([expect.stringMatching(/^init-not-root@3:23: .*uid 0/)]);
    expect(lint("  c.uid, c.gid = 0, 1000\n")).toEqual([expect.stringMatching(/^init-not-root@3:18: .*uid 0/)]);
  });

  it("treats 2**32 as the root id it wraps to, and nil as unset", () => {
    expect(lint("  c.uid = 2**32\n  c.gid = 4294968296\n")).toEqual([
      "init-not-root@3:11: container at line 1 runs init with uid 0 (root) (4294967296 wraps to 0 as a 32-bit id)".replace("container at line 1", "the container defined on line 1"),
    ]);
    expect(lint("  c.uid = nil\n  c.gid = 1000\n")).toEqual([expect.stringMatching(/^init-not-root@3:11: .*sets uid to nil/)]);
  });

  it("accepts :@ivar symbols", () => {
    const r = lintText('Haconiwa.define do |c|\n  c.instance_variable_set(:@uid, 0)\nend\n', { filePath: "/tmp/t.haco", policy: DEFAULT_POLICY });
    expect(r.parse.diagnostics).toEqual([]);
  });
});
