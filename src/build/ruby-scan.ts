// A small, careful scanner that finds `MRuby::Build.new` / `MRuby::CrossBuild.new` blocks in a
// build_config.rb and the offsets where each block's body starts and its closing `end`/`}` is.
//
// Why a scanner and not the grammar: build-config must work on any build_config.rb, and only
// needs block boundaries. The scanner skips everything that could hide a keyword (comments,
// =begin/=end, strings with interpolation, %-literals, heredocs, symbols, labels, method names
// after '.') and balances `do/def/class/module/begin/case/if/unless/while/until/for ... end`
// and braces. When grammar/parser.ts is available the same result can come from the AST
// (Call `new` on Const MRuby::Build with a block); findBuildBlocks is the one place to switch.

export interface BuildBlock {
  /** "MRuby::Build" or "MRuby::CrossBuild". */
  kind: string;
  /** Offset of `MRuby` in `MRuby::Build.new`. */
  start: number;
  /** Offset just after the block opener (`do |conf|` or `{ |conf|`) line's newline. */
  bodyStart: number;
  /** Offset of the closing `end` or `}` of the block. */
  endKeyword: number;
  /** Offset just after the closing keyword. */
  end: number;
  /** The block parameter name (`conf`), or null. */
  param: string | null;
}

export class RubyScanError extends Error {
  constructor(message: string, public readonly offset: number) {
    super(message);
    this.name = "RubyScanError";
  }
}

interface Token {
  kind: "word" | "punct" | "newline";
  text: string;
  offset: number;
}

const OPENERS = new Set(["class", "module", "def", "begin", "case", "do"]);
const CONDITIONAL = new Set(["if", "unless", "while", "until", "for"]);
/** Tokens after which `if`/`while`/... start a statement instead of modifying one. */
const STATEMENT_LEAD = new Set(["=", "(", "[", ",", ";", "{", "||", "&&", "!", "and", "or", "not", "then", "do", "return", "else", "elsif", "begin", "|", "+=", "-=", "||=", "&&=", "<<", "?", ":"]);
const PAIRS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/** Tokenise, dropping comments, strings and other literals (they can hide keywords). */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const pendingHeredocs: { id: string; squiggly: boolean }[] = [];
  let i = 0;
  const n = src.length;
  const prevSignificant = (): Token | undefined => out[out.length - 1];

  /** Skip a quoted body from i (just after the opening delimiter); handles nesting and #{...}. */
  const skipDelimited = (open: string, close: string, interpolate: boolean): void => {
    let depth = 1;
    while (i < n) {
      const c = src[i]!;
      if (c === "\\") { i += 2; continue; }
      if (interpolate && c === "#" && src[i + 1] === "{") { i += 2; skipCode("}"); continue; }
      if (c === close && open !== close) { depth--; i++; if (depth === 0) return; continue; }
      if (c === close) { i++; return; }
      if (c === open && open !== close) depth++;
      if (c === "\n") { out.push({ kind: "newline", text: "\n", offset: i }); }
      i++;
    }
    throw new RubyScanError(`unterminated literal (expected ${close})`, i);
  };

  /** Skip code inside #{...} up to the matching closer. */
  const skipCode = (close: string): void => {
    let depth = 1;
    while (i < n) {
      const c = src[i]!;
      if (c === '"' || c === "'" || c === "`") { i++; skipDelimited(c, c, c !== "'"); continue; }
      if (c === "{") depth++;
      if (c === close && --depth === 0) { i++; return; }
      i++;
    }
    throw new RubyScanError("unterminated interpolation", i);
  };

  while (i < n) {
    const c = src[i]!;
    const atLineStart = i === 0 || src[i - 1] === "\n";
    if (atLineStart && src.startsWith("=begin", i) && /[\s]/.test(src[i + 6] ?? "\n")) {
      const endAt = src.indexOf("\n=end", i);
      if (endAt < 0) throw new RubyScanError("unterminated =begin", i);
      i = src.indexOf("\n", endAt + 1);
      if (i < 0) i = n;
      continue;
    }
    if (c === "#") { while (i < n && src[i] !== "\n") i++; continue; }
    if (c === "\n") {
      out.push({ kind: "newline", text: "\n", offset: i });
      i++;
      // Heredoc bodies start on the line after their opener.
      while (pendingHeredocs.length > 0) {
        const h = pendingHeredocs.shift()!;
        for (;;) {
          if (i >= n) throw new RubyScanError(`unterminated heredoc ${h.id}`, i);
          const eol = src.indexOf("\n", i);
          const line = src.slice(i, eol < 0 ? n : eol);
          i = eol < 0 ? n : eol + 1;
          if ((h.squiggly ? line.trim() : line) === h.id) break;
        }
      }
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") { i++; continue; }
    if (c === "\\" && src[i + 1] === "\n") { i += 2; continue; }
    if (c === '"' || c === "`") { i++; skipDelimited(c, c, true); out.push({ kind: "word", text: "<str>", offset: i }); continue; }
    if (c === "'") { i++; skipDelimited(c, c, false); out.push({ kind: "word", text: "<str>", offset: i }); continue; }
    // Heredoc: <<~ID, <<-ID, <<ID, <<~'ID', <<~"ID" (only where a value can start).
    const hd = /^<<([~-]?)(["'`]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(src.slice(i, i + 80));
    if (hd && (prevSignificant() === undefined || prevSignificant()!.kind !== "word" || /^[a-z_]/.test(prevSignificant()!.text))) {
      pendingHeredocs.push({ id: hd[3]!, squiggly: hd[1] !== "" });
      i += hd[0].length;
      out.push({ kind: "word", text: "<str>", offset: i });
      continue;
    }
    // %-literals: %w() %i() %q() %Q() %() %r{} with any bracket or punctuation delimiter.
    const pct = /^%([wWiIqQrsx]?)([^\sA-Za-z0-9])/.exec(src.slice(i, i + 3));
    const prev = prevSignificant();
    if (pct && (prev === undefined || prev.kind !== "word" || STATEMENT_LEAD.has(prev.text) || /^[a-z_]/.test(prev.text))) {
      const open = pct[2]!;
      i += pct[0].length;
      skipDelimited(open, PAIRS[open] ?? open, !/[wiqs]/.test(pct[1]!));
      out.push({ kind: "word", text: "<str>", offset: i });
      continue;
    }
    // Regexp literal where a value is expected.
    if (c === "/" && (prev === undefined || prev.kind === "newline" || (prev.kind === "punct" && prev.text !== ")" && prev.text !== "]" && prev.text !== "}") || STATEMENT_LEAD.has(prev.text))) {
      i++;
      skipDelimited("/", "/", true);
      out.push({ kind: "word", text: "<re>", offset: i });
      continue;
    }
    // Symbols (:end, :"x") and ?x character literals hide keywords too.
    if (c === ":" && src[i + 1] !== ":" && (src[i - 1] !== ":")) {
      if (src[i + 1] === '"') { i += 2; skipDelimited('"', '"', true); out.push({ kind: "word", text: "<sym>", offset: i }); continue; }
      const sym = /^:[A-Za-z_][A-Za-z0-9_]*[?!=]?/.exec(src.slice(i, i + 200));
      if (sym && !(prev && prev.kind === "word" && /^[A-Za-z_]/.test(prev.text) && src[i - 1] !== " ")) {
        i += sym[0].length; out.push({ kind: "word", text: "<sym>", offset: i }); continue;
      }
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*[?!]?/.exec(src.slice(i, i + 200));
    if (word) {
      let text = word[0];
      const afterDot = prev && prev.kind === "punct" && (prev.text === "." || prev.text === "&.") ;
      const isLabel = src[i + text.length] === ":" && src[i + text.length + 1] !== ":";
      if (afterDot || isLabel || /^(?:def)$/.test(prev?.text ?? "") && text !== "self") text = `id:${text}`;
      out.push({ kind: "word", text, offset: i });
      i += word[0].length;
      continue;
    }
    const num = /^[0-9][0-9_]*(\.[0-9]+)?/.exec(src.slice(i, i + 100));
    if (num) { out.push({ kind: "word", text: "<num>", offset: i }); i += num[0].length; continue; }
    const punct = /^(::|\|\|=|&&=|\+=|-=|\|\||&&|<<|&\.|=>|==|!=|[^\sA-Za-z0-9_])/.exec(src.slice(i, i + 3))!;
    out.push({ kind: "punct", text: punct[0], offset: i });
    i += punct[0].length;
  }
  return out;
}

interface Frame {
  opener: string;
  build?: Omit<BuildBlock, "endKeyword" | "end">;
  def?: { name: string; start: number };
}

/** A `def NAME ... end` method definition (helpers like `def gem_config(conf)`). */
export interface MethodDef { name: string; start: number; end: number }

/** All MRuby::Build / MRuby::CrossBuild blocks, in source order. */
export function findBuildBlocks(src: string): BuildBlock[] {
  return scan(src).blocks;
}

/** All method definitions, in source order. */
export function findMethodDefs(src: string): MethodDef[] {
  return scan(src).defs;
}

function scan(src: string): { blocks: BuildBlock[]; defs: MethodDef[] } {
  const tokens = tokenize(src);
  const stack: Frame[] = [];
  const blocks: BuildBlock[] = [];
  const defs: MethodDef[] = [];
  let loopAwaitingDo = false;
  let pendingBuild: { kind: string; start: number } | null = null;


  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === "newline" || t.text === ";") { loopAwaitingDo = false; continue; }
    // MRuby :: Build . new  or  MRuby :: CrossBuild . new
    if (t.text === "MRuby" && tokens[k + 1]?.text === "::" && /^(Build|CrossBuild)$/.test(tokens[k + 2]?.text ?? "")
        && tokens[k + 3]?.text === "." && tokens[k + 4]?.text === "id:new") {
      pendingBuild = { kind: `MRuby::${tokens[k + 2]!.text}`, start: t.offset };
      k += 4;
      continue;
    }
    const openBlock = (opener: string): void => {
      const frame: Frame = { opener };
      if (opener === "def") {
        // def name / def self.name
        let j = k + 1;
        if (tokens[j]?.text === "self" && tokens[j + 1]?.text === ".") j += 2;
        frame.def = { name: (tokens[j]?.text ?? "").replace(/^id:/, ""), start: t.offset };
      }
      if (pendingBuild && (opener === "do" || opener === "{")) {
        // Parameters: | conf |
        let j = k + 1;
        let param: string | null = null;
        if (tokens[j]?.text === "|") { param = tokens[j + 1]?.text ?? null; while (j < tokens.length && !(tokens[j]!.text === "|" && j > k + 1)) j++; }
        const afterOpener = tokens[j]!.text === "|" ? tokens[j]!.offset + 1 : t.offset + opener.length;
        const nl = src.indexOf("\n", afterOpener);
        frame.build = { ...pendingBuild, bodyStart: nl < 0 ? src.length : nl + 1, param };
        pendingBuild = null;
      }
      stack.push(frame);
    };
    if (t.kind === "punct") {
      if (t.text === "{") openBlock("{");
      else if (t.text === "}") closeFrame(t, "}");
      continue;
    }
    if (t.text === "do") {
      if (loopAwaitingDo) { loopAwaitingDo = false; continue; }
      openBlock("do");
      continue;
    }
    if (OPENERS.has(t.text)) { openBlock(t.text); continue; }
    if (CONDITIONAL.has(t.text)) {
      const p = tokens[k - 1];
      const startsStatement = p === undefined || p.kind === "newline" || STATEMENT_LEAD.has(p.text);
      if (startsStatement) {
        openBlock(t.text);
        if (t.text === "while" || t.text === "until" || t.text === "for") loopAwaitingDo = true;
      }
      continue;
    }
    if (t.text === "end") closeFrame(t, "end");
  }
  if (stack.length > 0) throw new RubyScanError(`unclosed '${stack[stack.length - 1]!.opener}'`, src.length);
  return { blocks: blocks.sort((a, b) => a.start - b.start), defs: defs.sort((a, b) => a.start - b.start) };

  function closeFrame(t: Token, closer: "end" | "}"): void {
    const frame = stack.pop();
    if (!frame) throw new RubyScanError(`unexpected '${closer}'`, t.offset);
    if ((closer === "}") !== (frame.opener === "{")) throw new RubyScanError(`'${closer}' closes '${frame.opener}'`, t.offset);
    if (frame.def) defs.push({ ...frame.def, end: t.offset + closer.length });
    if (frame.build) blocks.push({ ...frame.build, endKeyword: t.offset, end: t.offset + closer.length });
  }
}
