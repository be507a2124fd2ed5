// A small unified diff (for `build-config --dry-run`), so no dependency is needed.
// Line-based LCS; build_config.rb files are small. Beyond LIMIT cells it shows one big hunk.

const LIMIT = 25_000_000;
const CONTEXT = 3;

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

function splitLines(s: string): string[] {
  if (s === "") return [];
  const lines = s.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += "\n\\ No newline at end of file";
  return lines;
}

function diffOps(a: string[], b: string[]): Op[] {
  const n = a.length, m = b.length;
  if (n * m > LIMIT) {
    return [...a.map((line, i) => ({ kind: "-" as const, line, a: i, b: 0 })), ...b.map((line, j) => ({ kind: "+" as const, line, a: n, b: j }))];
  }
  // lcs[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { ops.push({ kind: " ", line: a[i]!, a: i++, b: j++ }); }
    else if (j < m && (i === n || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) { ops.push({ kind: "+", line: b[j]!, a: i, b: j++ }); }
    else { ops.push({ kind: "-", line: a[i]!, a: i++, b: j }); }
  }
  return ops;
}

/** Unified diff of two texts; "" when they are equal. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string): string {
  if (oldText === newText) return "";
  const ops = diffOps(splitLines(oldText), splitLines(newText));
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === " ") k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    // Extend while the next change is within 2*CONTEXT unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== " ") end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === " ") next++;
      if (next < ops.length && next - end <= 2 * CONTEXT) { end = next; continue; }
      end = Math.min(ops.length, end + CONTEXT);
      break;
    }
    const hunk = ops.slice(start, end);
    const aLen = hunk.filter((o) => o.kind !== "+").length;
    const bLen = hunk.filter((o) => o.kind !== "-").length;
    const aStart = hunk[0]!.a + (aLen > 0 ? 1 : 0);
    const bStart = hunk[0]!.b + (bLen > 0 ? 1 : 0);
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    k = end;
  }
  return out.join("\n") + "\n";
}
