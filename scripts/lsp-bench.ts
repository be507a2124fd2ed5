// LSP latency: time from sending didChange to receiving publishDiagnostics for a 2,000-line
// Hacofile, with the debounce set to 0 (so the number excludes it). Runs the real server
// (`node dist/src/cli/main.js lsp --stdio`) and prints the median and p90 of N edits.
//   node dist/scripts/lsp-bench.js [N=40]
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, "../src/cli/main.js");

/** A barn with children until the file has `lines` lines. */
export function bigHacofile(lines: number): string {
  const out = ["# generated for the LSP benchmark", "BASE = \"/var/lib/haconiwa\"", "Haconiwa.define do |barn|", "  barn.namespace.unshare \"pid\""];
  let i = 0;
  while (out.length < lines - 1) {
    out.push(
      `  barn.define do |c|`,
      `    c.name = "svc${i}"`,
      `    c.hostname = "svc${i}"`,
      `    root = "#{BASE}/svc${i}"`,
      `    c.chroot_to root`,
      `    c.init_command = ["/usr/sbin/svc", "--id", "${i}"]`,
      `    c.uid = ${i % 7 === 0 ? 0 : 1000 + i}`,
      `    c.gid = ${1000 + i}`,
      `    c.workdir = "/srv"`,
      `    c.environ = { "PATH" => "/usr/bin:/bin", "APP" => "svc${i}" }`,
      `    c.namespace.unshare "mount"`,
      `    c.namespace.unshare "ipc"`,
      `    c.namespace.unshare "uts"`,
      `    c.mount_independent "procfs"`,
      `    c.mount_independent "devpts"`,
      `    c.add_mount_point "tmpfs", to: "#{root}/tmp", fs: "tmpfs"`,
      `    c.add_mount_point "/srv/assets", to: "#{root}/assets", readonly: true`,
      `    c.capabilities.allow "cap_net_bind_service"`,
      `    c.cgroup["pids.max"] = 128`,
      `    c.resource.set_limit :NOFILE, 4096`,
      `  end`,
    );
    i++;
  }
  while (out.length < lines - 1) out.push("  # padding");
  out.push("end");
  return out.slice(0, lines - 1).concat("end").join("\n") + "\n";
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 40);
  const text = bigHacofile(2000);
  const child = spawn(process.execPath, [bin, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let waiting: { version: number; resolve: (t: number) => void } | null = null;
  conn.onNotification("textDocument/publishDiagnostics", (p: { version?: number; diagnostics: unknown[] }) => {
    if (waiting && p.version === waiting.version) {
      const w = waiting;
      waiting = null;
      w.resolve(performance.now());
    }
  });
  conn.onNotification("window/logMessage", () => undefined);
  conn.listen();
  await conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await conn.sendNotification("initialized", {});
  const uri = pathToFileURL(resolve("lsp-bench.haco")).href;
  let version = 1;
  const published = (v: number) => new Promise<number>((r) => { waiting = { version: v, resolve: r }; });
  let done = published(version);
  await conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "ruby", version, text } });
  await done;
  // line 10 is `    c.uid = 0` of the first child: flip it between 0 and 1 (one character)
  const uidLine = text.split("\n").findIndex((l) => l.includes("c.uid = "));
  const col = text.split("\n")[uidLine]!.indexOf("= ") + 2;
  const times: number[] = [];
  let diagCount = 0;
  for (let i = 0; i < runs + 5; i++) {
    version++;
    done = published(version);
    const t0 = performance.now();
    await conn.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: uidLine, character: col }, end: { line: uidLine, character: col + 1 } }, text: i % 2 ? "0" : "1" }],
    });
    const t1 = await done;
    if (i >= 5) times.push(t1 - t0); // the first edits warm up the JIT
    diagCount++;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p90 = times[Math.floor(times.length * 0.9)]!;
  console.log(`lsp-bench: ${text.split("\n").length - 1}-line Hacofile, ${runs} edits, debounce 0: didChange -> publishDiagnostics median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms (${diagCount} publishes)`);
  await conn.sendRequest("shutdown");
  await conn.sendNotification("exit");
  conn.dispose();
  child.stdin.end();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
