// Writes build_config.rb: a fresh file from the template, or an update of an existing file in
// which only the marked region inside each relevant build block is ours. Every byte outside
// the markers is preserved, and rendering the same policy twice gives the same bytes.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import { commentValue, policyDefines, rubyDefineLiteral, rubySingleQuoted, type CDefine, type DefineOptions } from "./defines.js";
import { readBuildLayout } from "./build-blocks.js";
import { RubyScanError, type BuildBlock, type MethodDef } from "./ruby-scan.js";
import type { Policy } from "../policy/policy.js";

import { BEGIN_MARKER, BuildConfigError, END_MARKER, GEM_NAME } from "./names.js";

export { BEGIN_MARKER, BuildConfigError, END_MARKER, GEM_NAME };


/** The package's templates/ folder, found from this module in src/ (tests) or dist/src/ (CLI). */
export function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "templates", "build_config"))) return join(dir, "templates");
    dir = dirname(dir);
  }
  throw new Error("hacolint installation is incomplete: templates/ not found");
}

function renderTemplate(rel: string, data: Record<string, unknown>): string {
  const file = join(templatesDir(), rel);
  return ejs.render(readFileSync(file, "utf8"), data, { filename: file });
}

export interface RenderOptions extends DefineOptions {
  /** Ruby expression that evaluates to the gem's directory (see gemPathExpression). */
  gemPath: string;
}

/**
 * The Ruby expression for the gem directory: relative paths are resolved against the
 * build_config.rb's own directory, so the file works from any working directory.
 */
export function gemPathExpression(gemDir: string): string {
  if (/[\0\r\n]/.test(gemDir)) throw new BuildConfigError("gem directory contains a line break or NUL");
  if (gemDir.startsWith("/")) return rubySingleQuoted(gemDir);
  return `File.expand_path(${rubySingleQuoted(gemDir)}, File.dirname(__FILE__))`;
}

/** The managed region (with trailing newline) for one build block. */
export function renderRegion(defines: CDefine[], indent: string, conf: string, gemPath: string, digest: string): string {
  const rows = defines.map((d) => ({ literal: rubyDefineLiteral(d), comment: `${d.source}: ${commentValue(d.value)}` }));
  return renderTemplate("build_config/managed_region.rb.ejs", { indent, conf, gemPath, digest, defines: rows });
}

function digestOf(defines: CDefine[]): string {
  return String(defines.find((d) => d.name === "HACOLINT_POLICY_DIGEST")?.value ?? "");
}

/** A complete build_config.rb for a plain core-gems build plus the validation gem. */
export function freshBuildConfig(policy: Policy, options: RenderOptions): string {
  const defines = policyDefines(policy, options);
  const region = renderRegion(defines, "  ", "conf", options.gemPath, digestOf(defines));
  return renderTemplate("build_config/build_config.rb.ejs", { region: region.replace(/\n$/, ""), gemName: GEM_NAME });
}

// ---- --base mode -------------------------------------------------------------------------------

interface Line { start: number; end: number; text: string }

function lineAt(src: string, offset: number): Line {
  const start = src.lastIndexOf("\n", offset - 1) + 1;
  const nl = src.indexOf("\n", offset);
  const end = nl < 0 ? src.length : nl + 1;
  return { start, end, text: src.slice(start, nl < 0 ? src.length : nl) };
}

function lineNumber(src: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

/** Managed regions as [start, end) byte ranges of whole lines, with marker sanity checks. */
function managedRegions(src: string): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  let open: number | null = null;
  let offset = 0;
  for (const raw of src.split(/(?<=\n)/)) {
    const t = raw.trim();
    if (t.startsWith(BEGIN_MARKER)) {
      if (open !== null) throw new BuildConfigError(`line ${lineNumber(src, offset)}: '${BEGIN_MARKER}' inside another managed region`);
      open = offset;
    } else if (t.startsWith(END_MARKER)) {
      if (open === null) throw new BuildConfigError(`line ${lineNumber(src, offset)}: '${END_MARKER}' without a BEGIN marker`);
      regions.push({ start: open, end: offset + raw.length });
      open = null;
    }
    offset += raw.length;
  }
  if (open !== null) throw new BuildConfigError(`line ${lineNumber(src, open)}: '${BEGIN_MARKER}' has no END marker`);
  return regions;
}

/** Text with the managed regions cut out (used to decide which builds build haconiwa). */
function withoutRegions(text: string): string {
  return text.replace(/^[ \t]*# BEGIN hacolint managed[\s\S]*?# END hacolint managed[^\n]*\n?/gm, "");
}

const HACONIWA_GEM = /^\s*[A-Za-z_][A-Za-z0-9_]*\.gem\b.*haconiwa/im;

/**
 * Which build blocks get the gem: those whose `conf.gem` lines mention haconiwa, directly or
 * through a helper method (`def gem_config(conf)`) they call; every block when none does.
 */
export function targetBlocks(src: string, blocks: BuildBlock[], defs: MethodDef[]): BuildBlock[] {
  const clean = (a: number, b: number): string => withoutRegions(src.slice(a, b));
  const helpers = defs.filter((d) => HACONIWA_GEM.test(clean(d.start, d.end))).map((d) => d.name);
  const callsHelper = (text: string): boolean => helpers.some((h) => new RegExp(`(^|[^.\\w])${h}\\b`).test(text));
  const haconiwa = blocks.filter((b) => {
    const body = clean(b.bodyStart, b.endKeyword);
    return HACONIWA_GEM.test(body) || callsHelper(body);
  });
  return haconiwa.length > 0 ? haconiwa : blocks;
}

/** The existing build_config.rb with one managed region at the end of each target block. */
export function updateBuildConfig(base: string, policy: Policy, options: RenderOptions): string {
  const defines = policyDefines(policy, options);
  const digest = digestOf(defines);
  let blocks: BuildBlock[], defs: MethodDef[];
  try {
    ({ blocks, defs } = readBuildLayout(base));
  } catch (e) {
    if (e instanceof RubyScanError) throw new BuildConfigError(`line ${lineNumber(base, e.offset)}: cannot read the base file: ${e.message}`);
    throw e;
  }
  if (blocks.length === 0) throw new BuildConfigError("no MRuby::Build.new or MRuby::CrossBuild.new block found");
  const targets = new Set(targetBlocks(base, blocks, defs));
  const regions = managedRegions(base);
  for (const r of regions) {
    if (!blocks.some((b) => r.start >= b.bodyStart && r.end <= b.endKeyword)) {
      throw new BuildConfigError(`line ${lineNumber(base, r.start)}: managed region outside any build block; remove it`);
    }
  }

  // Edits as [start, end, replacement], applied from the end so earlier offsets stay valid.
  const edits: [number, number, string][] = regions.map((r) => [r.start, r.end, ""]);
  for (const b of blocks) {
    if (!targets.has(b)) continue;
    const endLine = lineAt(base, b.endKeyword);
    if (endLine.text.slice(0, b.endKeyword - endLine.start).trim() !== "") {
      throw new BuildConfigError(`line ${lineNumber(base, b.endKeyword)}: the ${b.kind} block's closing '${base.slice(b.endKeyword, b.end)}' must be on its own line`);
    }
    if (b.param === null || !/^[a-z_][A-Za-z0-9_]*$/.test(b.param)) {
      throw new BuildConfigError(`line ${lineNumber(base, b.start)}: the ${b.kind} block needs a parameter (do |conf|)`);
    }
    const endIndent = endLine.text.match(/^[ \t]*/)![0];
    edits.push([endLine.start, endLine.start, renderRegion(defines, bodyIndent(base, b, endIndent), b.param, options.gemPath, digest)]);
  }
  edits.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  let out = base;
  for (const [s, e, text] of edits) out = out.slice(0, s) + text + out.slice(e);
  return out;
}

/** Indentation of the block's first non-blank, non-region body line (default: end's + 2). */
function bodyIndent(src: string, b: BuildBlock, endIndent: string): string {
  const body = withoutRegions(src.slice(b.bodyStart, b.endKeyword));
  const first = body.split("\n").find((l) => l.trim() !== "");
  const ind = first?.match(/^[ \t]*/)?.[0];
  return ind !== undefined && ind.length > endIndent.length ? ind : endIndent + "  ";
}
