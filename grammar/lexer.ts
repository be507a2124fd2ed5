// Chevrotain lexer for the Ruby subset of Hacofiles and build_config.rb (hacofile-dsl.md §8.3).
//
// Ruby's lexer depends on context: `/`, `%`, `<<`, `[`, `-`, `*`, `:` and `?` start a literal or a
// unary operator where a value is expected, and are binary operators after a value. Context-free
// regexes cannot tell, so those tokens use custom matchers that look at the previous token and at
// the spacing around them (Ruby's own heuristic for paren-less command arguments: `foo -1` vs
// `foo - 1`). Strings are matched whole by a scanner that skips over `#{...}` (which may hold
// nested strings); the parser re-lexes each interpolation, so every character is still lexed a
// bounded number of times. Heredoc bodies are taken by the newline token that ends the opener's
// line and recorded in a side table.
import { createToken, Lexer, type IToken, type TokenType, type CustomPatternMatcherFunc } from "chevrotain";

/** A `#{...}` region inside a string-like token: offsets of the code between the braces. */
export interface InterpSpan { start: number; end: number }

/** Where a string-like token's content is and which parts are interpolated. */
export interface StringInfo {
  /** Content offsets (without delimiters). */
  start: number;
  end: number;
  interps: InterpSpan[];
  /** Heredoc only: `<<~` removes common indentation. */
  squiggly?: boolean;
  /** Heredoc with a quoted opener, or a single-quoted/%q/%w string: no escapes or interpolation. */
  raw?: boolean;
  /** False when the closing delimiter was never found. */
  terminated: boolean;
}

// ---- lexing state shared by the custom matchers of one tokenize() call --------------------------

interface PendingHeredoc { token: { startOffset: number }; id: string; dash: boolean; squiggly: boolean; raw: boolean }

class LexState {
  text = "";
  base = 0;
  strings = new Map<number, StringInfo>();
  pending: PendingHeredoc[] = [];
  /** Offset of an interpolation nested deeper than MAX_INTERP_DEPTH, or null. */
  tooDeep: number | null = null;
  reset(text: string, base: number): void {
    this.text = text;
    this.base = base;
    this.strings = new Map();
    this.pending = [];
    this.tooDeep = null;
  }
}
const state = new LexState();

// ---- context helpers ----------------------------------------------------------------------------

/** Token types after which a value has ended (so `/`, `[`, `-` ... are binary operators). */
const VALUE_END = new Set<TokenType>();

function prevToken(matched: IToken[]): IToken | undefined {
  return matched.length ? matched[matched.length - 1] : undefined;
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

/**
 * True where a value may start: after an operator or at statement start, or after a method name
 * followed by a space when the next character is not a space (`foo -1`, `run <<-SH`, `x [1]`).
 */
function valueExpected(text: string, offset: number, matched: IToken[]): boolean {
  const prev = prevToken(matched);
  if (!prev) return true;
  if (!VALUE_END.has(prev.tokenType)) return true;
  if (prev.tokenType === Identifier) {
    const spaceBefore = isSpace(text[offset - 1]);
    const afterNext = text[offset + 1];
    return spaceBefore && !isSpace(afterNext) && afterNext !== "=" && afterNext !== "\n";
  }
  return false;
}

// ---- string scanning ------------------------------------------------------------------------------

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/**
 * Scans string content from `pos` until the unescaped `close`, recording `#{...}` spans when
 * `interp`. Bracket delimiters nest (`%w(a (b) c)`). Returns the offset of the closing delimiter,
 * or -1 when the text ends first.
 */
/** scanString and scanCode recurse once per nested string; deeper text is refused, not overflowed. */
const MAX_INTERP_DEPTH = 200;

function scanString(text: string, pos: number, open: string, close: string, interp: boolean, spans: InterpSpan[], level = 0): number {
  let depth = 0;
  const n = text.length;
  while (pos < n) {
    const c = text[pos];
    if (c === "\\") { pos += 2; continue; }
    if (c === close && depth === 0) return pos;
    if (open !== close) {
      if (c === open) depth++;
      else if (c === close) depth--;
    }
    if (interp && c === "#" && text[pos + 1] === "{") {
      if (level >= MAX_INTERP_DEPTH) {
        if (state.tooDeep === null) state.tooDeep = pos + state.base;
        return -1;
      }
      const end = scanCode(text, pos + 2, level + 1);
      if (end < 0) return -1;
      spans.push({ start: pos + 2, end });
      pos = end + 1;
      continue;
    }
    pos++;
  }
  return -1;
}

/** Skips Ruby code inside `#{...}` to its closing brace, stepping over nested strings. */
function scanCode(text: string, pos: number, level: number): number {
  let depth = 0;
  const n = text.length;
  const ignored: InterpSpan[] = [];
  while (pos < n) {
    const c = text[pos];
    if (c === "}") {
      if (depth === 0) return pos;
      depth--;
    } else if (c === "{") depth++;
    else if (c === '"' || c === "`") {
      const end = scanString(text, pos + 1, c, c, true, ignored, level);
      if (end < 0) return -1;
      pos = end;
    } else if (c === "'") {
      const end = scanString(text, pos + 1, c, c, false, ignored, level);
      if (end < 0) return -1;
      pos = end;
    } else if (c === "#" && text[pos + 1] !== "{") {
      // a comment inside an interpolation runs to the end of the line
      while (pos < n && text[pos] !== "\n") pos++;
      continue;
    }
    pos++;
  }
  return -1;
}

function record(start: number, info: StringInfo): void {
  state.strings.set(start + state.base, {
    ...info,
    start: info.start + state.base,
    end: info.end + state.base,
    interps: info.interps.map((s) => ({ start: s.start + state.base, end: s.end + state.base })),
  });
}

function match(text: string, offset: number, end: number): RegExpExecArray {
  const m = [text.slice(offset, end)] as unknown as RegExpExecArray;
  return m;
}

/** A quoted string `"..."`, `'...'` or `` `...` ``; unterminated ones run to the end of the text. */
function quoted(quote: string, interp: boolean): CustomPatternMatcherFunc {
  return (text, offset) => {
    if (text[offset] !== quote) return null;
    const spans: InterpSpan[] = [];
    const close = scanString(text, offset + 1, quote, quote, interp, spans);
    const end = close < 0 ? text.length : close + 1;
    record(offset, { start: offset + 1, end: close < 0 ? text.length : close, interps: spans, raw: !interp, terminated: close >= 0 });
    return match(text, offset, end);
  };
}

const PERCENT_RE = /%([wWiIqQrsx]?)([^\w\s])/y;

/** `%w(...)`, `%i[...]`, `%q{...}`, `%(...)`: only where a value is expected. */
const percentLiteral: CustomPatternMatcherFunc = (text, offset, matched) => {
  if (text[offset] !== "%" || !valueExpected(text, offset, matched as IToken[])) return null;
  PERCENT_RE.lastIndex = offset;
  const m = PERCENT_RE.exec(text);
  if (!m) return null;
  const open = m[2];
  const close = CLOSERS[open] ?? open;
  const kind = m[1];
  const interp = kind === "" || kind === "W" || kind === "I" || kind === "Q" || kind === "r" || kind === "x";
  const spans: InterpSpan[] = [];
  const contentStart = offset + m[0].length;
  const closeAt = scanString(text, contentStart, open, close, interp, spans);
  const end = closeAt < 0 ? text.length : closeAt + 1;
  record(offset, { start: contentStart, end: closeAt < 0 ? text.length : closeAt, interps: spans, raw: !interp, terminated: closeAt >= 0 });
  return match(text, offset, end);
};

const HEREDOC_RE = /<<([-~]?)(?:([A-Za-z_]\w*)|'([^'\n]*)'|"([^"\n]*)")/y;

/** Heredoc opener `<<-ID`, `<<~ID`, `<<ID`, `<<~'ID'`: the body is taken at the end of the line. */
const heredocStart: CustomPatternMatcherFunc = (text, offset, matched) => {
  if (text[offset] !== "<" || text[offset + 1] !== "<" || !valueExpected(text, offset, matched as IToken[])) return null;
  HEREDOC_RE.lastIndex = offset;
  const m = HEREDOC_RE.exec(text);
  if (!m) return null;
  const token = { startOffset: offset + state.base };
  state.pending.push({ token, id: m[2] ?? m[3] ?? m[4], dash: m[1] !== "", squiggly: m[1] === "~", raw: m[3] !== undefined });
  return match(text, offset, offset + m[0].length);
};

/**
 * A line break. When heredoc openers are pending on this line, their bodies follow the break:
 * the token swallows them, and each body is recorded for its opener.
 */
const newline: CustomPatternMatcherFunc = (text, offset) => {
  if (text[offset] !== "\n") return null;
  let pos = offset + 1;
  for (const h of state.pending) {
    const bodyStart = pos;
    let bodyEnd = -1;
    while (pos < text.length) {
      let eol = text.indexOf("\n", pos);
      if (eol < 0) eol = text.length;
      let line = text.slice(pos, eol);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      const candidate = h.dash || h.squiggly ? line.trimStart() : line;
      if (candidate === h.id) {
        bodyEnd = pos;
        pos = eol < text.length ? eol + 1 : eol;
        break;
      }
      pos = eol + 1;
    }
    const terminated = bodyEnd >= 0;
    if (!terminated) { bodyEnd = text.length; pos = text.length; }
    const spans: InterpSpan[] = [];
    if (!h.raw) scanString(text.slice(0, bodyEnd), bodyStart, "\0", "\0", true, spans);
    state.strings.set(h.token.startOffset, {
      start: bodyStart + state.base, end: bodyEnd + state.base,
      interps: spans.map((s) => ({ start: s.start + state.base, end: s.end + state.base })),
      squiggly: h.squiggly, raw: h.raw, terminated,
    });
  }
  state.pending = [];
  return match(text, offset, pos);
};

/** `:name`, `:"str"`, `:+` where a symbol can start (not `a ? b : c`, not `A::B`). */
const SYMBOL_RE = /:(?:@@?[A-Za-z_]\w*|\$[A-Za-z_]\w*|[A-Za-z_]\w*[?!=]?|\[\]=?|\*\*|[+\-*\/%<>!~^&|]=?|<=>|==?=?|=~|<<|>>)/y;
const symbol: CustomPatternMatcherFunc = (text, offset, matched) => {
  if (text[offset] !== ":" || text[offset + 1] === ":") return null;
  const prev = prevToken(matched as IToken[]);
  // After a value, `:` is the ternary's else unless written `cond ? a :sym`-style without space.
  if (prev && VALUE_END.has(prev.tokenType) && !(prev.tokenType === Identifier && isSpace(text[offset - 1]) && !isSpace(text[offset + 1]))) return null;
  if (text[offset + 1] === '"') {
    const spans: InterpSpan[] = [];
    const close = scanString(text, offset + 2, '"', '"', true, spans);
    const end = close < 0 ? text.length : close + 1;
    record(offset, { start: offset + 2, end: close < 0 ? text.length : close, interps: spans, terminated: close >= 0 });
    return match(text, offset, end);
  }
  SYMBOL_RE.lastIndex = offset;
  const m = SYMBOL_RE.exec(text);
  return m ? match(text, offset, offset + m[0].length) : null;
};

/** `/regexp/flags` where a value is expected. */
const regexp: CustomPatternMatcherFunc = (text, offset, matched) => {
  if (text[offset] !== "/" || !valueExpected(text, offset, matched as IToken[])) return null;
  const spans: InterpSpan[] = [];
  const close = scanString(text, offset + 1, "/", "/", true, spans);
  let end = close < 0 ? text.length : close + 1;
  while (end < text.length && /[imxounse]/.test(text[end])) end++;
  record(offset, { start: offset + 1, end: close < 0 ? text.length : close, interps: spans, terminated: close >= 0 });
  return match(text, offset, end);
};

/** Unary minus/plus/star/amp/bracket: only where a value is expected. */
function prefixOp(ch: string): CustomPatternMatcherFunc {
  return (text, offset, matched) =>
    text[offset] === ch && valueExpected(text, offset, matched as IToken[]) ? match(text, offset, offset + 1) : null;
}

// ---- token declarations ---------------------------------------------------------------------------

const ws = (name: string, pattern: RegExp) => createToken({ name, pattern, group: Lexer.SKIPPED });

export const WhiteSpace = ws("WhiteSpace", /[ \t\r\f\v]+|\\\r?\n/);
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: "comments" });
const atLineStart = (text: string, offset: number) => offset === 0 || text[offset - 1] === "\n";
const EMBDOC_END = /^=end\b[^\n]*/m;
/** `=begin ... =end` block comment (both at a line start). */
export const EmbDoc = createToken({
  name: "EmbDoc",
  pattern: {
    exec: (text, offset) => {
      if (!atLineStart(text, offset) || !text.startsWith("=begin", offset)) return null;
      EMBDOC_END.lastIndex = 0;
      const rest = text.slice(offset);
      const m = EMBDOC_END.exec(rest);
      return match(text, offset, m ? offset + m.index + m[0].length : text.length);
    },
  },
  start_chars_hint: ["="], group: "comments", line_breaks: true,
});
/** `__END__` at a line start: the rest of the file is data, not code. */
export const DataEnd = createToken({
  name: "DataEnd",
  pattern: { exec: (text, offset) => (atLineStart(text, offset) && /^__END__\r?(?:\n|$)/.test(text.slice(offset, offset + 9)) ? match(text, offset, text.length) : null) },
  start_chars_hint: ["_"], group: "comments", line_breaks: true,
});
/** A statement separator: a line break or `;`. */
export const Terminator = createToken({ name: "Terminator", pattern: Lexer.NA });
export const Newline = createToken({ name: "Newline", pattern: { exec: newline }, start_chars_hint: ["\n"], line_breaks: true, categories: [Terminator] });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/, categories: [Terminator] });

// Literals
export const DString = createToken({ name: "DString", pattern: { exec: quoted('"', true) }, start_chars_hint: ['"'], line_breaks: true });
export const SString = createToken({ name: "SString", pattern: { exec: quoted("'", false) }, start_chars_hint: ["'"], line_breaks: true });
export const XString = createToken({ name: "XString", pattern: { exec: quoted("`", true) }, start_chars_hint: ["`"], line_breaks: true });
export const PercentLit = createToken({ name: "PercentLit", pattern: { exec: percentLiteral }, start_chars_hint: ["%"], line_breaks: true });
export const HeredocStart = createToken({ name: "HeredocStart", pattern: { exec: heredocStart }, start_chars_hint: ["<"] });
export const Regexp = createToken({ name: "Regexp", pattern: { exec: regexp }, start_chars_hint: ["/"], line_breaks: true });
export const Symbol = createToken({ name: "Symbol", pattern: { exec: symbol }, start_chars_hint: [":"] });
export const Float = createToken({ name: "Float", pattern: /\d[\d_]*\.\d[\d_]*(?:[eE][+-]?\d+)?|\d[\d_]*[eE][+-]?\d+/ });
export const Integer = createToken({ name: "Integer", pattern: /0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|\d[\d_]*/ });

// Names
export const AnyName = createToken({ name: "AnyName", pattern: Lexer.NA });
/** `key:` in a hash or call (but not `A::B`). */
export const Label = createToken({ name: "Label", pattern: /[A-Za-z_]\w*[?!]?:(?!:)/ });
export const Identifier = createToken({ name: "Identifier", pattern: /[a-z_][A-Za-z0-9_]*(?:[?!](?!=))?/, categories: [AnyName] });
export const Constant = createToken({ name: "Constant", pattern: /[A-Z][A-Za-z0-9_]*(?:[?!](?!=))?/, categories: [AnyName] });
export const IVar = createToken({ name: "IVar", pattern: /@@?[A-Za-z_]\w*/ });
export const GVar = createToken({ name: "GVar", pattern: /\$(?:[A-Za-z_]\w*|[0-9]+|[!@&`'+~=\/\\,;.<>_*$?:"]|-\w)/ });

function keyword(word: string, extra: Partial<Parameters<typeof createToken>[0]> = {}): TokenType {
  const name = "Kw" + word.replace(/[?_]/g, "").replace(/^./, (c) => c.toUpperCase());
  return createToken({ name, pattern: new RegExp(word.replace("?", "\\?") + "(?![A-Za-z0-9_?!])"), longer_alt: Identifier, categories: [AnyName], ...extra });
}
export const KwIf = keyword("if");
export const KwUnless = keyword("unless");
export const KwElsif = keyword("elsif");
export const KwElse = keyword("else");
export const KwThen = keyword("then");
export const KwEnd = keyword("end");
export const KwDo = keyword("do");
export const KwWhile = keyword("while");
export const KwUntil = keyword("until");
export const KwFor = keyword("for");
export const KwIn = keyword("in");
export const KwCase = keyword("case");
export const KwWhen = keyword("when");
export const KwDef = keyword("def");
export const KwModule = keyword("module");
export const KwClass = keyword("class");
export const KwBegin = keyword("begin");
export const KwRescue = keyword("rescue");
export const KwEnsure = keyword("ensure");
export const KwReturn = keyword("return");
export const KwNext = keyword("next");
export const KwBreak = keyword("break");
export const KwRedo = keyword("redo");
export const KwRetry = keyword("retry");
export const KwYield = keyword("yield");
export const KwSuper = keyword("super");
export const KwSelf = keyword("self");
export const KwNil = keyword("nil");
export const KwTrue = keyword("true");
export const KwFalse = keyword("false");
export const KwAnd = keyword("and");
export const KwOr = keyword("or");
export const KwNot = keyword("not");
export const KwDefined = keyword("defined?");
export const KwAlias = keyword("alias");
export const KwUndef = keyword("undef");
export const KwFile = keyword("__FILE__");
export const KwLine = keyword("__LINE__");
export const KwDir = keyword("__dir__");

// Punctuation and operators (longest first where prefixes overlap)
export const Colon2Top = createToken({
  name: "Colon2Top",
  pattern: {
    exec: (text, offset, matched) =>
      text[offset] === ":" && text[offset + 1] === ":" && valueExpected(text, offset, matched as IToken[]) ? match(text, offset, offset + 2) : null,
  },
  start_chars_hint: [":"],
});
export const Colon2 = createToken({ name: "Colon2", pattern: /::/ });
export const AndDot = createToken({ name: "AndDot", pattern: /&\./ });
export const Dot3 = createToken({ name: "Dot3", pattern: /\.\.\./ });
export const Dot2 = createToken({ name: "Dot2", pattern: /\.\./ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });
export const Arrow = createToken({ name: "Arrow", pattern: /->/ });
export const HashRocket = createToken({ name: "HashRocket", pattern: /=>/ });

/** Binary operators, resolved by precedence climbing in the parser. */
export const BinaryOp = createToken({ name: "BinaryOp", pattern: Lexer.NA });
export const OpAssign = createToken({ name: "OpAssign", pattern: /(?:\|\||&&|\*\*|<<|>>|[+\-*\/%|&^])=/ });
const bin = (name: string, pattern: RegExp) => createToken({ name, pattern, categories: [BinaryOp] });
export const Spaceship = bin("Spaceship", /<=>/);
export const Eq3 = bin("Eq3", /===/);
export const Eq2 = bin("Eq2", /==/);
export const NotEq = bin("NotEq", /!=/);
export const Match = bin("Match", /=~/);
export const NotMatch = bin("NotMatch", /!~/);
export const AndAnd = bin("AndAnd", /&&/);
export const OrOr = bin("OrOr", /\|\|/);
export const Pow = bin("Pow", /\*\*/);
export const Shl = bin("Shl", /<</);
export const Shr = bin("Shr", />>/);
export const LessEq = bin("LessEq", /<=/);
export const GreaterEq = bin("GreaterEq", />=/);
export const Less = bin("Less", /</);
export const Greater = bin("Greater", />/);
export const UMinusNum = createToken({
  name: "UMinusNum",
  pattern: { exec: (text, offset, matched) => (text[offset] === "-" && /\d/.test(text[offset + 1] ?? "") && valueExpected(text, offset, matched as IToken[]) ? match(text, offset, offset + 1) : null) },
  start_chars_hint: ["-"],
});
export const UMinus = createToken({ name: "UMinus", pattern: { exec: prefixOp("-") }, start_chars_hint: ["-"] });
export const UPlus = createToken({ name: "UPlus", pattern: { exec: prefixOp("+") }, start_chars_hint: ["+"] });
export const Splat2 = createToken({
  name: "Splat2",
  pattern: { exec: (text, offset, matched) => (text[offset] === "*" && text[offset + 1] === "*" && valueExpected(text, offset, matched as IToken[]) ? match(text, offset, offset + 2) : null) },
  start_chars_hint: ["*"],
});
export const Splat = createToken({ name: "Splat", pattern: { exec: prefixOp("*") }, start_chars_hint: ["*"] });
export const BlockAmp = createToken({ name: "BlockAmp", pattern: { exec: prefixOp("&") }, start_chars_hint: ["&"] });
/** `[` that starts an array literal (a value), as opposed to an index `x[1]`. */
export const LBracketArray = createToken({ name: "LBracketArray", pattern: { exec: prefixOp("[") }, start_chars_hint: ["["] });
export const Plus = bin("Plus", /\+/);
export const Minus = bin("Minus", /-/);
export const Star = bin("Star", /\*/);
export const Slash = bin("Slash", /\//);
export const Percent = bin("Percent", /%/);
export const Amp = bin("Amp", /&/);
export const Pipe = createToken({ name: "Pipe", pattern: /\|/, categories: [BinaryOp] });
export const Caret = bin("Caret", /\^/);
export const Bang = createToken({ name: "Bang", pattern: /!/ });
export const Tilde = createToken({ name: "Tilde", pattern: /~/ });
export const Assign = createToken({ name: "Assign", pattern: /=/ });
export const Question = createToken({ name: "Question", pattern: /\?/ });
export const Colon = createToken({ name: "Colon", pattern: /:/ });
export const Comma = createToken({ name: "Comma", pattern: /,/ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/ });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/ });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/ });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/ });
/**
 * Chevrotain's first-character optimisation (a large share of lexing speed) is disabled if any
 * token's first characters are unknown, and a complement class like `[^\s]` cannot be analysed.
 * So `Unknown` is a custom matcher whose hints name every non-space ASCII/Latin-1 code, plus one
 * code per bucket above that: Chevrotain maps every code >= 256 to the bucket `255 + (code / 255 | 0)`,
 * so one representative per bucket makes `Unknown` a candidate for all of them.
 */
function unknownHints(): string[] {
  const hints: string[] = [];
  for (let c = 33; c < 256; c++) if (c !== 127 && c !== 160) hints.push(String.fromCharCode(c));
  let lastBucket = -1;
  for (let c = 256; c < 0x10000; c++) {
    const bucket = (c / 255) | 0;
    if (bucket !== lastBucket) { hints.push(String.fromCharCode(c)); lastBucket = bucket; }
  }
  return hints;
}
const NOT_SPACE = /\S/y;
/** Any other character: reported as a syntax error by the parser instead of stopping the lexer. */
export const Unknown = createToken({
  name: "Unknown",
  pattern: {
    exec: (text, offset) => {
      NOT_SPACE.lastIndex = offset;
      if (!NOT_SPACE.test(text)) return null;
      // a lone surrogate pair half stays one token with its partner: an emoji outside a string
      const code = text.charCodeAt(offset);
      const len = code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1;
      return match(text, offset, offset + len);
    },
  },
  start_chars_hint: unknownHints(),
});

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace, EmbDoc, DataEnd, Comment, Newline, Semicolon,
  DString, SString, XString, HeredocStart, PercentLit, Regexp, Symbol,
  Float, Integer,
  Label,
  KwIf, KwUnless, KwElsif, KwElse, KwThen, KwEnd, KwDo, KwWhile, KwUntil, KwFor, KwIn, KwCase, KwWhen,
  KwDef, KwModule, KwClass, KwBegin, KwRescue, KwEnsure, KwReturn, KwNext, KwBreak, KwRedo, KwRetry,
  KwYield, KwSuper, KwSelf, KwNil, KwTrue, KwFalse, KwAnd, KwOr, KwNot, KwDefined, KwAlias, KwUndef,
  KwFile, KwLine, KwDir,
  Identifier, Constant, IVar, GVar, AnyName,
  Colon2Top, Colon2, AndDot, Dot3, Dot2, Dot, Arrow, HashRocket,
  OpAssign, Spaceship, Eq3, Eq2, NotEq, Match, NotMatch, AndAnd, OrOr,
  Splat2, Pow, Shl, Shr, LessEq, GreaterEq, Less, Greater,
  UMinusNum, UMinus, UPlus, Splat, BlockAmp, LBracketArray,
  Plus, Minus, Star, Slash, Percent, Amp, Pipe, Caret, Bang, Tilde, Assign, Question, Colon, Comma,
  LParen, RParen, LBracket, RBracket, LBrace, RBrace, BinaryOp, Terminator, Unknown,
];

for (const t of [
  DString, SString, XString, PercentLit, HeredocStart, Regexp, Symbol, Float, Integer,
  Identifier, Constant, IVar, GVar, KwEnd, KwSelf, KwNil, KwTrue, KwFalse, KwFile, KwLine, KwDir,
  RParen, RBracket, RBrace,
]) VALUE_END.add(t);

/** Tokens after which a line break does not end the statement. */
const CONTINUES_LINE = new Set<string>([
  "Comma", "LParen", "LBracket", "LBracketArray", "LBrace", "Dot", "AndDot", "Colon2", "Colon2Top", "HashRocket",
  "Assign", "OpAssign", "Question", "Colon", "KwAnd", "KwOr", "KwNot", "Dot2", "Dot3", "Bang", "Pipe",
  "Spaceship", "Eq3", "Eq2", "NotEq", "Match", "NotMatch", "AndAnd", "OrOr", "Pow", "Shl", "Shr",
  "LessEq", "GreaterEq", "Less", "Greater", "Plus", "Minus", "Star", "Slash", "Percent", "Amp", "Caret",
  "UMinus", "UPlus", "Splat", "Splat2", "BlockAmp", "Tilde", "Newline", "Semicolon",
]);

// Validations are skipped: Chevrotain cannot see that custom matchers (contextual `::`, `-`, `&`) leave
// the plain tokens after them reachable.
const rubyLexer = new Lexer(ALL_TOKENS, { positionTracking: "onlyOffset", skipValidations: true, ensureOptimizations: true });

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  strings: Map<number, StringInfo>;
  /** Offset → character that could not be lexed. */
  errors: { offset: number; length: number; message: string }[];
  /** Set when string interpolation nests too deeply to scan (the file is then not analysed). */
  tooDeep: number | null;
}

/**
 * Tokenizes `text` (a whole file, or an interpolation's code when `base` > 0: offsets are then
 * shifted by `base` so they stay file offsets). Line breaks that cannot end a statement are
 * dropped, as are those before a leading `.method` line.
 */
export function lex(text: string, base = 0): LexResult {
  state.reset(text, base);
  const result = rubyLexer.tokenize(text);
  const strings = state.strings;
  const raw = result.tokens;
  const tokens: IToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    // "onlyOffset" tracking leaves endOffset unset; it is cheaper to derive it here.
    t.startOffset += base;
    t.endOffset = t.startOffset + t.image.length - 1;
    if (t.tokenType === Newline || t.tokenType === Semicolon) {
      const prev = tokens[tokens.length - 1];
      if (t.tokenType === Newline && (!prev || CONTINUES_LINE.has(prev.tokenType.name))) continue;
      const next = raw[i + 1];
      if (t.tokenType === Newline && next && (next.tokenType === Dot || next.tokenType === AndDot)) continue;
    }
    tokens.push(t);
  }
  for (const c of result.groups.comments ?? []) {
    c.startOffset += base;
    c.endOffset = c.startOffset + c.image.length - 1;
  }
  return {
    tokens,
    comments: result.groups.comments ?? [],
    strings,
    tooDeep: state.tooDeep,
    errors: result.errors.map((e) => ({ offset: e.offset + base, length: e.length, message: e.message })),
  };
}
