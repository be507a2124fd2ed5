// Property tests: arbitrary input never throws and never hangs, and the work done grows linearly
// with input size. Linearity is checked by counting work (parseWork), never by timing: speed is
// measured by `npm run bench`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRuby, parseWork } from "../../grammar/parser.js";
import type { ParseResult } from "../../src/ast/nodes.js";

/** Small deterministic PRNG (mulberry32) so failures reproduce from the printed seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixtureDir = join(import.meta.dirname, "../fixtures/hacofiles");
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith(".haco")).map((f) => readFileSync(join(fixtureDir, f), "utf8"));

/** Parses and checks the result is well formed: ranges inside the text, diagnostics sorted. */
function parseChecked(text: string, label: string): ParseResult {
  let r: ParseResult;
  try {
    r = parseRuby(text);
  } catch (e) {
    throw new Error(`parseRuby threw on ${label}: ${(e as Error).message}\n${JSON.stringify(text.slice(0, 300))}`);
  }
  for (const d of r.diagnostics) {
    expect(d.range.start.offset, label).toBeGreaterThanOrEqual(0);
    expect(d.range.end.offset, label).toBeLessThanOrEqual(text.length);
    expect(d.range.start.offset, label).toBeLessThanOrEqual(d.range.end.offset);
  }
  for (const n of r.program.body) {
    expect(n.range.start.offset, label).toBeGreaterThanOrEqual(0);
    expect(n.range.end.offset, label).toBeLessThanOrEqual(text.length);
  }
  return r;
}

const SOUP = [
  "do", "end", "|", "x", "c.", "name", "=", "==", "(", ")", "[", "]", "{", "}", "\n", ";", ",", '"', "'", "`", "#{", "}", "#",
  "<<-A", "<<~B", "A\n", "%w(", "%w[", ":", "::", "?", "!", "-", "*", "**", "/", "%", "&.", "->", "if", "unless", "else", "elsif",
  "def", "self", "module", "Kernel", "case", "when", "while", "begin", "rescue", "=>", "key:", "1", "2.5", "@a", "$$", "..",
  "Haconiwa.define", " ", "  ", "\t", "\\", "=begin\n", "=end\n", "__END__\n", "😀", "\r\n", "x ||=", "ENV['X']",
];

describe("robustness", () => {
  it("random byte strings never throw", () => {
    const next = rng(1);
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(next() * 200);
      let s = "";
      for (let j = 0; j < len; j++) s += String.fromCharCode(Math.floor(next() * 256));
      parseChecked(s, `bytes #${i}`);
    }
  });

  it("random token soups never throw", () => {
    const next = rng(2);
    for (let i = 0; i < 400; i++) {
      const n = Math.floor(next() * 60);
      let s = "";
      for (let j = 0; j < n; j++) s += SOUP[Math.floor(next() * SOUP.length)] + (next() < 0.5 ? " " : "");
      parseChecked(s, `soup #${i}`);
    }
  });

  it("fixtures with random spans deleted, duplicated or swapped never throw", () => {
    const next = rng(3);
    expect(fixtures.length).toBeGreaterThan(0);
    for (const [k, base] of fixtures.entries()) {
      for (let i = 0; i < 150; i++) {
        const a = Math.floor(next() * base.length);
        const b = Math.min(base.length, a + Math.floor(next() * 80));
        const c = Math.floor(next() * base.length);
        const op = Math.floor(next() * 3);
        let s: string;
        if (op === 0) s = base.slice(0, a) + base.slice(b);
        else if (op === 1) s = base.slice(0, c) + base.slice(a, b) + base.slice(c);
        else {
          const [x, y] = a < c ? [a, c] : [c, a];
          s = base.slice(0, x) + base.slice(y, y + (b - a)) + base.slice(x + (b - a), y) + base.slice(x, x + (b - a)) + base.slice(y + (b - a));
        }
        parseChecked(s, `fixture ${k} mutation #${i} op ${op}`);
      }
    }
  });
});

describe("deep nesting gives a diagnostic, not a stack overflow", () => {
  const N = 100_000;
  const cases: [string, string][] = [
    ["brackets", "[".repeat(N) + "]".repeat(N)],
    ["bangs", "!".repeat(N) + "x"],
    ["interpolation", '"#{'.repeat(N) + "x" + '}"'.repeat(N)],
    ["parens", "(".repeat(N) + "1" + ")".repeat(N)],
    ["do blocks", "x do\n".repeat(N) + "end\n".repeat(N)],
    ["power chain", "2" + " ** 2".repeat(N)],
    ["assignment chain", "a = ".repeat(N) + "1"],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const r = parseChecked(text, name);
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(r.diagnostics[0].kind).toBe("syntax-error");
      expect(r.diagnostics[0].message).toMatch(/nested (deeper than 200 levels|too deeply)/);
    });
  }

  it("a 100k-line file parses completely", () => {
    const text = 'c.name = "x#{1}"\n'.repeat(100_000);
    const r = parseChecked(text, "100k lines");
    expect(r.diagnostics).toEqual([]);
    expect(r.program.body).toHaveLength(100_000);
  });
});

describe("work is linear in the input", () => {
  /** Work for `unit` repeated n times, per copy. */
  function workPerCopy(unit: string, n: number) {
    parseChecked(unit.repeat(n), `${n} copies`);
    const { lexedChars, tokens, lookahead, skipped } = parseWork;
    return { lexedChars: lexedChars / n, tokens: tokens / n, lookahead: lookahead / n, skipped: skipped / n };
  }

  const units: [string, string][] = [
    ["the idioms fixture", fixtures[0]],
    ["long argument lists", "foo " + "a, ".repeat(200) + "1\n"],
    ["long arrays", "x = [" + "1, ".repeat(200) + "1]\n"],
    ["adjacent strings", 'x = "a" ' + '"b" '.repeat(200) + "\n"],
    ["nested interpolation", 'x = "#{"#{"#{y}"}"}"\n'],
    ["broken statements", "c.x = = 1 ) ] }\n"],
  ];
  for (const [name, unit] of units) {
    it(name, () => {
      const one = workPerCopy(unit, 1);
      const many = workPerCopy(unit, 64);
      // Every counter per copy must stay flat (a little slack for the file's first/last line).
      for (const k of ["lexedChars", "tokens", "lookahead", "skipped"] as const) {
        expect(many[k], k).toBeLessThanOrEqual(one[k] * 1.05 + 2);
      }
    });
  }
});
