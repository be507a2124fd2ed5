// In-process JSON-RPC tests for every feature of `hacolint lsp`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CodeAction, CompletionItem, DocumentSymbol, Hover } from "vscode-languageserver";
import { startHarness, type Harness } from "./harness.js";

const BAD = `Haconiwa.define do |config|
  config.name = "web"
  root = "/var/lib/haconiwa/web"
  config.chroot_to root
  config.init_command = ["/usr/sbin/webd"]
  config.uid = 0
  config.gid = 1000
  config.namespace.unshare "mount"
end
`;

const CLEAN = `Haconiwa.define do |config|
  config.name = "shop"
  config.hostname = "shop"
  config.chroot_to "/var/lib/haconiwa/shop"
  config.init_command = ["/usr/sbin/shopd"]
  config.uid = 1000
  config.gid = 1000
  config.environ = { "PATH" => "/usr/bin:/bin" }
  config.namespace.unshare "mount"
  config.namespace.unshare "pid"
  config.namespace.unshare "ipc"
  config.namespace.unshare "uts"
  config.mount_independent "procfs"
end
`;

let dir: string;
let h: Harness;
const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "hacolint-lsp-"));
  h = await startHarness();
});
afterEach(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("diagnostics", () => {
  it("publishes rule findings on open with code, docs link and severity", async () => {
    const diags = await h.open(uriOf("bad.haco"), BAD);
    const d = diags.find((x) => x.code === "init-not-root");
    expect(d).toBeDefined();
    expect(d!.range.start).toEqual({ line: 5, character: "  config.uid = ".length });
    expect(d!.codeDescription?.href).toBe("https://github.com/hacolint/hacolint/blob/main/docs/rules/init-not-root.md");
    expect(d!.severity).toBe(1);
    expect(d!.source).toBe("hacolint");
  });

  it("publishes nothing from the catalogue for a clean file", async () => {
    const diags = await h.open(uriOf("good.haco"), CLEAN);
    expect(diags.filter((d) => d.severity === 1)).toEqual([]);
  });

  it("applies incremental changes and re-lints", async () => {
    const uri = uriOf("inc.haco");
    expect((await h.open(uri, BAD)).some((d) => d.code === "init-not-root")).toBe(true);
    // `config.uid = 0` on line 6 (index 5): replace the 0 with 1000
    const col = "  config.uid = ".length;
    const after = await h.change(uri, 2, [{ range: { start: { line: 5, character: col }, end: { line: 5, character: col + 1 } }, text: "1000" }]);
    expect(after.some((d) => d.code === "init-not-root")).toBe(false);
    expect(h.server.documents.get(uri)!.getText()).toContain("config.uid = 1000");
  });

  it("carries related locations as relatedInformation", async () => {
    const text = `Haconiwa.define do |config|\n  app = ENV["APP"] || "demo"\n  config.chroot_to "/var/lib/haconiwa/#{app}"\n  config.uid = 1000\n  config.gid = 1000\n  config.init_command = ["/bin/x"]\nend\n`;
    const diags = await h.open(uriOf("rel.haco"), text);
    const withRelated = diags.filter((d) => d.relatedInformation?.length);
    expect(withRelated.length).toBeGreaterThan(0);
    expect(withRelated[0]!.relatedInformation![0]!.location.uri).toBe(uriOf("rel.haco"));
  });

  it("debounces rapid changes into one lint", async () => {
    const slow = await startHarness({ debounceMs: 80 });
    try {
      const uri = uriOf("deb.haco");
      await slow.open(uri, BAD);
      const before = slow.published.length;
      const next = slow.nextDiagnostics(uri);
      for (let v = 2; v < 7; v++) {
        await slow.client.sendNotification("textDocument/didChange", { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "#\n" }] });
      }
      await next;
      await new Promise((r) => setTimeout(r, 150));
      expect(slow.published.length - before).toBe(1);
    } finally {
      slow.close();
    }
  });

  it("re-lints on save and clears on close", async () => {
    const uri = uriOf("save.haco");
    await h.open(uri, BAD);
    const saved = h.nextDiagnostics(uri);
    await h.client.sendNotification("textDocument/didSave", { textDocument: { uri } });
    expect((await saved).length).toBeGreaterThan(0);
    const closed = h.nextDiagnostics(uri);
    await h.client.sendNotification("textDocument/didClose", { textDocument: { uri } });
    expect(await closed).toEqual([]);
  });
});

describe("hover", () => {
  it("explains DSL methods with valid values", async () => {
    const uri = uriOf("h.haco");
    await h.open(uri, BAD);
    const hover = await h.client.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 7, character: 22 } });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain("config.namespace.unshare");
    expect(value).toContain("`pid`");
  });

  it("shows the rule docs for a diagnostic", async () => {
    const uri = uriOf("h.haco");
    await h.open(uri, BAD);
    const hover = await h.client.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 5, character: 15 } });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain("init-not-root");
    expect(value).toContain("docs/rules/init-not-root.md");
  });

  it("shows the resolved value of a variable", async () => {
    const uri = uriOf("h.haco");
    await h.open(uri, BAD);
    const hover = await h.client.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 3, character: 20 } });
    expect((hover.contents as { value: string }).value).toContain("/var/lib/haconiwa/web");
  });

  it("shows unknown values with their source", async () => {
    const uri = uriOf("env.haco");
    await h.open(uri, `Haconiwa.define do |config|\n  root = ENV['X']\n  config.chroot_to root\nend\n`);
    const hover = await h.client.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 2, character: 20 } });
    expect((hover.contents as { value: string }).value).toMatch(/unknown: .*ENV\['X'\]/);
  });
});

describe("completion", () => {
  const complete = async (line: string) => {
    const uri = uriOf("c.haco");
    await h.open(uri, `Haconiwa.define do |config|\n${line}\nend\n`);
    return h.client.sendRequest<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: 1, character: line.length } });
  };
  it("offers container members after config.", async () => {
    const labels = (await complete("  config.")).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["chroot_to", "init_command", "namespace", "capabilities", "uid"]));
  });
  it("offers namespace members and capability members", async () => {
    expect((await complete("  config.namespace.")).map((i) => i.label)).toEqual(expect.arrayContaining(["unshare", "enter", "set_uid_mapping"]));
    expect((await complete("  config.capabilities.")).map((i) => i.label)).toEqual(expect.arrayContaining(["allow", "drop", "reset_to_privileged!"]));
  });
  it("offers value names inside strings and symbols", async () => {
    expect((await complete('  config.namespace.unshare "p')).map((i) => i.label)).toEqual(expect.arrayContaining(["pid", "mount", "uts"]));
    expect((await complete('  config.capabilities.allow "cap_')).map((i) => i.label)).toContain("cap_net_bind_service");
    expect((await complete("  config.add_general_hook :")).map((i) => i.label)).toContain("before_chroot");
    expect((await complete('  config.mount_independent "')).map((i) => i.label)).toEqual(["procfs", "sysfs", "devtmpfs", "devpts", "shm"]);
    const items = await complete('  config.namespace.unshare "p');
    expect(items[0]!.textEdit).toMatchObject({ range: { start: { line: 1, character: 28 }, end: { line: 1, character: 29 } } });
  });
  it("offers nothing in unrelated places", async () => {
    expect(await complete("  x = 1 + ")).toEqual([]);
  });
});

describe("code actions", () => {
  it("offers safe fixes and disable-for-this-line", async () => {
    const uri = uriOf("a.haco");
    const diags = await h.open(uri, BAD);
    const target = diags.find((d) => d.code === "init-not-root" && d.range.start.line === 5)!;
    const actions = await h.client.sendRequest<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
    const disable = actions.find((a) => a.title.startsWith("Disable init-not-root"))!;
    expect(disable.edit!.changes![uri]![0]!.newText).toBe(" # hacolint:disable-line init-not-root -- reason");
    expect(disable.edit!.changes![uri]![0]!.range.start).toEqual({ line: 5, character: "  config.uid = 0".length });
  });

  it("turns diagnostic.fix into a quick fix", async () => {
    const uri = uriOf("fix.haco");
    // any finding with a fix: find one from the rules by trying the whole file
    const diags = await h.open(uri, `Haconiwa.define do |config|\n  config.name = "x"\n  config.chroot_to "/var/lib/haconiwa/x"\n  config.uid = 1000\n  config.gid = 1000\n  config.init_command = ["/bin/x"]\n  config.capabilities.allow :all\n  config.namespace.unshare "mount" # hacolint:disable-line init-not-root -- test\nend\n`);
    const all = await h.client.sendRequest<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: diags } });
    const fixes = all.filter((a) => a.isPreferred);
    expect(fixes.length).toBeGreaterThan(0);
    expect(Object.values(fixes[0]!.edit!.changes!)[0]!.length).toBeGreaterThan(0);
  });

  it("uses disable-next-line when the line already has a comment", async () => {
    const uri = uriOf("cm.haco");
    const text = BAD.replace("config.uid = 0", "config.uid = 0 # root");
    const diags = await h.open(uri, text);
    const target = diags.find((d) => d.code === "init-not-root" && d.range.start.line === 5)!;
    const actions = await h.client.sendRequest<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
    const disable = actions.find((a) => a.title.startsWith("Disable init-not-root"))!;
    expect(disable.edit!.changes![uri]![0]!.newText).toBe("  # hacolint:disable-next-line init-not-root -- reason\n");
  });
});

describe("document symbols", () => {
  it("lists one symbol per container with key settings", async () => {
    const uri = uriOf("s.haco");
    await h.open(uri, BAD);
    const symbols = await h.client.sendRequest<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols).toHaveLength(1);
    expect(symbols[0]!.name).toBe("web");
    const names = symbols[0]!.children!.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["name", "rootfs", "init_command", "uid", "gid", "namespace mount"]));
    expect(symbols[0]!.children!.find((c) => c.name === "uid")!.detail).toBe("0");
  });

  it("nests children under a barn", async () => {
    const uri = uriOf("barn.haco");
    await h.open(uri, `Haconiwa.define do |barn|\n  barn.define do |c|\n    c.name = "a"\n  end\n  barn.define do |c|\n    c.name = "b"\n  end\nend\n`);
    const symbols = await h.client.sendRequest<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols).toHaveLength(1);
    expect(symbols[0]!.children!.map((s) => s.name)).toEqual(expect.arrayContaining(["a", "b"]));
  });
});

describe("config changes", () => {
  it("re-lints every open document when .hacolint.yml changes", async () => {
    const a = uriOf("one.haco");
    const b = uriOf("two.haco");
    expect((await h.open(a, BAD)).some((d) => d.code === "init-not-root")).toBe(true);
    await h.open(b, BAD);
    writeFileSync(join(dir, ".hacolint.yml"), "rules:\n  init-not-root: off\n");
    const nextA = h.nextDiagnostics(a);
    const nextB = h.nextDiagnostics(b);
    await h.client.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(".hacolint.yml"), type: 1 }] });
    expect((await nextA).some((d) => d.code === "init-not-root")).toBe(false);
    expect((await nextB).some((d) => d.code === "init-not-root")).toBe(false);
  });

  it("reports a broken config and lints with the defaults", async () => {
    writeFileSync(join(dir, ".hacolint.yml"), "rules: [oops\n");
    const diags = await h.open(uriOf("broken.haco"), BAD);
    expect(diags[0]!.message).toContain("configuration error");
    expect(diags.some((d) => d.code === "init-not-root")).toBe(true);
    expect(h.logs.some((l) => l.type === 1 && l.message.includes("configuration"))).toBe(true);
  });
});

describe("robustness", () => {
  it("survives unknown methods, bad params, closed documents, binary and huge documents", async () => {
    await expect(h.client.sendRequest("hacolint/nonsense", {})).rejects.toThrow();
    const closed = await h.client.sendRequest("textDocument/hover", { textDocument: { uri: uriOf("nope.haco") }, position: { line: 0, character: 0 } });
    expect(closed).toBeNull();
    expect(await h.client.sendRequest("textDocument/documentSymbol", { textDocument: { uri: uriOf("nope.haco") } })).toBeNull();
    expect(await h.client.sendRequest("textDocument/codeAction", { textDocument: { uri: uriOf("nope.haco") }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })).toBeNull();
    await h.client.sendRequest("textDocument/hover", { textDocument: null, position: "x" }).catch(() => undefined);
    await h.client.sendNotification("textDocument/didChange", { textDocument: { uri: uriOf("nope.haco"), version: 3 }, contentChanges: [{ text: "x" }] });

    const bin = await h.open(uriOf("bin.haco"), "Haconiwa.define do |c|\0\nend\n");
    expect(bin[0]!.message).toContain("binary");
    const huge = await h.open(uriOf("huge.haco"), "#" + "x".repeat(10 * 1024 * 1024 + 10) + "\n");
    expect(huge[0]!.message).toContain("too large");
    expect(await h.client.sendRequest("textDocument/hover", { textDocument: { uri: uriOf("bin.haco") }, position: { line: 0, character: 3 } })).toBeNull();

    // malformed JSON on the wire: the server keeps answering
    h.toServer.write("Content-Length: 9\r\n\r\n{not json");
    const diags = await h.open(uriOf("after.haco"), BAD);
    expect(diags.some((d) => d.code === "init-not-root")).toBe(true);
    expect(h.logs.some((l) => l.message.includes("binary"))).toBe(true);
  });
});
