// The language server applies the config's buildConfig: baked validations are errors, a changed
// build_config.rb re-lints, and a broken one is reported while the config's own policy is used.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../lsp/harness.js";

const HACOFILE = `Haconiwa.define do |c|\n  c.name = "web"\n  c.uid = 500\n  c.gid = 500\nend\n`;
const build = (uidMin: number) => `MRuby::Build.new do |conf|
  conf.gem github: 'haconiwa/haconiwa'
  conf.gem 'mruby-hacolint-validate'
  conf.cc.defines += %w(HACOLINT_INIT_ID_MINIMUM HACOLINT_UID_MIN=${uidMin})
end
`;

let dir: string;
let h: Harness;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "hacolint-lsp-baked-"));
  writeFileSync(join(dir, ".hacolint.yml"), "buildConfig: build_config.rb\npolicy:\n  uidMin: 100\n  gidMin: 100\n");
  h = await startHarness();
});
afterEach(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});
const idMin = (diags: { code?: unknown; message: string; severity?: number }[]) => diags.filter((d) => d.code === "init-id-minimum").map((d) => [d.severity, d.message]);

describe("LSP with a build config", () => {
  it("reports baked validations as errors and re-lints when build_config.rb changes", async () => {
    writeFileSync(join(dir, "build_config.rb"), build(1000));
    const uri = pathToFileURL(join(dir, "web.haco")).href;
    expect(idMin(await h.open(uri, HACOFILE))).toEqual([[1, 'container "web" runs init with uid 500, below the policy minimum 1000']]);
    writeFileSync(join(dir, "build_config.rb"), build(400));
    utimesSync(join(dir, "build_config.rb"), new Date(), new Date(Date.now() + 5000));
    const next = h.nextDiagnostics(uri);
    await h.client.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(dir, "build_config.rb")).href, type: 2 }] });
    expect(idMin(await next)).toEqual([]);
  });

  it("reports a broken build_config.rb and lints with the config's policy", async () => {
    writeFileSync(join(dir, "build_config.rb"), "MRuby::Build.new do |conf|\n  conf.gem(\n");
    const diags = await h.open(pathToFileURL(join(dir, "web.haco")).href, HACOFILE);
    expect(diags[0]!.message).toMatch(/^baked policy not applied: build config \S+build_config\.rb:1:\d+: cannot parse/);
    expect(idMin(diags)).toEqual([]);
  });
});
