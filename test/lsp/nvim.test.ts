// End to end with a real editor: headless Neovim's built-in LSP client (0.7 API) runs
// `hacolint lsp --stdio` on a bad Hacofile (uid 0) and the clean example, and we check what it shows.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const haveNvim = nvim.status === 0;
if (!haveNvim && !process.env.CI) {
  console.warn("test/lsp/nvim.test.ts: skipped: `nvim` is not installed (apt-get install -y neovim); CI always runs it");
}
const BIN = resolve("dist/src/cli/main.js");

describe.skipIf(!haveNvim && !process.env.CI)("neovim end to end", () => {
  it("shows init-not-root for uid 0 and nothing from the catalogue on the clean example", () => {
    expect(haveNvim, "nvim must be installed in CI (apt-get install -y neovim)").toBe(true);
    expect(existsSync(BIN), "build first: npx tsc -p tsconfig.json").toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "hacolint-nvim-"));
    try {
      const bad = join(dir, "bad.haco");
      const good = join(dir, "good.haco");
      writeFileSync(bad, `Haconiwa.define do |config|\n  config.name = "web"\n  config.chroot_to "/var/lib/haconiwa/web"\n  config.init_command = ["/usr/sbin/webd"]\n  config.uid = 0\n  config.gid = 1000\nend\n`);
      copyFileSync(resolve("examples/hardened.haco"), good);
      const out = join(dir, "out.json");
      const run = spawnSync("nvim", ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", `luafile ${resolve("test/lsp/nvim-client.lua")}`], {
        env: { ...process.env, HACOLINT_BIN: BIN, HACOLINT_OUT: out, HACOLINT_FILES: `${bad}:${good}`, HACOLINT_ROOT: dir },
        encoding: "utf8",
        timeout: 45_000,
      });
      expect(existsSync(out), `nvim wrote no result (status ${run.status}, signal ${run.signal})\n${run.stderr}`).toBe(true);
      const result = JSON.parse(readFileSync(out, "utf8")) as { complete: boolean; files: Record<string, { code: string | null; message: string; lnum: number }[]> };
      expect(result.complete, JSON.stringify(result)).toBe(true);
      const badDiags = result.files[bad]!;
      expect(badDiags.some((d) => d.code === "init-not-root" && d.lnum === 4), JSON.stringify(badDiags)).toBe(true);
      const catalogue = new Set(["hacofile-owner", "hacofile-path", "runner-allowed", "rootfs-permissions", "init-identity", "init-not-root", "init-id-minimum",
        "rootfs-in-pool", "env-allowed", "runner-valid", "identity-switchable", "rootfs-usable", "init-exists", "init-executable", "init-not-setid", "init-owner-match"]);
      const goodDiags = result.files[good] ?? [];
      expect(goodDiags.filter((d) => d.code !== null && catalogue.has(d.code)), JSON.stringify(goodDiags)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
