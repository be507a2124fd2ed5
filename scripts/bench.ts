// `npm run bench`: parse speed of hacolint's parser next to prism's on the same generated
// Hacofile (>= 100k lines), in the same run; and full lint speed once src/lint is wired.
// Each measurement: warm-up runs, then the median of several timed runs.
import { performance } from "node:perf_hooks";
import { parseRuby } from "../grammar/parser.js";

const WARMUP = 2;
const RUNS = 5;

/** One container of a realistic barn: strings, interpolation, heredoc, hashes, blocks. */
function container(i: number): string {
  return `  b.define do |c|
    c.name = "svc-${i}-#{suffix}"
    c.chroot_to File.join(BASE, "svc-${i}")
    c.init_command = ["/usr/bin/svc", "--id", "${i}", "--port", (8000 + ${i}).to_s]
    c.environ = { "LANG" => "C.UTF-8", "SVC_ID" => "${i}", "TZ" => ENV["TZ"] || "UTC" }
    c.workdir = "/srv/svc-${i}" # working directory
    c.namespace.unshare "mount"
    c.namespace.unshare "pid"
    c.namespace.set_uid_mapping min: 0, max: 65535, offset: 100000 + ${i} * 65536
    c.capabilities.allow "cap_net_bind_service"
    c.cgroup["pids.max"] = ${64 + (i % 32)}
    c.add_mount_point "/var/log/svc-${i}", to: "#{BASE}/svc-${i}/var/log", readonly: true
    c.add_general_hook :before_start do |base|
      Haconiwa::Logger.info "starting #{base.name} (${i})" if ENV["VERBOSE"]
    end
    c.provision do |p|
      p.run_shell <<-SHELL, name: "setup-${i}"
        useradd -u #{1000 + ${i}} svc${i}
        echo "ready ${i}"
      SHELL
    end
  end
`;
}

export function generateHacofile(minLines: number): string {
  const head = `# -*- mode: ruby -*-\nBASE = ENV["BASE"] || "/var/lib/haconiwa"\nsuffix = ::SHA1.sha1_hex("x")[0, 4]\nbarn = Haconiwa::Barn.define do |b|\n  b.name = "bench"\n`;
  const parts = [head];
  let lines = head.split("\n").length;
  for (let i = 0; lines < minLines; i++) {
    const c = container(i);
    parts.push(c);
    lines += c.split("\n").length - 1;
  }
  parts.push("end\nbarn\n");
  return parts.join("");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median MB/s of `fn` over the text (MB = 10^6 UTF-16 code units ≈ bytes for ASCII). */
function measure(label: string, text: string, fn: () => void): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  const ms = median(times);
  const mbs = text.length / 1e6 / (ms / 1000);
  console.log(`${label.padEnd(22)} ${mbs.toFixed(2).padStart(7)} MB/s   median ${ms.toFixed(0)} ms of ${RUNS}`);
  return mbs;
}

async function main() {
  const text = generateHacofile(100_000);
  console.log(`input: ${text.split("\n").length} lines, ${(text.length / 1e6).toFixed(2)} MB`);
  const first = parseRuby(text);
  if (first.diagnostics.length) console.log(`warning: ${first.diagnostics.length} diagnostics, first: ${first.diagnostics[0].message}`);

  const ours = measure("hacolint parse", text, () => parseRuby(text));

  // prism's wasm parse plus its deserialisation into JS objects: what a JS caller pays
  const { loadPrism } = await import("@ruby/prism");
  const prism = await loadPrism();
  const theirs = measure("prism parse", text, () => prism(text));

  let lint: number | null = null;
  try {
    const { lintText } = await import("../src/lint/engine.js");
    const { DEFAULT_POLICY } = await import("../src/policy/policy.js");
    lintText(text, { filePath: "bench.haco", policy: DEFAULT_POLICY });
    lint = measure("hacolint full lint", text, () => lintText(text, { filePath: "bench.haco", policy: DEFAULT_POLICY }));
  } catch (e) {
    console.log(`lint: not wired (${(e as Error).message.split("\n")[0]})`);
  }
  console.log(`parse: ours / prism = ${(ours / theirs).toFixed(2)}x`);
  if (lint !== null) console.log(`lint:  ours / prism = ${(lint / theirs).toFixed(2)}x (target >= 3x)`);
}

await main();
