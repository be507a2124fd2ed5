// Files per second when linting a tree of many Hacofiles: generates N files (default 5,000) in a
// temporary directory, then times (1) the CLI end to end on the directory, (2) the worker pool
// in-process, (3) a single thread. Run: npm run build && node dist/scripts/bench-files.js [N]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { resolveForFile, defaultConfig } from "../src/config/index.js";
import { expandPath, lintJobs, type LintJob } from "../src/lint/files.js";
import { packageRoot } from "../src/cli/version.js";

/** A realistic Hacofile that varies with i: single or multi-container, some with findings. */
function hacofile(i: number): string {
  const uid = i % 7 === 0 ? 0 : 2000 + (i % 500);
  const env = i % 5 === 0 ? `, "LD_PRELOAD" => "/tmp/x.so"` : "";
  const single = `# generated ${i}
root = Pathname.new("/var/lib/haconiwa/app-${i}")
Haconiwa.define do |c|
  c.name = "app-${i}"
  c.init_command = ["/usr/bin/app", "--port", "${8000 + (i % 1000)}"]
  c.chroot_to root
  c.uid = ${uid}
  c.gid = ${uid}
  c.environ = { "PATH" => "/usr/bin:/bin", "LANG" => "C.UTF-8"${env} }
  c.namespace.unshare "mount"
  c.namespace.unshare "ipc"
  c.namespace.unshare "uts"
  c.namespace.unshare "pid"
  c.mount_independent "procfs"
  c.mount_independent "tmpfs", "#{root}/tmp"
  c.capabilities.reset_to_privileged!
  c.capabilities.allow "cap_net_bind_service"
  c.cgroup["pids.max"] = ${100 + (i % 50)}
  c.resource.set_limit :NOFILE, 1024
end
`;
  if (i % 3 !== 0) return single;
  return `# generated ${i}, multi-container
Haconiwa.define do |barn|
  barn.uid = ${uid}
  barn.gid = ${uid}
  ${3 + (i % 4)}.times do |n|
    barn.define do |box|
      box.name = "worker-${i}-#{n}"
      box.init_command = "/usr/bin/worker"
      box.chroot_to "/var/lib/haconiwa/worker-${i}-#{n}"
    end
  end
end
`;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 5000);
  const dir = mkdtempSync(join(tmpdir(), "hacolint-bench-"));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `group-${String(i % 50).padStart(2, "0")}`);
    mkdirSync(sub, { recursive: true });
    const text = hacofile(i);
    bytes += text.length;
    // Every tenth as a `Hacofile` in its own directory, the rest as `*.haco`: both names are searched.
    if (i % 10 === 0) {
      mkdirSync(join(sub, `svc-${i}`), { recursive: true });
      writeFileSync(join(sub, `svc-${i}`, "Hacofile"), text);
    } else {
      writeFileSync(join(sub, `app-${i}.haco`), text);
    }
  }
  const files = expandPath(dir);
  process.stdout.write(`${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)}\n`);

  const cli = join(packageRoot(), "dist/src/cli/main.js");
  let start = performance.now();
  const run = spawnSync(process.execPath, [cli, "--format", "json", "-o", join(dir, "out.json"), dir], { encoding: "utf8" });
  const cliSeconds = (performance.now() - start) / 1000;
  if (run.status === 2) throw new Error(`CLI failed: ${run.stderr}`);
  process.stdout.write(`CLI end to end:         ${(files.length / cliSeconds).toFixed(0).padStart(6)} files/s (${cliSeconds.toFixed(2)} s)\n`);

  const settings = resolveForFile(defaultConfig(dir), dir);
  const jobs: LintJob[] = files.map((path, index) => ({ index, path, display: path, settings, inlineConfig: true, fix: false, keepSource: false }));
  for (const [label, workers] of [["worker pool (default):", undefined], ["single thread:", 0]] as const) {
    start = performance.now();
    await lintJobs(jobs, workers === undefined ? {} : { workers });
    const seconds = (performance.now() - start) / 1000;
    process.stdout.write(`${label.padEnd(24)}${(files.length / seconds).toFixed(0).padStart(6)} files/s (${seconds.toFixed(2)} s)\n`);
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-files: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
