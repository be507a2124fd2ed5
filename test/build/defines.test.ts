// Policy -> defines: ordering, refusals with clear messages, and hostile values proven to reach
// C byte-exact through the Ruby literal and both shell forms mruby uses (-D"%s" and -D%s).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeDefine, policyDefines, policyDigest, PolicyValueError, rubyDefineLiteral, shellDefineText, type CDefine } from "../../src/build/defines.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";

const policy = (over: Partial<Policy>): Policy => ({ ...DEFAULT_POLICY, ...over } as Policy);
const has = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const toolsMissing = !has("gcc") || !has("ruby") ? "needs gcc and ruby (scripts/mruby/prepare.sh installs them)" : null;
if (toolsMissing && process.env.CI) throw new Error(toolsMissing);

describe("policyDefines", () => {
  it("orders validation defines by the catalogue, then parameters, digest last", () => {
    const names = policyDefines(DEFAULT_POLICY as Policy).map((d) => d.name);
    expect(names[0]).toBe("HACONIWA_SECURE_RUN");
    expect(names.slice(-1)).toEqual(["HACOLINT_POLICY_DIGEST"]);
    expect(names).toContain("HACOLINT_ENV_ALLOWED");
    expect(names).not.toContain("HACOLINT_INIT_NOT_SETID"); // experimental, off by default
    expect(policyDefines(policy({ experimental: ["init-not-setid"] })).map((d) => d.name)).toContain("HACOLINT_INIT_NOT_SETID");
  });

  it("bakes the enforcement mode, lists and the digest", () => {
    const d = Object.fromEntries(policyDefines(policy({ enforce: "setuid-only", allowedRunners: ["www", 33] })).map((x) => [x.name, x.value]));
    expect(d.HACOLINT_ENFORCE_SETUID_ONLY).toBe(1);
    expect(d.HACOLINT_ALLOWED_RUNNERS).toBe("www:33");
    expect(d.HACOLINT_ALLOWED_ENV).toBe("PATH:HOME:LANG:TZ:TERM");
    expect(d.HACOLINT_POLICY_DIGEST).toMatch(/^[0-9a-f]{64}$/);
  });

  it("digest ignores key order and validation order, but not values", () => {
    const a = policy({ validations: ["init-not-root", "env-allowed"] });
    const b = { ...policy({}), validations: ["env-allowed", "init-not-root"] } as Policy;
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as unknown as Policy;
    expect(policyDigest(a)).toBe(policyDigest(reordered));
    expect(policyDigest(a)).not.toBe(policyDigest(policy({ ...a, uidMin: 1001 })));
  });

  const refusals: [string, Partial<Policy>, RegExp][] = [
    ["negative uid", { uidMin: -1 }, /policy.uidMin: -1 is outside 0..4294967294/],
    ["(uid_t)-1", { gidMin: 4294967295 }, /policy.gidMin: 4294967295 is outside/],
    ["fractional id", { uidMin: 1.5 }, /policy.uidMin: expected an integer/],
    ["string id", { uidMin: "1000" as unknown as number }, /expected an integer, got "1000"/],
    ["relative pool", { rootfsPool: "var/lib" }, /policy.rootfsPool: "var\/lib" is not an absolute path/],
    ["pool with ..", { rootfsPool: "/var/lib/../etc" }, /has a '..' component/],
    ["pool with //", { rootfsPool: "/var//lib" }, /empty component/],
    ["NUL", { rootfsPool: "/var/lib/a\0b" }, /contains a NUL byte/],
    ["newline", { rootfsPool: "/var/lib/a\nb" }, /contains a line break/],
    ["too long", { rootfsPool: "/" + "a".repeat(5000) }, /longer than 4096 characters/],
    ["env name", { allowedEnv: ["PATH", "LD PRELOAD"] }, /policy.allowedEnv\[1\]: "LD PRELOAD" is not a variable name/],
    ["env =", { allowedEnv: ["A=B"] }, /is not a variable name/],
    ["list separator", { allowedRunners: ["a:b"] }, /policy.allowedRunners\[0\]: "a:b" contains ':', the list separator/],
    ["relative pattern", { hacofilePatterns: ["*.haco"] }, /hacofilePatterns\[0\]: "\*.haco" is not an absolute path/],
    ["unknown validation", { validations: ["nope" as never] }, /"nope" is not a selectable or experimental validation id/],
    ["always-error id", { validations: ["init-exists" as never] }, /"init-exists" is not a selectable/],
    ["enforce", { enforce: "sometimes" as never }, /policy.enforce: expected "always" or "setuid-only"/],
  ];
  for (const [name, over, msg] of refusals) {
    it(`refuses ${name} with a clear message`, () => {
      expect(() => policyDefines(policy(over))).toThrow(PolicyValueError);
      expect(() => policyDefines(policy(over))).toThrow(msg);
    });
  }
});

// Hostile values that are accepted: they must arrive in C byte for byte.
const HOSTILE = [
  "/var/lib/it's",
  '/var/lib/say "hi"',
  "/var/lib/back\\slash\\",
  "/var/lib/#{`id`}",
  "/var/lib/`rm -rf /`",
  "/var/lib/$(id)$HOME${PATH}",
  "/var/lib/%s%n%d",
  "/var/lib/ spaces\tand tab",
  "/var/lib/ü-日本-😀",
  "/var/lib/;|&<>*?[]~!{}()",
  "/var/lib/\\001\\x41\\\"",
  "/" + "x".repeat(4095),
];

describe.skipIf(toolsMissing !== null)(`hostile values through Ruby, sh and C${toolsMissing ? ` (skipped: ${toolsMissing})` : ""}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "hacolint-defines-"));
  const defines: CDefine[] = HOSTILE.map((v, i) => ({ name: `HV_TEST_${i}`, value: v, source: "test" }));
  // every hostile value also through the real policy path (rootfsPool), so validation lets it through
  for (const v of HOSTILE) expect(policyDefines(policy({ rootfsPool: v })).find((d) => d.name === "HACOLINT_ROOTFS_POOL")!.value).toBe(v);

  const cProgram = `#include <stdio.h>\n#include <string.h>\nstatic void hex(const char *s){for(size_t i=0;i<strlen(s);i++)printf("%02x",(unsigned char)s[i]);printf("\\n");}\nint main(void){\n${defines.map((d) => `hex(${d.name});`).join("\n")}\nreturn 0;}\n`;
  writeFileSync(join(dir, "p.c"), cProgram);
  const expected = HOSTILE.map((v) => Buffer.from(v, "utf8").toString("hex")).join("\n") + "\n";

  // A Ruby script that holds the literals exactly as build_config.rb does and compiles through
  // the shell the way mruby's Command#_run does: sh -c "gcc ... <option_define % d> ...".
  for (const [label, optionDefine] of [["mruby 3.x -D\"%s\"", '-D"%s"'], ["mruby 2.0.1 -D%s", "-D%s"]] as const) {
    it(`arrive byte-exact in C with ${label}`, () => {
      const rb = [
        `defines = [\n${defines.map((d) => `  ${rubyDefineLiteral(d)},`).join("\n")}\n]`,
        `flags = defines.map { |d| ${JSON.stringify(optionDefine)} % d }.join(' ')`,
        `system("gcc -o #{ARGV[0]}/p #{flags} #{ARGV[0]}/p.c") or abort("gcc failed")`,
      ].join("\n");
      writeFileSync(join(dir, "build.rb"), rb);
      expect(execFileSync("ruby", ["-c", join(dir, "build.rb")], { encoding: "utf8" })).toContain("Syntax OK");
      execFileSync("ruby", [join(dir, "build.rb"), dir], { stdio: "pipe" });
      expect(execFileSync(join(dir, "p"), { encoding: "utf8" })).toBe(expected);
    });
  }

  it("decodeDefine inverts the encoding (what policy-aware lint reads back)", () => {
    for (const d of defines) expect(decodeDefine(shellDefineText(d))).toEqual({ name: d.name, value: d.value });
    expect(decodeDefine("HACOLINT_UID_MIN=1000")).toEqual({ name: "HACOLINT_UID_MIN", value: 1000 });
    expect(decodeDefine("HACONIWA_SECURE_RUN")).toEqual({ name: "HACONIWA_SECURE_RUN", value: null });
  });
});
