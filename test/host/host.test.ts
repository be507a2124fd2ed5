// `--host` checks on real trees with real owners and modes. Owner changes need root; CI runs as root.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/engine.js";
import { DEFAULT_POLICY, type Policy } from "../../src/policy/policy.js";
import { realHost, resolveInRoot } from "../../src/host/host.js";
import { VALIDATIONS } from "../../src/catalogue/validations.js";

/** Only the catalogue's findings: hardening and DSL rules are tested elsewhere. */
const CATALOGUE = new Set<string>(VALIDATIONS.map((v) => v.id));

const isRoot = process.getuid?.() === 0;
const needRoot = isRoot || process.env.CI ? it : it.skip;

let dir = "";
let pool = "";
let rootfs = "";

function file(path: string, text: string, mode = 0o644): void {
  writeFileSync(path, text);
  chmodSync(path, mode);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hacolint-host-"));
  pool = join(dir, "pool");
  rootfs = join(pool, "app");
  for (const d of ["", "bin", "etc", "tmp", "usr", "usr/bin"]) mkdirSync(join(rootfs, d), { recursive: true });
  chmodSync(join(rootfs, "tmp"), 0o1777);
  file(join(rootfs, "usr/bin/app"), "#!/bin/sh\necho ok\n", 0o755);
  file(join(rootfs, "tmp/evil"), "#!/bin/sh\n", 0o755);
  file(join(rootfs, "usr/bin/noexec"), "data\n", 0o644);
  file(join(rootfs, "usr/bin/setuid"), "#!/bin/sh\n", 0o4755);
  symlinkSync("/etc/shadow", join(rootfs, "bin/abs"));
  symlinkSync("../usr/bin/app", join(rootfs, "bin/rel"));
  file(join(rootfs, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n+nis::0:0:::\napp:x:1500:1500::/srv:/bin/sh\n");
  file(join(rootfs, "etc/group"), "root:x:0:\napp:x:1500:\n");
  symlinkSync("/etc", join(pool, "escape"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(body: string, policy: Partial<Policy> = {}, hacofile = join(dir, "x.haco")) {
  const text = `Haconiwa.define do |c|\n${body}end\n`;
  file(hacofile, text);
  const result = lintText(text, { filePath: hacofile, policy: { ...DEFAULT_POLICY, rootfsPool: pool, ...policy }, hostCheck: {} });
  return result.diagnostics.filter((d) => CATALOGUE.has(d.ruleId)).map((d) => `${d.ruleId}@${d.range.start.line}: ${d.message}`);
}

const base = (init: string, uid = 1500) => `  c.chroot_to "${"ROOT"}"\n  c.init_command = ["${init}"]\n  c.uid = ${uid}\n  c.gid = ${uid}\n`;
const body = (init: string, uid = 1500) => base(init, uid).replace("ROOT", rootfs);

describe("resolveInRoot", () => {
  it("keeps absolute symlinks inside the rootfs (never the host's /etc/shadow)", () => {
    const r = resolveInRoot(realHost("/dev/null"), rootfs, "/bin/abs");
    expect(r.hostPath).toBeNull();
    expect(r.error).toBe("/etc/shadow does not exist in the rootfs");
    expect(resolveInRoot(realHost("/dev/null"), rootfs, "/bin/rel").hostPath).toBe(join(rootfs, "usr/bin/app"));
    expect(resolveInRoot(realHost("/dev/null"), rootfs, "/../../../usr/bin/app").hostPath).toBe(join(rootfs, "usr/bin/app"));
  });
});

describe("hacolint --host", () => {
  needRoot("passes a correct container (root-owned Hacofile and tree)", () => {
    expect(lint(body("/usr/bin/app"), { hacofilePatterns: [join(dir, "*.haco")] })).toEqual([]);
  });

  needRoot("refuses a Hacofile owned by another user or writable by others", () => {
    const h = join(dir, "owned.haco");
    writeFileSync(h, "");
    chownSync(h, 1500, 1500);
    const text = `Haconiwa.define do |c|\n${body("/usr/bin/app")}end\n`;
    const d = lintText(text, { filePath: h, policy: { ...DEFAULT_POLICY, rootfsPool: pool, hacofilePatterns: [join(dir, "*.haco")] }, hostCheck: {} }).diagnostics.filter((x) => CATALOGUE.has(x.ruleId));
    expect(d.map((x) => x.ruleId)).toEqual(["hacofile-owner"]);
    expect(d[0].message).toMatch(/owned by 1500:1500, not by the runtime's owner 0:0/);
  });

  needRoot("reports a Hacofile outside the allowed patterns", () => {
    expect(lint(body("/usr/bin/app"), { hacofilePatterns: ["/etc/haconiwa/*.haco"] })).toEqual([expect.stringMatching(/^hacofile-path@1: Hacofile path .* matches none/)]);
  });

  needRoot("finds an init that escapes through a symlink, a writable directory, no execute bit, a set-uid bit", () => {
    const patterns = { hacofilePatterns: [join(dir, "*.haco")] };
    expect(lint(body("/bin/abs"), patterns)).toEqual([expect.stringMatching(/^init-exists@3: .*\/etc\/shadow does not exist in the rootfs/)]);
    expect(lint(body("/tmp/evil"), patterns)).toEqual([expect.stringMatching(/^rootfs-permissions@3: directory .*\/tmp on the way to init is writable by group or others \(mode 1777\)/)]);
    expect(lint(body("/usr/bin/noexec"), patterns)).toEqual([expect.stringMatching(/^init-executable@3: .* has no execute bit/)]);
    expect(lint(body("/usr/bin/setuid"), { ...patterns, experimental: ["init-not-setid"] })).toEqual([expect.stringMatching(/^init-not-setid@3: .* is set-uid or set-gid \(mode 4755\)/)]);
  });

  needRoot("looks the init user up in the rootfs's own /etc/passwd, ignoring NIS lines", () => {
    const patterns = { hacofilePatterns: [join(dir, "*.haco")] };
    expect(lint(body("/usr/bin/app", 1600), patterns)).toEqual([
      expect.stringMatching(/^init-identity@4: user 1600 of .* is not in .*\/etc\/passwd/),
      expect.stringMatching(/^init-identity@5: group 1600 of .* is not in .*\/etc\/group/),
    ]);
  });

  needRoot("follows a rootfs symlink out of the pool", () => {
    const text = `  c.chroot_to "${join(pool, "escape")}"\n  c.init_command = ["/bin/sh"]\n  c.uid = 1500\n  c.gid = 1500\n`;
    expect(lint(text, { hacofilePatterns: [join(dir, "*.haco")] }).filter((m) => m.startsWith("rootfs-in-pool"))).toEqual([
      expect.stringMatching(/resolves to \/etc on this host, outside the pool/),
    ]);
  });
});

describe("hacolint --host on the command line", () => {
  needRoot("reports host findings only with --host, and --runtime sets the expected owner", async () => {
    const { spawnSync } = await import("node:child_process");
    const cli = join(process.cwd(), "dist/src/cli/main.js");
    const h = join(dir, "cli.haco");
    writeFileSync(h, `Haconiwa.define do |c|\n${body("/usr/bin/noexec")}  c.namespace.unshare "pid"\n  c.namespace.unshare "mount"\nend\n`);
    chmodSync(h, 0o644);
    const cfg = join(dir, ".hacolint.yml");
    writeFileSync(cfg, `policy:\n  rootfsPool: ${pool}\n  hacofilePatterns: ["${join(dir, "*.haco")}"]\nrules:\n  no-seccomp-filter: off\n  root-without-user-namespace: off\n`);
    const plain = spawnSync("node", [cli, "--format", "json", h], { encoding: "utf8" });
    expect(plain.status).toBe(0);
    const hosted = spawnSync("node", [cli, "--host", "--format", "json", h], { encoding: "utf8" });
    expect(hosted.status).toBe(1);
    const ids = JSON.parse(hosted.stdout)[0].diagnostics.map((d: { ruleId: string }) => d.ruleId);
    expect(ids).toEqual(["init-executable"]);
    const runtime = join(dir, "haconiwa-bin");
    writeFileSync(runtime, "");
    chownSync(runtime, 1500, 1500);
    const owned = spawnSync("node", [cli, "--host", "--runtime", runtime, "--format", "json", h], { encoding: "utf8" });
    expect(JSON.parse(owned.stdout)[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["hacofile-owner", "init-executable"]);
    const usage = spawnSync("node", [cli, "--runtime", runtime, h], { encoding: "utf8" });
    expect([usage.status, usage.stderr.trim()]).toEqual([2, "hacolint: --runtime goes with --host"]);
  });
});
