// Chevrotain parser for the Ruby subset of Hacofiles and build_config.rb. It builds the AST of
// src/ast/nodes.ts directly (embedded actions: no CST, one pass). Binary operators are folded by
// precedence climbing over one flat rule, which keeps the rule stack shallow and the parser fast.
//
// Ruby needs three pieces of context that a context-free grammar lacks, kept here as parser state:
// - which bare identifiers are local variables (`x -1` vs `foo -1`, `x` vs a call `x`);
// - whether a `do` belongs to an outer paren-less command (`c.hook msec: 1 do ... end`);
// - spacing before a token (`foo [1]` is a call with an array, `foo[1]` an index).
import { EmbeddedActionsParser, EOF, isRecognitionException, type IToken, type TokenType } from "chevrotain";
import type {
  AssignOp, BlockNode, Comment, HashPair, Node, Param, ParseResult, Position, ProgramNode, Range,
  StrNode, StrPart, SyntaxDiagnostic,
} from "../src/ast/nodes.js";
import * as T from "./lexer.js";
import { lex, type StringInfo } from "./lexer.js";

/**
 * Work done by the last parseRuby call, counted so tests can check linear behaviour without timing:
 * characters lexed (interpolations are lexed again), tokens produced, tokens looked at by the
 * multiple-assignment look-ahead, and tokens skipped by error recovery.
 */
export const parseWork = { lexedChars: 0, tokens: 0, lookahead: 0, skipped: 0 };

/** Deeper bracket/block nesting than this is refused before parsing (protects the call stack). */
export const MAX_NESTING = 200;

type Positioned = { range: Range } | IToken;

const BINARY_PRECEDENCE: Record<string, [number, "left" | "right"]> = {
  "**": [16, "right"],
  "*": [14, "left"], "/": [14, "left"], "%": [14, "left"],
  "+": [13, "left"], "-": [13, "left"],
  "<<": [12, "left"], ">>": [12, "left"],
  "&": [11, "left"],
  "|": [10, "left"], "^": [10, "left"],
  ">": [9, "left"], ">=": [9, "left"], "<": [9, "left"], "<=": [9, "left"],
  "<=>": [8, "left"], "==": [8, "left"], "===": [8, "left"], "!=": [8, "left"], "=~": [8, "left"], "!~": [8, "left"],
  "&&": [7, "left"],
  "||": [6, "left"],
};

/** Tokens that may start a paren-less command argument (`foo ARG`). */
const COMMAND_ARG_START = new Set<TokenType>([
  T.DString, T.SString, T.XString, T.PercentLit, T.HeredocStart, T.Regexp, T.Symbol, T.Integer, T.Float,
  T.Identifier, T.Constant, T.IVar, T.GVar, T.Label, T.Colon2Top, T.LBracketArray, T.UMinus, T.UMinusNum, T.UPlus,
  T.Splat, T.Splat2, T.BlockAmp, T.Bang, T.Arrow, T.KwNil, T.KwTrue, T.KwFalse, T.KwSelf, T.KwDefined,
  T.KwFile, T.KwLine, T.KwDir, T.LParen, T.KwNot, T.Tilde,
]);

/** Tokens that end a jump's (return/next/break) missing value. */
const STATEMENT_END = new Set<TokenType>([T.Newline, T.Semicolon, T.KwEnd, T.RBrace, T.RParen, T.KwIf, T.KwUnless, T.KwWhile, T.KwUntil, EOF]);

interface Scope { vars: Set<string>; hard: boolean }

/** One parsed argument before keyword pairs are gathered into a trailing Hash. */
type ArgItem = { kind: "pair"; pair: HashPair } | { kind: "block"; node: Node } | { kind: "arg"; node: Node };

/** A literal that is a whole value when one of LEAF_END follows it (the ternary fast path). */
const LEAF_TOKENS = new Set<TokenType>([T.DString, T.SString, T.Symbol, T.Integer, T.Float, T.KwNil, T.KwTrue, T.KwFalse]);
const LEAF_END = new Set<TokenType>([T.Comma, T.RParen, T.RBracket, T.RBrace, T.Newline, T.Semicolon, EOF, T.HashRocket, T.KwDo, T.KwThen, T.KwEnd]);

/** An interpolation that is a single name; keywords (`#{nil}`, `#{self}`) are left to the parser. */
const SIMPLE_NAME = /^(\s*)((?!(?:nil|self|true|false|__FILE__|__LINE__|__dir__|if|unless|else|elsif|end|do|while|until|for|in|case|when|def|module|class|begin|rescue|ensure|return|next|break|redo|retry|yield|super|and|or|not|then|alias|undef)\b)[A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** Tokens that close an argument list, so a comma before them is a trailing comma. */
const LIST_CLOSERS = new Set<TokenType>([T.RParen, T.RBracket, T.RBrace]);

// Tokens that end a statement list, by the construct that owns the list. A token in no enclosing
// list's set is stray (`)` in a do-block): it is reported and skipped instead of ending the list.
const AT_EOF = new Set<TokenType>([EOF]);
const BODY_END = new Set<TokenType>([T.KwEnd, T.KwRescue, T.KwElse, T.KwEnsure]);
const IF_END = new Set<TokenType>([T.KwElsif, T.KwElse, T.KwEnd]);
const CASE_END = new Set<TokenType>([T.KwWhen, T.KwElse, T.KwEnd]);
const END_ONLY = new Set<TokenType>([T.KwEnd]);
const BRACE_END = new Set<TokenType>([T.RBrace]);
const PAREN_END = new Set<TokenType>([T.RParen]);
/** Tokens after which a statement begins (for `a, b = ...`). */
const STATEMENT_START_AFTER = new Set<TokenType>([
  T.Newline, T.Semicolon, T.KwDo, T.KwThen, T.KwElse, T.KwBegin, T.KwEnsure, T.Pipe, T.LBrace, T.LParen,
]);
const BRACKET_OPEN = new Set<TokenType>([T.LParen, T.LBracket, T.LBracketArray, T.LBrace]);
const BRACKET_CLOSE = new Set<TokenType>([T.RParen, T.RBracket, T.RBrace]);

class RubyParser extends EmbeddedActionsParser {
  // ---- per-parse state ---------------------------------------------------------------------------
  private text = "";
  private lineStarts: number[] = [0];
  private strings = new Map<number, StringInfo>();
  private scopes: Scope[] = [];
  /** >0 while parsing paren-less command arguments or loop conditions: `do` belongs further out. */
  private noDo: number[] = [0];
  private pendingInterps: { part: Extract<StrPart, { kind: "interp" }>; start: number; end: number; scopes: Scope[] }[] = [];
  /** Closer sets of the statement lists being parsed, innermost last. */
  private closers: Set<TokenType>[] = [];
  /** Second pass after a missing `end`: an `end` indented less than its opener's line closes an outer block. */
  indentRecovery = false;
  missingEnd = false;
  diagnostics: SyntaxDiagnostic[] = [];

  constructor() {
    // Chevrotain's own recovery is off: its re-sync may skip to the end of the file and drop every
    // statement before it. Recovery is done per statement in `statements` (see recoverStatement).
    super(T.ALL_TOKENS, { recoveryEnabled: false, maxLookahead: 2, skipValidations: false });
    this.performSelfAnalysis();
  }

  begin(text: string, lineStarts: number[]): void {
    this.text = text;
    this.lineStarts = lineStarts;
    this.lastLine = 0;
    this.scopes = [{ vars: new Set(), hard: true }];
    this.noDo = [0];
    this.pendingInterps = [];
    this.closers = [];
    this.missingEnd = false;
    this.diagnostics = [];
  }

  setTokens(tokens: IToken[], strings: Map<number, StringInfo>, scopes?: Scope[]): void {
    this.strings = strings;
    this.input = tokens;
    if (scopes) this.scopes = [...scopes, { vars: new Set(), hard: false }];
  }

  /** The node for an interpolation that is one bare name (`#{root}`, `#{POOL}`), else null. */
  simpleInterpolation(start: number, end: number, scopes: Scope[]): Node | null {
    const m = SIMPLE_NAME.exec(this.text.slice(start, end));
    if (!m) return null;
    const from = start + m[1].length;
    const name = m[2];
    const range = this.offsets(from, from + name.length);
    if (/^[A-Z]/.test(name)) return { type: "Const", scope: null, top: false, name, range };
    const saved = this.scopes;
    this.scopes = scopes;
    const local = this.isLocal(name);
    this.scopes = saved;
    return local
      ? { type: "LVar", name, range }
      : { type: "Call", receiver: null, name, nameRange: range, args: [], block: null, blockArg: null, parens: false, range };
  }

  takeInterpolations() {
    const list = this.pendingInterps;
    this.pendingInterps = [];
    return list;
  }

  // ---- positions ---------------------------------------------------------------------------------
  /** Line index of the last lookup: nodes are built in source order, so most lookups hit it. */
  private lastLine = 0;

  pos(offset: number): Position {
    const starts = this.lineStarts;
    const near = this.lastLine;
    if (near < starts.length && starts[near] <= offset && (near + 1 === starts.length || offset < starts[near + 1])) {
      return { offset, line: near + 1, column: offset - starts[near] + 1 };
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { offset, line: lo + 1, column: offset - starts[lo] + 1 };
  }

  private startOf(x: Positioned): number {
    const r = (x as { range?: Range }).range;
    return r ? r.start.offset : (x as IToken).startOffset;
  }

  private endOf(x: Positioned): number {
    const r = (x as { range?: Range }).range;
    return r ? r.end.offset : (x as IToken).endOffset! + 1;
  }

  range(from: Positioned, to: Positioned = from): Range {
    return { start: this.pos(this.startOf(from)), end: this.pos(this.endOf(to)) };
  }

  private offsets(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }

  private unsupported(what: string, at: Positioned, to: Positioned = at): void {
    this.diagnostics.push({
      kind: "unsupported-syntax",
      message: `${what} is outside the Ruby subset hacolint evaluates; values it produces are treated as unknown`,
      range: this.range(at, to),
    });
  }

  // ---- error recovery: values a rule returns when Chevrotain re-synced past its text -----------
  private recoverRange(): Range {
    const t = this.LA(0);
    const at = t && t.tokenType !== EOF && !isNaN(t.startOffset) ? t.endOffset! + 1 : 0;
    return { start: this.pos(at), end: this.pos(at) };
  }

  private recoverNode(): Node {
    return { type: "Error", range: this.recoverRange() };
  }

  private recoverPair(): HashPair {
    const node = this.recoverNode();
    return { key: node, value: node, label: true, range: node.range };
  }

  // ---- scopes ------------------------------------------------------------------------------------
  private isLocal(name: string): boolean {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i].vars.has(name)) return true;
      if (this.scopes[i].hard) break;
    }
    return false;
  }

  private declare(name: string): void {
    this.scopes[this.scopes.length - 1].vars.add(name);
  }

  private spaceBefore(tok: IToken): boolean {
    const c = this.text[tok.startOffset - 1];
    return c === " " || c === "\t";
  }

  /** A paren-less command argument starts at LA(1): `foo "x"`, `foo -1`, `foo [1]`, `foo key: 1`. */
  private commandArgAhead(recv: Node | null, nameTok: IToken): boolean {
    const next = this.LA(1);
    if (!COMMAND_ARG_START.has(next.tokenType)) return false;
    // `A::B` and local variables take no arguments; `foo(` was handled as a paren call
    if (nameTok.tokenType === T.Constant || (recv === null && this.isLocal(nameTok.image))) return false;
    return this.spaceBefore(next);
  }

  // ---- grammar -----------------------------------------------------------------------------------

  program = this.RULE("program", (): Node[] => this.SUBRULE(this.statements, { ARGS: [AT_EOF] }), { recoveryValueFunc: () => [] });

  /**
   * Statements separated by newlines or `;`, up to a token of `closers` (or of an enclosing list's).
   * A statement that fails to parse becomes an Error node and parsing resumes after it; a stray
   * token (two statements on one line, an unmatched `)`) is reported and skipped.
   */
  statements = this.RULE("statements", (closers: Set<TokenType>): Node[] => {
    const body: Node[] = [];
    let separated = true;
    this.ACTION(() => this.closers.push(closers));
    // the gate keeps MANY from entering (and failing) on a statement start that is not separated
    const loop = () => this.MANY({ GATE: () => separated || this.LA(1).tokenType === T.Newline || this.LA(1).tokenType === T.Semicolon, DEF: () => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Terminator); separated = true; } },
        {
          // no gate needed: the MANY's gate already requires a separator before a statement
          ALT: () => {
            const s = this.guardedStatement();
            // after recovery stopped at the first token of a line, that token starts a statement
            this.ACTION(() => { if (s) body.push(s); separated = s?.type === "Error" && this.firstOnLine(this.LA(1).startOffset); });
          },
        },
      ]);
    } });
    loop();
    this.ACTION(() => {
      while (!this.endsStatements(this.LA(1).tokenType)) {
        body.push(this.skipStray(separated));
        separated = true;
        loop();
      }
      this.closers.pop();
    });
    return body;
  }, { recoveryValueFunc: () => [] });

  /** Index of the last consumed token (Chevrotain keeps it internal). */
  private get tokenIdx(): number {
    return (this as unknown as { currIdx: number }).currIdx;
  }

  private endsStatements(tt: TokenType): boolean {
    if (tt === EOF) return true;
    for (let i = this.closers.length - 1; i >= 0; i--) if (this.closers[i].has(tt)) return true;
    return false;
  }

  /** `statement`, or an Error node spanning the text skipped after a syntax error inside it. */
  private guardedStatement(): Node {
    if (this.RECORDING_PHASE) return this.SUBRULE(this.statement);
    const startIdx = this.tokenIdx + 1;
    const depth = { scopes: this.scopes.length, noDo: this.noDo.length, closers: this.closers.length };
    try {
      return this.SUBRULE(this.statement);
    } catch (e) {
      if (!isRecognitionException(e as Error)) throw e;
      // rules between here and the failure did not run their closing actions
      this.scopes.length = depth.scopes;
      this.noDo.length = depth.noDo;
      this.closers.length = depth.closers;
      return this.recoverStatement(startIdx);
    }
  }

  /**
   * Skips the rest of a broken statement: to a line break outside brackets, to a closer of an
   * enclosing list, or to the first token of a later line indented no deeper than the statement
   * (so a missing `]` does not swallow the statements after it).
   */
  private recoverStatement(startIdx: number): Node {
    const tokens = this.input;
    const first = tokens[startIdx];
    const indent = first ? this.columnOf(first.startOffset) : 0;
    let depth = 0;
    for (let i = startIdx; i <= this.tokenIdx; i++) {
      const tt = tokens[i].tokenType;
      if (BRACKET_OPEN.has(tt)) depth++;
      else if (BRACKET_CLOSE.has(tt)) depth--;
    }
    if (this.tokenIdx < startIdx) this.SKIP_TOKEN(); // nothing consumed: step over the culprit
    for (;;) {
      const t = this.LA(1);
      const tt = t.tokenType;
      if (tt === EOF) break;
      if (depth <= 0 && (tt === T.Newline || tt === T.Semicolon || this.endsStatements(tt))) break;
      if (this.tokenIdx >= startIdx && this.firstOnLine(t.startOffset) && this.columnOf(t.startOffset) <= indent) break;
      if (BRACKET_OPEN.has(tt)) depth++;
      else if (BRACKET_CLOSE.has(tt)) depth--;
      parseWork.skipped++;
      this.SKIP_TOKEN();
    }
    const last = tokens[Math.max(this.tokenIdx, startIdx)] ?? first;
    return { type: "Error", range: first ? this.range(first, last) : this.recoverRange() };
  }

  /** Reports the token at LA(1), which cannot continue here, and skips to the next statement. */
  private skipStray(separated: boolean): Node {
    const t = this.LA(1);
    const found = JSON.stringify(t.image.length > 20 ? t.image.slice(0, 20) + "…" : t.image);
    this.diagnostics.push({
      kind: "syntax-error",
      message: separated ? `unexpected ${found}` : `unexpected ${found}; expected a line break or \`;\` before it`,
      range: this.range(t),
    });
    return this.recoverStatement(this.tokenIdx + 1);
  }

  private columnOf(offset: number): number {
    return this.pos(offset).column;
  }

  private firstOnLine(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === 10) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** Leading spaces/tabs of the line holding `offset`. */
  private lineIndent(offset: number): number {
    const start = this.lineStarts[this.pos(offset).line - 1];
    let i = start;
    while (this.text[i] === " " || this.text[i] === "\t") i++;
    return i - start;
  }

  /**
   * The `end` of a block opened by `opener`, or null when it is missing: at the end of the file,
   * before a closer that belongs further out, or (second pass) an `end` indented less than the
   * opener's line, which more likely closes an enclosing block.
   */
  endKw = this.RULE("endKw", (opener: IToken): IToken | null =>
    this.OR([
      { GATE: () => !this.endBelongsOutside(opener), ALT: () => this.CONSUME(T.KwEnd) },
      {
        ALT: () => this.ACTION(() => {
          this.missingEnd = true;
          this.diagnostics.push({
            kind: "syntax-error",
            message: `\`${opener.image}\` at line ${this.pos(opener.startOffset).line} has no matching \`end\``,
            range: this.range(opener),
          });
          return null;
        }) ?? null,
      },
    ]), { recoveryValueFunc: () => null });

  /** The closing token, or the last token consumed when the `end` was missing. */
  private closeTok(t: IToken | null): IToken {
    return t ?? this.LA(0);
  }

  private endBelongsOutside(opener: IToken): boolean {
    if (!this.indentRecovery || !opener || isNaN(opener.startOffset)) return false;
    const end = this.LA(1);
    return end.tokenType === T.KwEnd && this.firstOnLine(end.startOffset) && this.lineIndent(end.startOffset) < this.lineIndent(opener.startOffset);
  }

  /** An expression with trailing `if`/`unless`/`while`/`until`/`rescue` modifiers. */
  statement = this.RULE("statement", (): Node => {
    let node = this.SUBRULE(this.exprStmt);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const kw = this.OR2([{ ALT: () => this.CONSUME(T.KwIf) }, { ALT: () => this.CONSUME(T.KwUnless) }]);
            const cond = this.SUBRULE2(this.exprStmt);
            node = this.ACTION(() => ({
              type: "If", form: "modifier", negate: kw.tokenType === T.KwUnless, cond, then: [node], otherwise: null,
              range: this.range(node, cond),
            }));
          },
        },
        {
          ALT: () => {
            const kw = this.OR3([{ ALT: () => this.CONSUME(T.KwWhile) }, { ALT: () => this.CONSUME(T.KwUntil) }]);
            const cond = this.SUBRULE3(this.exprStmt);
            node = this.ACTION(() => {
              this.unsupported(`\`${kw.image}\` loop`, kw, cond);
              return { type: "While", negate: kw.tokenType === T.KwUntil, cond, body: [node], modifier: true, range: this.range(node, cond) };
            });
          },
        },
        {
          ALT: () => {
            const kw = this.CONSUME(T.KwRescue);
            const fallback = this.SUBRULE4(this.exprStmt);
            node = this.ACTION(() => {
              this.unsupported("`rescue` modifier", kw, fallback);
              return {
                type: "Begin", body: [node], rescues: [{ classes: [], binding: null, body: [fallback], range: this.range(kw, fallback) }],
                elseBody: null, ensure: null, range: this.range(node, fallback),
              };
            });
          },
        },
      ]);
    });
    return node;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** `a and b`, `a or b`, `not a`: the loosest operators. */
  exprStmt = this.RULE("exprStmt", (): Node => {
    let left = this.OR3(this.notOrExpr);
    this.MANY(() => {
      const op = this.OR(this.andOr);
      const right = this.OR2(this.notOrExpr2);
      left = this.ACTION(() => ({
        type: "Binary", op: op.image === "and" ? "&&" : "||", left, right, opRange: this.range(op), range: this.range(left, right),
      }));
    });
    return left;
  }, { recoveryValueFunc: () => this.recoverNode() });

  // `not x` goes through notExpr; everything else straight to expr (one rule level less per statement)
  private readonly notOrExpr = [{ ALT: () => this.SUBRULE(this.notExpr) }, { ALT: () => this.SUBRULE(this.expr) }];
  private readonly notOrExpr2 = [{ ALT: () => this.SUBRULE2(this.notExpr) }, { ALT: () => this.SUBRULE2(this.expr) }];
  private readonly andOr = [{ ALT: () => this.CONSUME(T.KwAnd) }, { ALT: () => this.CONSUME(T.KwOr) }];

  notExpr = this.RULE("notExpr", (): Node => {
    const kw = this.CONSUME(T.KwNot);
    const operand = this.OR(this.notOrExpr);
    return this.ACTION(() => ({ type: "Unary", op: "not", operand, range: this.range(kw, operand) }) as Node)!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** Assignment (right-associative) over a ternary; the target is checked after the fact. */
  expr = this.RULE("expr", (): Node => {
    // the same literal fast path as in `ternary`, one rule earlier (a literal is never assigned to)
    let leaf: Node | undefined;
    this.OPTION3({ GATE: () => this.leafAhead(), DEF: () => { leaf = this.leaf(); } });
    if (leaf !== undefined) return leaf;
    const before = this.RECORDING_PHASE ? -1 : this.tokenIdx;
    const left = this.SUBRULE(this.ternary);
    let result = left;
    this.OPTION({
      // `a, b = ...` only starts a statement; checking only there keeps `foo a, b, c, ...` linear
      // (the look-ahead scans to the line end, which per argument would be quadratic).
      GATE: () => this.LA(1).tokenType !== T.Comma || (this.startsStatement(before) && this.multiAssignAhead(left)),
      DEF: () => {
        const targets: Node[] = [left];
        this.MANY(() => {
          this.CONSUME(T.Comma);
          targets.push(this.OR2([
            { ALT: () => this.SUBRULE2(this.ternary) },
            {
              // `a, *rest = list`: the splat is reported by assignment() as part of the multiple assignment
              ALT: () => {
                const star = this.CONSUME(T.Splat);
                const v = this.SUBRULE3(this.ternary);
                return this.ACTION((): Node => ({ type: "Splat", value: v, double: false, range: this.range(star, v) }))!;
              },
            },
          ]));
        });
        const op = this.OR([{ ALT: () => this.CONSUME(T.Assign) }, { ALT: () => this.CONSUME(T.OpAssign) }]);
        const value = this.SUBRULE(this.expr);
        // `a, b = 1, 2`: several values on the right of a multiple assignment form an array
        const rest: Node[] = [];
        this.MANY2({
          GATE: () => targets.length > 1,
          DEF: () => {
            this.CONSUME2(T.Comma);
            rest.push(this.SUBRULE2(this.expr));
          },
        });
        result = this.ACTION(() => this.assignment(targets, op, rest.length
          ? { type: "Array", elements: [value, ...rest], range: this.range(value, rest[rest.length - 1]) }
          : value));
      },
    });
    return result;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** Whether the token after index `i` (the last consumed one) begins a statement. */
  private startsStatement(i: number): boolean {
    if (i < 0) return true;
    const tt = this.input[i]?.tokenType;
    return tt === undefined || STATEMENT_START_AFTER.has(tt);
  }

  private multiAssignAhead(_left: Node): boolean {
    // `a, b = ...`: scan this line for an `=` before a line end, outside brackets.
    let depth = 0;
    for (let i = 1; ; i++) {
      parseWork.lookahead++;
      const t = this.LA(i);
      const tt = t.tokenType;
      if (tt === EOF || tt === T.Newline || tt === T.Semicolon) return false;
      if (tt === T.LParen || tt === T.LBracket || tt === T.LBracketArray || tt === T.LBrace) depth++;
      else if (tt === T.RParen || tt === T.RBracket || tt === T.RBrace) { if (--depth < 0) return false; }
      else if (depth === 0 && (tt === T.Assign || tt === T.OpAssign)) return true;
      else if (depth === 0 && (tt === T.KwDo || tt === T.HashRocket)) return false;
    }
  }

  private assignment(targets: Node[], op: IToken, value: Node): Node {
    for (const t of targets) this.checkTarget(t);
    if (targets.length > 1) {
      this.unsupported("Multiple assignment", targets[0], value);
      return { type: "MultiAssign", targets, value, range: this.range(targets[0], value) };
    }
    let target = targets[0];
    if (target.type === "Call" && target.receiver === null && target.args.length === 0 && !target.parens && !target.block) {
      target = { type: "LVar", name: target.name, range: target.range };
    }
    if (target.type === "LVar") this.declare(target.name);
    return { type: "Assign", op: op.image as AssignOp, target, value, range: this.range(target, value) };
  }

  private checkTarget(t: Node): void {
    const ok =
      t.type === "LVar" || t.type === "IVar" || t.type === "GVar" || t.type === "Const" || t.type === "Index" || t.type === "Splat" ||
      (t.type === "Call" && t.args.length === 0 && !t.parens && !t.block);
    if (!ok) this.diagnostics.push({ kind: "syntax-error", message: "cannot assign to this expression", range: t.range });
  }

  /**
   * Binary operators (folded by precedence climbing), then an optional range and ternary. One rule
   * for three precedence levels keeps the rule stack short: every argument passes through here.
   */
  ternary = this.RULE("ternary", (): Node => {
    // Fast path: a lone literal argument or value (`"pid"`, `4096`, `:NOFILE` before `,` `)` or a
    // line end) is most of a Hacofile; it skips the postfix and primary rules. The full path below
    // is still recorded in the grammar, and taken whenever the gate says no.
    let leaf: Node | undefined;
    this.OPTION3({ GATE: () => this.leafAhead(), DEF: () => { leaf = this.leaf(); } });
    if (leaf !== undefined) return leaf;
    const operands: Node[] = [this.SUBRULE(this.postfix)];
    const ops: IToken[] = [];
    this.MANY(() => {
      // The lexer reads `-1`, `*x`, `+y` after an identifier and a space as a command argument;
      // when the identifier took no arguments (a local variable: `x -1`) they are binary operators.
      ops.push(this.OR(this.binaryOps));
      operands.push(this.SUBRULE2(this.postfix));
    });
    let result = this.ACTION(() => this.fold(operands, ops))!;
    this.OPTION(() => {
      const op = this.OR2([{ ALT: () => this.CONSUME(T.Dot2) }, { ALT: () => this.CONSUME(T.Dot3) }]);
      const high = this.SUBRULE(this.ternary);
      result = this.ACTION((): Node => ({ type: "RangeLit", low: result, high, exclusive: op.tokenType === T.Dot3, range: this.range(result, high) }))!;
    });
    this.OPTION2(() => {
      this.CONSUME(T.Question);
      const then = this.SUBRULE2(this.ternary);
      this.OR3([{ ALT: () => this.CONSUME(T.Colon) }, { ALT: () => this.CONSUME(T.Symbol) /* `a ? b :c` mis-lexed */ }]);
      const otherwise = this.SUBRULE3(this.ternary);
      const cond = result;
      result = this.ACTION((): Node => ({
        type: "If", form: "ternary", negate: false, cond, then: [then], otherwise: [otherwise], range: this.range(cond, otherwise),
      }))!;
    });
    return result;
  }, { recoveryValueFunc: () => this.recoverNode() });

  private leafAhead(): boolean {
    return LEAF_TOKENS.has(this.LA(1).tokenType) && LEAF_END.has(this.LA(2).tokenType);
  }

  private leaf(): Node {
    const tok = this.OR4(this.leafTokens);
    return this.ACTION(() => (tok.tokenType === T.DString || tok.tokenType === T.SString || tok.tokenType === T.Symbol ? this.stringNode(tok) : this.literalNode(tok)))!;
  }

  private readonly leafTokens = [
    { ALT: () => this.CONSUME5(T.DString) },
    { ALT: () => this.CONSUME5(T.SString) },
    { ALT: () => this.CONSUME5(T.Symbol) },
    { ALT: () => this.CONSUME5(T.Integer) },
    { ALT: () => this.CONSUME5(T.Float) },
    { ALT: () => this.CONSUME5(T.KwNil) },
    { ALT: () => this.CONSUME5(T.KwTrue) },
    { ALT: () => this.CONSUME5(T.KwFalse) },
  ];

  /** Built once: OR alternatives without captured locals can be shared by every call. */
  private readonly binaryOps = [
    { ALT: () => this.CONSUME(T.BinaryOp) },
    { ALT: () => this.CONSUME(T.UMinusNum) },
    { ALT: () => this.CONSUME(T.UMinus) },
    { ALT: () => this.CONSUME(T.UPlus) },
    { ALT: () => this.CONSUME(T.Splat) },
    { ALT: () => this.CONSUME(T.Splat2) },
  ];

  private fold(operands: Node[], ops: IToken[]): Node {
    if (ops.length === 0) return operands[0];
    let i = 0;
    const parse = (minPrec: number): Node => {
      let left = operands[i];
      while (i < ops.length) {
        const op = ops[i];
        const [prec, assoc] = BINARY_PRECEDENCE[op.image] ?? [0, "left"];
        if (prec < minPrec) break;
        i++;
        const right = parse(assoc === "left" ? prec + 1 : prec);
        left = { type: "Binary", op: op.image, left, right, opRange: this.range(op), range: this.range(left, right) };
      }
      return left;
    };
    return parse(0);
  }

  /** A primary followed by `.call`, `::Name`, `[index]` and blocks. */
  postfix = this.RULE("postfix", (): Node => this.OR(this.postfixAlts), { recoveryValueFunc: () => this.recoverNode() });

  private readonly postfixAlts = [
      {
        ALT: () => {
          const op = this.OR2(this.prefixOps);
          const operand = this.SUBRULE(this.postfix);
          return this.ACTION(() => ({ type: "Unary", op: op.image as "!", operand, range: this.range(op, operand) }) as Node)!;
        },
      },
      {
        ALT: () => {
          const minus = this.CONSUME(T.UMinusNum);
          const num = this.SUBRULE2(this.postfix);
          return this.ACTION((): Node => {
            if (num.type === "Int" || num.type === "Float") {
              return { ...num, value: -num.value, raw: "-" + num.raw, range: this.range(minus, num) };
            }
            return { type: "Unary", op: "-", operand: num, range: this.range(minus, num) };
          })!;
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.KwDefined);
          const operand = this.SUBRULE3(this.postfix);
          return this.ACTION(() => ({ type: "Unary", op: "defined?", operand, range: this.range(kw, operand) }) as Node)!;
        },
      },
      { ALT: () => this.postfixChain() },
    ];

  private readonly prefixOps = [
    { ALT: () => this.CONSUME(T.Bang) },
    { ALT: () => this.CONSUME(T.UMinus) },
    { ALT: () => this.CONSUME(T.UPlus) },
    { ALT: () => this.CONSUME(T.Tilde) },
  ];

  private readonly methodNames = [
    { ALT: () => this.CONSUME2(T.AnyName) },
    // `x.foo` followed by `:` is lexed as a label in `a ? x.foo: y`; rare, treated as a name.
    { ALT: () => this.CONSUME2(T.Label) },
    { ALT: () => this.CONSUME2(T.BinaryOp) },
    { ALT: () => this.CONSUME2(T.Bang) },
  ];

  /** Part of `postfix` (a helper, not a rule: same rule scope, fewer rule invocations). */
  private postfixChain(): Node {
    let node = this.SUBRULE(this.primary);
    this.MANY({ GATE: () => this.postfixAhead(node), DEF: () => {
      this.OR3([
        {
          ALT: () => {
            const dot = this.OR4([{ ALT: () => this.CONSUME(T.Dot) }, { ALT: () => this.CONSUME(T.AndDot) }]);
            const name = this.OR6(this.methodNames);
            this.ACTION(() => { if (dot.tokenType === T.AndDot) this.unsupported("Safe navigation `&.`", dot, name); });
            node = this.callTail(node, name, 20);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Colon2);
            const name = this.OR5([{ ALT: () => this.CONSUME(T.Constant) }, { ALT: () => this.CONSUME(T.Identifier) }]);
            const call = this.callTail(node, name, 30);
            node = this.ACTION((): Node => {
              if (call.type !== "Call") return call;
              if (name.tokenType === T.Constant && !call.parens && call.args.length === 0) {
                return { type: "Const", scope: node, top: false, name: name.image, range: this.range(node, name) };
              }
              call.colon2 = true;
              return call;
            })!;
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const args = this.SUBRULE(this.argList, { ARGS: [T.RBracket] });
            const close = this.CONSUME(T.RBracket);
            node = this.ACTION((): Node => ({ type: "Index", receiver: node, args: args.args, range: this.range(node, close) }));
          },
        },
        {
          ALT: () => {
            const block = this.SUBRULE(this.braceBlock);
            this.ACTION(() => this.attachBlock(node, block));
          },
        },
        {
          ALT: () => {
            const block = this.SUBRULE(this.doBlock);
            this.ACTION(() => this.attachBlock(node, block));
          },
        },
      ]);
    } });
    return node;
  }

  /** Whether the token after `node` continues it (the OR below has gates; MANY must agree). */
  private postfixAhead(node: Node | undefined): boolean {
    const next = this.LA(1);
    switch (next.tokenType) {
      case T.Dot: case T.AndDot: case T.Colon2: return true;
      case T.LBracket: return !this.spaceBefore(next) || node?.type !== "Call" || node.parens || node.args.length > 0;
      case T.LBrace: return this.canTakeBlock(node, true);
      case T.KwDo: return this.canTakeBlock(node, false);
      default: return false;
    }
  }

  private canTakeBlock(node: Node | undefined, braces: boolean): boolean {
    if (node?.type !== "Call" || node.block || node.blockArg) return false;
    return braces || this.noDo[this.noDo.length - 1] === 0;
  }

  private attachBlock(node: Node, block: BlockNode): void {
    if (node.type !== "Call") return;
    node.block = block;
    node.range = this.range(node, block);
  }

  methodName = this.RULE("methodName", (): IToken =>
    this.OR([
      { ALT: () => this.CONSUME(T.AnyName) },
      // `x.foo` followed by `:` is lexed as a label in `a ? x.foo: y`; rare, treated as a name.
      { ALT: () => this.CONSUME(T.Label) },
      { ALT: () => this.CONSUME(T.BinaryOp) },
      { ALT: () => this.CONSUME(T.Bang) },
    ]), { recoveryValueFunc: () => this.LA(0) });

  /**
   * After a method name: `(args)`, paren-less command args, or nothing. Builds the Call node.
   * `recv` is null for receiver-less calls.
   */
  callRest = this.RULE("callRest", (recv: Node | null, name: IToken): Node => this.callTail(recv, name, 1), { recoveryValueFunc: () => this.recoverNode() });

  /**
   * After a method name: `(args)`, paren-less command args, or nothing; builds the Call node
   * (`recv` is null for receiver-less calls). A helper with explicit DSL indices from `base`, so
   * the hot callers (method chains, identifiers) use it inside their own rule instead of paying for
   * a `callRest` rule invocation per call.
   */
  private callTail(recv: Node | null, name: IToken, base: number): Node {
    let args: Node[] = [];
    let blockArg: Node | null = null;
    let parens = false;
    let end: Positioned = name;
    // Two gated OPTIONs rather than a gated OR: Chevrotain re-collects an OR's gates on every call.
    this.option(base, {
      GATE: () => this.LA(1).tokenType === T.LParen && !this.spaceBefore(this.LA(1)),
      DEF: () => {
        this.consume(base, T.LParen);
        const list = this.subrule(base, this.argList, { ARGS: [T.RParen] });
        end = this.consume(base, T.RParen);
        args = list.args;
        blockArg = list.blockArg;
        parens = true;
      },
    });
    this.option(base + 1, {
      GATE: () => !parens && this.commandArgAhead(recv, name),
      DEF: () => {
        const list = this.subrule(base, this.commandArgs);
        args = list.args;
        blockArg = list.blockArg;
        this.ACTION(() => { const last = blockArg ?? args[args.length - 1]; if (last) end = last; });
      },
    });
    return this.ACTION((): Node => ({
      type: "Call", receiver: recv, name: name.image.endsWith(":") ? name.image.slice(0, -1) : name.image, nameRange: this.range(name),
      args, block: null, blockArg, parens, range: this.range(recv ?? name, end),
    }))!;
  }

  /** Paren-less arguments; a `do` inside them belongs to this command, not to an inner call. */
  commandArgs = this.RULE("commandArgs", () => {
    this.ACTION(() => this.noDo.push(1));
    const list = this.SUBRULE(this.argItems);
    this.ACTION(() => this.noDo.pop());
    return list;
  }, { recoveryValueFunc: () => ({ args: [], blockArg: null }) });

  /** Arguments inside `(...)` or `[...]`; newlines allowed around them. */
  argList = this.RULE("argList", (_closer: TokenType) => {
    this.ACTION(() => this.noDo.push(0));
    this.MANY(() => this.CONSUME(T.Terminator));
    let list: { args: Node[]; blockArg: Node | null } = { args: [], blockArg: null };
    this.OPTION(() => {
      list = this.SUBRULE(this.argItems);
      this.OPTION2(() => this.CONSUME(T.Comma));
      this.MANY2(() => this.CONSUME2(T.Terminator));
    });
    this.ACTION(() => this.noDo.pop());
    return list;
  }, { recoveryValueFunc: () => ({ args: [], blockArg: null }) });

  /** `a, *b, k: v, "x" => y, **h, &blk` with keyword pairs gathered into one trailing Hash. */
  argItems = this.RULE("argItems", () => {
    const args: Node[] = [];
    const pairs: HashPair[] = [];
    let blockArg: Node | null = null;
    const add = (item: ArgItem) => {
      if (item.kind === "pair") pairs.push(item.pair);
      else if (item.kind === "block") blockArg = item.node;
      else args.push(item.node);
    };
    const first = this.SUBRULE(this.argItem);
    this.ACTION(() => add(first));
    // `foo(a, b,)` and `[a, b,\n]`: a comma before the closer ends the list
    this.MANY({
      GATE: () => !LIST_CLOSERS.has(this.LA(2).tokenType),
      DEF: () => {
        this.CONSUME(T.Comma);
        const item = this.SUBRULE2(this.argItem);
        this.ACTION(() => add(item));
      },
    });
    return this.ACTION(() => {
      if (pairs.length) args.push({ type: "Hash", pairs, braces: false, range: this.range(pairs[0], pairs[pairs.length - 1]) });
      return { args, blockArg };
    }) ?? { args, blockArg };
  }, { recoveryValueFunc: () => ({ args: [], blockArg: null }) });

  /** One argument: `k: v`, `&blk`, `*splat`, `expr` or `expr => v`. */
  argItem = this.RULE("argItem", (): ArgItem => this.OR(this.argItemAlts), { recoveryValueFunc: () => ({ kind: "arg" as const, node: this.recoverNode() }) });

  private readonly argItemAlts = [
      {
        ALT: () => {
          const pair = this.SUBRULE(this.labelPair);
          return { kind: "pair" as const, pair };
        },
      },
      {
        ALT: () => {
          const amp = this.CONSUME(T.BlockAmp);
          const value = this.OPTION(() => this.SUBRULE(this.ternary));
          return { kind: "block" as const, node: this.ACTION(() => ({ type: "BlockPass", value: value ?? null, range: this.range(amp, value ?? amp) }) as Node)! };
        },
      },
      {
        ALT: () => {
          const star = this.OR2([{ ALT: () => this.CONSUME(T.Splat) }, { ALT: () => this.CONSUME(T.Splat2) }]);
          const value = this.SUBRULE2(this.ternary);
          return this.ACTION((): ArgItem => {
            this.unsupported("Splat argument", star, value);
            return { kind: "arg", node: { type: "Splat", value, double: star.tokenType === T.Splat2, range: this.range(star, value) } };
          })!;
        },
      },
      {
        ALT: () => {
          const value = this.SUBRULE(this.expr);
          const rocket = this.OPTION2(() => {
            this.CONSUME(T.HashRocket);
            return this.SUBRULE3(this.ternary);
          });
          return this.ACTION((): ArgItem => (rocket ? { kind: "pair", pair: { key: value, value: rocket, label: false, range: this.range(value, rocket) } } : { kind: "arg", node: value }))!;
        },
      },
  ];

  labelPair = this.RULE("labelPair", (): HashPair => {
    const label = this.CONSUME(T.Label);
    const value = this.SUBRULE(this.ternary);
    return this.ACTION(() => {
      const name = label.image.slice(0, -1);
      const key: Node = { type: "Sym", name, range: this.offsets(label.startOffset, label.endOffset!) };
      return { key, value, label: true, range: this.range(label, value) };
    });
  }, { recoveryValueFunc: () => this.recoverPair() });

  braceBlock = this.RULE("braceBlock", (): BlockNode => {
    const open = this.CONSUME(T.LBrace);
    this.ACTION(() => { this.scopes.push({ vars: new Set(), hard: false }); this.noDo.push(0); });
    const params = this.OPTION(() => this.SUBRULE(this.blockParams)) ?? [];
    const body = this.SUBRULE(this.statements, { ARGS: [BRACE_END] });
    const close = this.CONSUME(T.RBrace);
    return this.ACTION(() => {
      this.scopes.pop();
      this.noDo.pop();
      return { type: "Block", params, body, braces: true, range: this.range(open, close) } as BlockNode;
    })!;
  }, { recoveryValueFunc: () => ({ type: "Block" as const, params: [], body: [], braces: false, range: this.recoverRange() }) });

  doBlock = this.RULE("doBlock", (): BlockNode => {
    const open = this.CONSUME(T.KwDo);
    this.ACTION(() => { this.scopes.push({ vars: new Set(), hard: false }); this.noDo.push(0); });
    this.MANY(() => this.CONSUME(T.Terminator));
    const params = this.OPTION(() => this.SUBRULE(this.blockParams)) ?? [];
    const body = this.SUBRULE(this.bodyWithRescue);
    const close = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [open] }));
    return this.ACTION(() => {
      this.scopes.pop();
      this.noDo.pop();
      return { type: "Block", params, body, braces: false, range: this.range(open, close) } as BlockNode;
    })!;
  }, { recoveryValueFunc: () => ({ type: "Block" as const, params: [], body: [], braces: false, range: this.recoverRange() }) });

  blockParams = this.RULE("blockParams", (): Param[] => {
    this.CONSUME(T.Pipe);
    const params: Param[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const p = this.SUBRULE(this.param);
        this.ACTION(() => params.push(p));
      },
    });
    this.CONSUME2(T.Pipe);
    return params;
  }, { recoveryValueFunc: () => [] });

  /** `name`, `name = default`, `*rest`, `key:`, `key: default`, `**opts`, `&blk`. */
  param = this.RULE("param", (): Param => {
    let kind: Param["kind"] = "req";
    let def: Node | undefined;
    const tok = this.OR([
      {
        ALT: () => {
          const name = this.CONSUME(T.Identifier);
          this.OPTION(() => {
            this.CONSUME(T.Assign);
            def = this.SUBRULE(this.ternary);
            kind = "opt";
          });
          return name;
        },
      },
      {
        ALT: () => {
          const label = this.CONSUME(T.Label);
          kind = "key";
          this.OPTION2({ GATE: () => !this.atParamEnd(), DEF: () => { def = this.SUBRULE2(this.ternary); } });
          return label;
        },
      },
      { ALT: () => { this.OR2([{ ALT: () => this.CONSUME(T.Splat) }, { ALT: () => this.CONSUME(T.Star) }]); kind = "rest"; return this.OPTION3(() => this.CONSUME2(T.Identifier)) ?? this.LA(0); } },
      { ALT: () => { this.OR3([{ ALT: () => this.CONSUME(T.Splat2) }, { ALT: () => this.CONSUME(T.Pow) }]); kind = "rest"; return this.OPTION4(() => this.CONSUME3(T.Identifier)) ?? this.LA(0); } },
      { ALT: () => { this.OR4([{ ALT: () => this.CONSUME(T.BlockAmp) }, { ALT: () => this.CONSUME(T.Amp) }]); kind = "block"; return this.CONSUME4(T.Identifier); } },
    ]);
    return this.ACTION(() => {
      const name = tok.image.replace(/:$/, "");
      this.declare(name);
      const p: Param = { name, range: this.range(tok), kind };
      if (def) p.default = def;
      return p;
    })!;
  }, { recoveryValueFunc: () => ({ name: "", range: this.recoverRange(), kind: "req" as const }) });

  private atParamEnd(): boolean {
    const t = this.LA(1).tokenType;
    return t === T.Comma || t === T.Pipe || t === T.RParen || t === T.Newline || t === T.Semicolon;
  }

  /** Statements, then optional `rescue`/`else`/`ensure` clauses (bodies of def, do-blocks, begin). */
  bodyWithRescue = this.RULE("bodyWithRescue", (): Node[] => {
    const startTok = this.LA(1);
    const body = this.SUBRULE(this.statements, { ARGS: [BODY_END] });
    const rescues: { classes: Node[]; binding: string | null; body: Node[]; range: Range }[] = [];
    let elseBody: Node[] | null = null;
    let ensure: Node[] | null = null;
    this.MANY(() => {
      const kw = this.CONSUME(T.KwRescue);
      const classes: Node[] = [];
      let binding: string | null = null;
      // Not MANY_SEP: its LL(2) lookahead rejected `rescue A, B => e` and `rescue A => e`; the OR's
      // lookahead accepts them and a plain SUBRULE needs none.
      this.OR([
        {
          GATE: () => this.LA(1).tokenType !== T.HashRocket && this.LA(1).tokenType !== T.KwThen,
          ALT: () => {
            classes.push(this.SUBRULE(this.ternary));
            this.MANY2(() => { this.CONSUME(T.Comma); classes.push(this.SUBRULE2(this.ternary)); });
          },
        },
        { ALT: () => {} },
      ]);
      this.OPTION(() => {
        this.CONSUME(T.HashRocket);
        const v = this.CONSUME(T.Identifier);
        this.ACTION(() => { binding = v.image; this.declare(v.image); });
      });
      this.OPTION2(() => this.CONSUME(T.KwThen));
      const rbody = this.SUBRULE2(this.statements, { ARGS: [BODY_END] });
      this.ACTION(() => rescues.push({ classes, binding, body: rbody, range: this.range(kw, rbody.length ? rbody[rbody.length - 1] : kw) }));
    });
    this.OPTION3(() => {
      this.CONSUME(T.KwElse);
      elseBody = this.SUBRULE3(this.statements, { ARGS: [BODY_END] });
    });
    this.OPTION4(() => {
      this.CONSUME(T.KwEnsure);
      ensure = this.SUBRULE4(this.statements, { ARGS: [BODY_END] });
    });
    return this.ACTION(() => {
      if (!rescues.length && !elseBody && !ensure) return body;
      const last = this.LA(0);
      return [{ type: "Begin", body, rescues, elseBody, ensure, range: this.range(startTok, last) } as Node];
    }) ?? body;
  }, { recoveryValueFunc: () => [] });

  // The alternatives array is built once: a fresh array of 17 closures per primary expression was
  // a measurable share of parse time (allocation and GC). The closures only use `this`.
  private primaryAlts?: { ALT: () => Node }[];
  primary = this.RULE("primary", (): Node =>
    this.OR(this.primaryAlts ??= [
      // literals, strings and identifiers are the most frequent primaries: parsed in this rule
      // (helper methods, not sub-rules) to save a rule invocation each
      { ALT: () => this.literal() },
      { ALT: () => this.stringLike() },
      { ALT: () => this.SUBRULE(this.arrayLit) },
      { ALT: () => this.SUBRULE(this.hashLit) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
      { ALT: () => this.identifier() },
      { ALT: () => this.SUBRULE(this.constant) },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.loopExpr) },
      { ALT: () => this.SUBRULE(this.caseExpr) },
      { ALT: () => this.SUBRULE(this.beginExpr) },
      { ALT: () => this.SUBRULE(this.defExpr) },
      { ALT: () => this.SUBRULE(this.moduleExpr) },
      { ALT: () => this.SUBRULE(this.classExpr) },
      { ALT: () => this.SUBRULE(this.lambdaExpr) },
      { ALT: () => this.SUBRULE(this.jumpExpr) },
      { ALT: () => this.SUBRULE(this.keywordCall) },
    ]), { recoveryValueFunc: () => this.recoverNode() });

  /** Part of `primary`. */
  private literal(): Node {
    const tok = this.OR2(this.literalTokens);
    return this.ACTION(() => this.literalNode(tok))!;
  }

  private literalNode(tok: IToken): Node {
    {
      const range = this.range(tok);
      switch (tok.tokenType) {
        case T.Integer: return { type: "Int", value: parseRubyInt(tok.image), raw: tok.image, range };
        case T.Float: return { type: "Float", value: Number(tok.image.replace(/_/g, "")), raw: tok.image, range };
        case T.KwNil: return { type: "Nil", range };
        case T.KwTrue: return { type: "True", range };
        case T.KwFalse: return { type: "False", range };
        case T.KwSelf: return { type: "Self", range };
        case T.KwLine: return { type: "Int", value: this.pos(tok.startOffset).line, raw: tok.image, range };
        case T.IVar: return { type: "IVar", name: tok.image, range };
        case T.GVar: return { type: "GVar", name: tok.image, range };
        default: return { type: "Call", receiver: null, name: tok.image, nameRange: range, args: [], block: null, blockArg: null, parens: false, range };
      }
    }
  }

  private readonly literalTokens = [
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Float) },
      { ALT: () => this.CONSUME(T.KwNil) },
      { ALT: () => this.CONSUME(T.KwTrue) },
      { ALT: () => this.CONSUME(T.KwFalse) },
      { ALT: () => this.CONSUME(T.KwSelf) },
      { ALT: () => this.CONSUME(T.KwFile) },
      { ALT: () => this.CONSUME(T.KwLine) },
      { ALT: () => this.CONSUME(T.KwDir) },
      { ALT: () => this.CONSUME(T.IVar) },
      { ALT: () => this.CONSUME(T.GVar) },
  ];

  /** Part of `primary`: strings, symbols, heredocs, %-literals, backticks, regexps; "a" "b" concatenates. */
  private stringLike(): Node {
    const firstTok = this.OR3(this.stringTokens);
    const first = this.ACTION(() => this.stringNode(firstTok))!;
    let node = first;
    this.MANY({
      GATE: () => node.type === "Str" && (this.LA(1).tokenType === T.DString || this.LA(1).tokenType === T.SString),
      DEF: () => {
        const nextTok = this.OR4(this.adjacentStrings);
        // parts are appended in place (copying them per string would be quadratic in "a" "b" "c" ...)
        this.ACTION(() => {
          const next = this.stringNode(nextTok);
          if (node === first) node = { type: "Str", quote: '"', parts: [...(first as StrNode).parts], range: first.range };
          (node as StrNode).parts.push(...(next as StrNode).parts);
          node.range = this.range(node, next);
        });
      },
    });
    return node;
  }

  private readonly adjacentStrings = [{ ALT: () => this.CONSUME2(T.DString) }, { ALT: () => this.CONSUME2(T.SString) }];

  private readonly stringTokens = [
    { ALT: () => this.CONSUME(T.DString) },
    { ALT: () => this.CONSUME(T.SString) },
    { ALT: () => this.CONSUME(T.XString) },
    { ALT: () => this.CONSUME(T.HeredocStart) },
    { ALT: () => this.CONSUME(T.PercentLit) },
    { ALT: () => this.CONSUME(T.Regexp) },
    { ALT: () => this.CONSUME(T.Symbol) },
  ];

  private stringNode(tok: IToken): Node {
    const range = this.range(tok);
    const info = this.strings.get(tok.startOffset);
    if (tok.tokenType === T.Symbol) {
      if (!info) return { type: "Sym", name: tok.image.slice(1), range };
      const parts = this.parts(info, true);
      return { type: "Sym", name: parts.every((p) => p.kind === "text") ? parts.map((p) => (p as { value: string }).value).join("") : "", parts, range };
    }
    if (!info) return { type: "Str", parts: [], quote: '"', range };
    if (!info.terminated) {
      this.diagnostics.push({ kind: "syntax-error", message: tok.tokenType === T.HeredocStart ? `heredoc ${tok.image} has no terminator line` : "unterminated string literal: add the closing delimiter", range: tok.tokenType === T.HeredocStart ? range : this.offsets(tok.startOffset, tok.startOffset + 1) });
    }
    switch (tok.tokenType) {
      case T.XString: return { type: "XStr", parts: this.parts(info, true), range };
      case T.Regexp:
        this.unsupported("Regular expression literal", tok);
        return { type: "Regex", parts: this.parts(info, true), flags: tok.image.slice(tok.image.lastIndexOf("/") + 1), range };
      case T.SString: return { type: "Str", parts: this.parts(info, false), quote: "'", range };
      case T.HeredocStart: {
        const parts = this.parts(info, !info.raw);
        return { type: "Str", parts: info.squiggly ? dedent(parts) : parts, quote: "heredoc", range };
      }
      case T.PercentLit: return this.percentNode(tok, info, range);
      default: return { type: "Str", parts: this.parts(info, true), quote: '"', range };
    }
  }

  private percentNode(tok: IToken, info: StringInfo, range: Range): Node {
    const kind = tok.image[1];
    if (kind === "w" || kind === "W" || kind === "i" || kind === "I") {
      const elements: Node[] = [];
      const re = /(?:\\.|[^\s\\])+/gs;
      const content = this.text.slice(info.start, info.end);
      for (let m = re.exec(content); m; m = re.exec(content)) {
        const start = info.start + m.index;
        const r = this.offsets(start, start + m[0].length);
        const value = m[0].replace(/\\(.)/gs, "$1");
        elements.push(kind === "i" || kind === "I" ? { type: "Sym", name: value, range: r } : { type: "Str", parts: [{ kind: "text", value, range: r }], quote: "%w", range: r });
      }
      return { type: "Array", elements, words: true, range };
    }
    if (kind === "r") {
      this.unsupported("Regular expression literal", tok);
      return { type: "Regex", parts: this.parts(info, true), flags: "", range };
    }
    if (kind === "x") return { type: "XStr", parts: this.parts(info, true), range };
    if (kind === "s") return { type: "Sym", name: this.text.slice(info.start, info.end), range };
    return { type: "Str", parts: this.parts(info, !info.raw), quote: "%", range };
  }

  /** Splits string content into text parts (unescaped) and interpolations (parsed later). */
  private parts(info: StringInfo, escapes: boolean): StrPart[] {
    const parts: StrPart[] = [];
    let cursor = info.start;
    const text = (start: number, end: number) => {
      if (end <= start) return;
      const raw = this.text.slice(start, end);
      parts.push({ kind: "text", value: escapes ? unescapeDouble(raw) : unescapeSingle(raw), range: this.offsets(start, end) });
    };
    for (const span of info.interps) {
      text(cursor, span.start - 2);
      const part: Extract<StrPart, { kind: "interp" }> = { kind: "interp", body: [], range: this.offsets(span.start - 2, span.end + 1) };
      parts.push(part);
      // the code sees the locals in scope here, although it is parsed after the enclosing code
      this.pendingInterps.push({ part, start: span.start, end: span.end, scopes: [...this.scopes] });
      cursor = span.end + 1;
    }
    text(cursor, info.end);
    return parts;
  }

  arrayLit = this.RULE("arrayLit", (): Node => {
    const open = this.CONSUME(T.LBracketArray);
    const list = this.SUBRULE(this.argList, { ARGS: [T.RBracket] });
    const close = this.CONSUME(T.RBracket);
    return this.ACTION((): Node => ({ type: "Array", elements: list.args, range: this.range(open, close) }))!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  hashLit = this.RULE("hashLit", (): Node => {
    const open = this.CONSUME(T.LBrace);
    const pairs: HashPair[] = [];
    this.ACTION(() => this.noDo.push(0));
    this.MANY(() => this.CONSUME(T.Terminator));
    // pairs separated by commas; a trailing comma before `}` is allowed
    let separated = true;
    this.MANY2({
      GATE: () => separated && this.LA(1).tokenType !== T.RBrace,
      DEF: () => {
        this.OR([
          { ALT: () => { const p = this.SUBRULE(this.labelPair); this.ACTION(() => pairs.push(p)); } },
          {
            ALT: () => {
              const key = this.SUBRULE(this.ternary);
              this.CONSUME(T.HashRocket);
              const value = this.SUBRULE2(this.ternary);
              this.ACTION(() => pairs.push({ key, value, label: false, range: this.range(key, value) }));
            },
          },
          {
            ALT: () => {
              const star = this.CONSUME(T.Splat2);
              const value = this.SUBRULE3(this.ternary);
              this.ACTION(() => this.unsupported("Double splat in a hash", star, value));
            },
          },
        ]);
        separated = false;
        this.MANY3(() => this.CONSUME2(T.Terminator));
        this.OPTION(() => {
          this.CONSUME(T.Comma);
          separated = true;
          this.MANY4(() => this.CONSUME3(T.Terminator));
        });
      },
    });
    const close = this.CONSUME(T.RBrace);
    return this.ACTION((): Node => {
      this.noDo.pop();
      return { type: "Hash", pairs, braces: true, range: this.range(open, close) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  parenExpr = this.RULE("parenExpr", (): Node => {
    const open = this.CONSUME(T.LParen);
    this.ACTION(() => this.noDo.push(0));
    const body = this.SUBRULE(this.statements, { ARGS: [PAREN_END] });
    const close = this.CONSUME(T.RParen);
    return this.ACTION((): Node => {
      this.noDo.pop();
      return { type: "Paren", body, range: this.range(open, close) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** A local variable, or a receiver-less call (`foo`, `foo(1)`, `foo 1, 2`). */
  /** Part of `primary`: a local variable, or a receiver-less call. */
  private identifier(): Node {
    const name = this.CONSUME(T.Identifier);
    const call = this.callTail(null, name, 40);
    return this.ACTION((): Node => {
      if (call.type === "Call" && !call.parens && call.args.length === 0 && !call.blockArg && this.isLocal(name.image)) {
        return { type: "LVar", name: name.image, range: this.range(name) };
      }
      return call;
    })!;
  }

  constant = this.RULE("constant", (): Node => {
    const top = this.OPTION(() => this.CONSUME(T.Colon2Top));
    const name = this.CONSUME(T.Constant);
    return this.OR([
      {
        GATE: () => this.LA(1).tokenType === T.LParen && !this.spaceBefore(this.LA(1)),
        ALT: () => this.SUBRULE(this.callRest, { ARGS: [null, name] }),
      },
      {
        ALT: () => this.ACTION((): Node => ({ type: "Const", scope: null, top: !!top, name: name.image, range: this.range(top ?? name, name) }))!,
      },
    ]);
  }, { recoveryValueFunc: () => this.recoverNode() });

  ifExpr = this.RULE("ifExpr", (): Node => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.KwIf) }, { ALT: () => this.CONSUME(T.KwUnless) }]);
    const cond = this.SUBRULE(this.condition);
    const then = this.SUBRULE(this.statements, { ARGS: [IF_END] });
    const elsifs: { kw: IToken; cond: Node; body: Node[] }[] = [];
    this.MANY(() => {
      const k = this.CONSUME(T.KwElsif);
      const c = this.SUBRULE2(this.condition);
      const b = this.SUBRULE2(this.statements, { ARGS: [IF_END] });
      this.ACTION(() => elsifs.push({ kw: k, cond: c, body: b }));
    });
    const otherwise = this.OPTION(() => {
      this.CONSUME(T.KwElse);
      return this.SUBRULE3(this.statements, { ARGS: [IF_END] });
    });
    const end = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [kw] }));
    return this.ACTION((): Node => {
      let tail: Node[] | null = otherwise ?? null;
      for (let i = elsifs.length - 1; i >= 0; i--) {
        const e = elsifs[i];
        tail = [{ type: "If", form: "statement", negate: false, cond: e.cond, then: e.body, otherwise: tail, range: this.range(e.kw, end) }];
      }
      return { type: "If", form: "statement", negate: kw.tokenType === T.KwUnless, cond, then, otherwise: tail, range: this.range(kw, end) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** The condition of if/elsif/while/when: an expression, then `then` or a line end. */
  condition = this.RULE("condition", (): Node => {
    this.ACTION(() => this.noDo.push(1));
    const cond = this.SUBRULE(this.exprStmt);
    this.ACTION(() => this.noDo.pop());
    this.OR([
      { ALT: () => this.CONSUME(T.KwThen) },
      { ALT: () => this.CONSUME(T.Terminator) },
      { ALT: () => this.CONSUME(T.KwDo) },
    ]);
    return cond;
  }, { recoveryValueFunc: () => this.recoverNode() });

  loopExpr = this.RULE("loopExpr", (): Node => {
    const kw = this.OR([
      { ALT: () => this.CONSUME(T.KwWhile) },
      { ALT: () => this.CONSUME(T.KwUntil) },
      {
        ALT: () => {
          const f = this.CONSUME(T.KwFor);
          this.CONSUME(T.Identifier);
          this.CONSUME(T.KwIn);
          return f;
        },
      },
    ]);
    const cond = this.SUBRULE(this.condition);
    const body = this.SUBRULE(this.statements, { ARGS: [END_ONLY] });
    const end = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [kw] }));
    return this.ACTION((): Node => {
      this.unsupported(`\`${kw.image}\` loop`, kw, end);
      return { type: "While", negate: kw.tokenType === T.KwUntil, cond, body, modifier: false, range: this.range(kw, end) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  caseExpr = this.RULE("caseExpr", (): Node => {
    const kw = this.CONSUME(T.KwCase);
    const subject = this.OPTION(() => this.SUBRULE(this.exprStmt));
    this.MANY(() => this.CONSUME(T.Terminator));
    const whens: { conds: Node[]; body: Node[]; range: Range }[] = [];
    this.AT_LEAST_ONE(() => {
      const w = this.CONSUME(T.KwWhen);
      const conds: Node[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { conds.push(this.SUBRULE(this.ternary)); } });
      this.OR([{ ALT: () => this.CONSUME(T.KwThen) }, { ALT: () => this.CONSUME2(T.Terminator) }]);
      const body = this.SUBRULE(this.statements, { ARGS: [CASE_END] });
      this.ACTION(() => whens.push({ conds, body, range: this.range(w, body.length ? body[body.length - 1] : w) }));
    });
    const otherwise = this.OPTION2(() => {
      this.CONSUME(T.KwElse);
      return this.SUBRULE2(this.statements, { ARGS: [END_ONLY] });
    });
    const end = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [kw] }));
    return this.ACTION((): Node => {
      this.unsupported("`case` expression", kw, end);
      return { type: "Case", subject: subject ?? null, whens, otherwise: otherwise ?? null, range: this.range(kw, end) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  beginExpr = this.RULE("beginExpr", (): Node => {
    const kw = this.CONSUME(T.KwBegin);
    const body = this.SUBRULE(this.bodyWithRescue);
    const end = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [kw] }));
    return this.ACTION((): Node => {
      const inner = body.length === 1 && body[0].type === "Begin" ? body[0] : null;
      if (inner && inner.type === "Begin") return { ...inner, range: this.range(kw, end) };
      return { type: "Begin", body, rescues: [], elseBody: null, ensure: null, range: this.range(kw, end) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  defExpr = this.RULE("defExpr", (): Node => {
    const kw = this.CONSUME(T.KwDef);
    let receiver: Node | null = null;
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Dot,
      DEF: () => {
        const r = this.OR([{ ALT: () => this.CONSUME(T.KwSelf) }, { ALT: () => this.CONSUME(T.Constant) }, { ALT: () => this.CONSUME(T.Identifier) }]);
        this.CONSUME(T.Dot);
        receiver = this.ACTION((): Node => (r.tokenType === T.KwSelf ? { type: "Self", range: this.range(r) } : { type: "Const", scope: null, top: false, name: r.image, range: this.range(r) }))!;
      },
    });
    const name = this.SUBRULE(this.methodName);
    const setter = this.OPTION2({ GATE: () => !this.spaceBefore(this.LA(1)), DEF: () => this.CONSUME(T.Assign) });
    this.ACTION(() => this.scopes.push({ vars: new Set(), hard: true }));
    const params: Param[] = [];
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => { const p = this.SUBRULE(this.param); this.ACTION(() => params.push(p)); } });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const p = this.SUBRULE2(this.param); this.ACTION(() => params.push(p)); } });
        },
      },
      { ALT: () => {} },
    ]);
    const body = this.SUBRULE(this.bodyWithRescue);
    const end = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [kw] }));
    return this.ACTION((): Node => {
      this.scopes.pop();
      return {
        type: "Def", receiver, name: name.image.replace(/:$/, "") + (setter ? "=" : ""), nameRange: this.range(name, setter ?? name),
        params, body, range: this.range(kw, end),
      };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  moduleExpr = this.RULE("moduleExpr", (): Node => {
    const kw = this.CONSUME(T.KwModule);
    const path = this.SUBRULE(this.cpath);
    this.ACTION(() => this.scopes.push({ vars: new Set(), hard: true }));
    const body = this.SUBRULE(this.statements, { ARGS: [END_ONLY] });
    const end = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [kw] }));
    return this.ACTION((): Node => {
      this.scopes.pop();
      return { type: "Module", path, body, range: this.range(kw, end) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  classExpr = this.RULE("classExpr", (): Node => {
    const kw = this.CONSUME(T.KwClass);
    const path = this.OR([
      { ALT: () => this.SUBRULE(this.cpath) },
      { ALT: () => { const s = this.CONSUME(T.Shl); const o = this.SUBRULE(this.ternary); return this.ACTION((): Node => ({ type: "Paren", body: [o], range: this.range(s, o) }))!; } },
    ]);
    const superclass = this.OPTION(() => {
      this.CONSUME(T.Less);
      return this.SUBRULE2(this.ternary);
    });
    this.ACTION(() => this.scopes.push({ vars: new Set(), hard: true }));
    const body = this.SUBRULE(this.statements, { ARGS: [END_ONLY] });
    const end = this.closeTok(this.SUBRULE(this.endKw, { ARGS: [kw] }));
    return this.ACTION((): Node => {
      this.scopes.pop();
      this.unsupported("`class` definition", kw, end);
      return { type: "Class", path, superclass: superclass ?? null, body, range: this.range(kw, end) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** `Name`, `A::B`, `::A::B` after module/class. */
  cpath = this.RULE("cpath", (): Node => {
    const top = this.OPTION(() => this.CONSUME(T.Colon2Top));
    const first = this.CONSUME(T.Constant);
    let node = this.ACTION((): Node => ({ type: "Const", scope: null, top: !!top, name: first.image, range: this.range(top ?? first, first) }))!;
    this.MANY(() => {
      this.CONSUME(T.Colon2);
      const next = this.CONSUME2(T.Constant);
      node = this.ACTION((): Node => ({ type: "Const", scope: node, top: false, name: next.image, range: this.range(node, next) }))!;
    });
    return node;
  }, { recoveryValueFunc: () => this.recoverNode() });

  lambdaExpr = this.RULE("lambdaExpr", (): Node => {
    const arrow = this.CONSUME(T.Arrow);
    this.ACTION(() => this.scopes.push({ vars: new Set(), hard: false }));
    const params: Param[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => { const p = this.SUBRULE(this.param); this.ACTION(() => params.push(p)); } });
      this.CONSUME(T.RParen);
    });
    const block = this.OR([{ ALT: () => this.SUBRULE(this.braceBlock) }, { ALT: () => this.SUBRULE(this.doBlock) }]);
    return this.ACTION((): Node => {
      this.scopes.pop();
      this.unsupported("Lambda literal", arrow, block);
      return { type: "Lambda", params: [...params, ...block.params], body: block.body, range: this.range(arrow, block) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** `return`, `next`, `break` with an optional value; `redo`, `retry`. */
  jumpExpr = this.RULE("jumpExpr", (): Node => {
    const kw = this.OR([
      { ALT: () => this.CONSUME(T.KwReturn) },
      { ALT: () => this.CONSUME(T.KwNext) },
      { ALT: () => this.CONSUME(T.KwBreak) },
      { ALT: () => this.CONSUME(T.KwRedo) },
      { ALT: () => this.CONSUME(T.KwRetry) },
    ]);
    const value = this.OPTION({
      GATE: () => !STATEMENT_END.has(this.LA(1).tokenType) && kw.tokenType !== T.KwRedo && kw.tokenType !== T.KwRetry,
      DEF: () => this.SUBRULE(this.exprStmt),
    });
    return this.ACTION((): Node => {
      const type = ({ return: "Return", next: "Next", break: "Break", redo: "Redo", retry: "Retry" } as const)[kw.image as "return"];
      return { type, value: value ?? null, range: this.range(kw, value ?? kw) };
    })!;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** `yield`, `super`, `lambda`/`proc`-free keyword calls: parsed as calls with that name. */
  keywordCall = this.RULE("keywordCall", (): Node => {
    const kw = this.OR([
      { ALT: () => this.CONSUME(T.KwYield) },
      { ALT: () => this.CONSUME(T.KwSuper) },
      { ALT: () => this.CONSUME(T.KwAlias) },
      { ALT: () => this.CONSUME(T.KwUndef) },
    ]);
    const call = this.SUBRULE(this.callRest, { ARGS: [null, kw] });
    this.ACTION(() => { if (kw.tokenType === T.KwAlias || kw.tokenType === T.KwUndef) this.unsupported(`\`${kw.image}\``, kw, call); });
    return call;
  }, { recoveryValueFunc: () => this.recoverNode() });

  /** Entry point for an interpolation's code. */
  interpolation = this.RULE("interpolation", (): Node[] => this.SUBRULE(this.statements, { ARGS: [AT_EOF] }), { recoveryValueFunc: () => [] });
}

// ---- string helpers -------------------------------------------------------------------------------

function parseRubyInt(raw: string): number {
  const s = raw.replace(/_/g, "");
  if (/^0[xX]/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[bB]/.test(s)) return parseInt(s.slice(2), 2);
  if (/^0[oO]/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0\d/.test(s)) return parseInt(s.slice(1), 8);
  return Number(s);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", s: " ", e: "\x1b", a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** Double-quoted escapes: `\n`, `\t`, `\xHH`, `\uXXXX`, `\u{...}`, `\<newline>` (joins lines). */
export function unescapeDouble(raw: string): string {
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\(?:x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F ]+)\}|([0-7]{1,3})|(\r?\n)|(.))/gs, (_m, hex, u4, ubr, oct, nl, ch) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    if (ubr) return String(ubr).trim().split(/\s+/).map((h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff))).join("");
    if (oct) return String.fromCharCode(parseInt(oct, 8) & 0xff);
    if (nl) return "";
    return SIMPLE_ESCAPES[ch] ?? ch;
  });
}

export function unescapeSingle(raw: string): string {
  return raw.includes("\\") ? raw.replace(/\\([\\'])/g, "$1") : raw;
}

/** `<<~` heredocs: remove the smallest indentation of non-blank lines from text parts. */
function dedent(parts: StrPart[]): StrPart[] {
  const texts = parts.filter((p): p is Extract<StrPart, { kind: "text" }> => p.kind === "text").map((p) => p.value).join("\u0000");
  let min = Infinity;
  for (const line of texts.split("\n").slice(0)) {
    const stripped = line.replace(/\u0000/g, "");
    if (!stripped.trim()) continue;
    const indent = /^[ \t]*/.exec(stripped)![0].length;
    min = Math.min(min, indent);
  }
  if (!Number.isFinite(min) || min === 0) return parts;
  const re = new RegExp(`(^|\\n)[ \\t]{0,${min}}`, "g");
  let atLineStart = true;
  return parts.map((p) => {
    if (p.kind !== "text") { atLineStart = false; return p; }
    const value = (atLineStart ? p.value : "\u0001" + p.value).replace(re, "$1").replace(/^\u0001/, "");
    atLineStart = p.value.endsWith("\n");
    return { ...p, value };
  });
}

// ---- driver ---------------------------------------------------------------------------------------

const parser = new RubyParser();

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Nesting depth of brackets and `do`/`def`/`module`/... blocks, capped scan; no recursion. */
function nestingTooDeep(tokens: IToken[]): { offset: number; what: string } | null {
  let depth = 0;
  for (const t of tokens) {
    const tt = t.tokenType;
    if (tt === T.LParen || tt === T.LBracket || tt === T.LBracketArray || tt === T.LBrace || tt === T.KwDo || tt === T.KwDef || tt === T.KwModule || tt === T.KwClass || tt === T.KwBegin || tt === T.KwCase || tt === T.Bang || tt === T.UMinus || tt === T.KwNot) {
      if (++depth > MAX_NESTING) return { offset: t.startOffset, what: "code" };
    } else if (tt === T.RParen || tt === T.RBracket || tt === T.RBrace || tt === T.KwEnd) depth = Math.max(0, depth - 1);
    else if (depth > 0 && (tt === T.Newline || tt === T.Semicolon || tt === T.Comma)) {
      // unary operators do not nest past a separator; brackets still do (approximation kept cheap)
    }
  }
  return null;
}

/**
 * Parses Ruby source into an AST. Never throws: syntax errors, unsupported constructs and
 * limits become diagnostics, and parsing recovers to analyse the statements that follow.
 */
export function parseRuby(text: string): ParseResult {
  const lineStarts = lineStartsOf(text);
  parser.begin(text, lineStarts);
  parseWork.lexedChars = text.length;
  parseWork.tokens = parseWork.lookahead = parseWork.skipped = 0;
  let main: ReturnType<typeof lex>;
  try {
    main = lex(text);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const range = { start: parser.pos(0), end: parser.pos(text.length) };
    return { program: emptyProgram(parser, text), comments: [], diagnostics: [{ kind: "syntax-error", message: "text nested too deeply to analyse", range }], lineStarts };
  }
  const comments: Comment[] = main.comments.map((c) => ({ text: c.image, range: parser.range(c) }));
  const lexDiagnostics: SyntaxDiagnostic[] = [];
  for (const e of main.errors) {
    lexDiagnostics.push({ kind: "syntax-error", message: `unexpected character ${JSON.stringify(text.slice(e.offset, e.offset + e.length))}`, range: { start: parser.pos(e.offset), end: parser.pos(e.offset + e.length) } });
  }
  const deep = main.tooDeep !== null ? { offset: main.tooDeep, what: "string interpolation" } : nestingTooDeep(main.tokens);
  if (deep) {
    const at = parser.pos(deep.offset);
    lexDiagnostics.push({ kind: "syntax-error", message: `${deep.what} nested deeper than ${MAX_NESTING} levels; hacolint does not analyse this file further`, range: { start: at, end: parser.pos(Math.min(text.length, deep.offset + 1)) } });
    return { program: emptyProgram(parser, text), comments, diagnostics: lexDiagnostics, lineStarts };
  }
  parseWork.tokens += main.tokens.length;
  let pass = parseTokens(text, lineStarts, main, false);
  // A missing `end` makes every later `end` close the wrong block, so the blocks after it end up
  // nested inside it. Parse again letting indentation decide which block a dedented `end` closes.
  if (pass.missingEnd) pass = parseTokens(text, lineStarts, main, true);
  const diagnostics = [...lexDiagnostics, ...pass.diagnostics];
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const allComments = [...comments, ...pass.comments];
  allComments.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const program: ProgramNode = { type: "Program", body: pass.body, range: { start: parser.pos(0), end: parser.pos(text.length) } };
  return { program, comments: allComments, diagnostics, lineStarts };
}

/** One parse of the file's tokens, then of every interpolation's code. */
function parseTokens(text: string, lineStarts: number[], main: ReturnType<typeof lex>, indentRecovery: boolean) {
  parser.begin(text, lineStarts);
  parser.indentRecovery = indentRecovery;
  const diagnostics: SyntaxDiagnostic[] = [];
  const comments: Comment[] = [];
  let body: Node[] = [];
  let missingEnd = false;
  try {
    parser.setTokens(main.tokens, main.strings);
    body = parser.program() ?? [];
    collectErrors(parser, diagnostics);
    missingEnd = parser.missingEnd;
    // Interpolations are parsed after their enclosing code, breadth-first; each queue entry is
    // a slice of the file lexed once more, so the total work stays linear in the nesting depth.
    for (let queue = parser.takeInterpolations(); queue.length; queue = parser.takeInterpolations()) {
      for (const item of queue) {
        // `#{name}` / `#{CONST}` is most interpolations: build the node without a lexer run
        const simple = parser.simpleInterpolation(item.start, item.end, item.scopes);
        if (simple) {
          item.part.body = [simple];
          continue;
        }
        const sub = lex(text.slice(item.start, item.end), item.start);
        parseWork.lexedChars += item.end - item.start;
        parseWork.tokens += sub.tokens.length;
        for (const c of sub.comments) comments.push({ text: c.image, range: parser.range(c) });
        parser.setTokens(sub.tokens, sub.strings, item.scopes);
        item.part.body = parser.interpolation() ?? [];
        collectErrors(parser, diagnostics);
      }
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    diagnostics.push({ kind: "syntax-error", message: "expression nested too deeply to analyse", range: { start: parser.pos(0), end: parser.pos(text.length) } });
  }
  diagnostics.push(...parser.diagnostics);
  return { body: body.filter(Boolean), diagnostics, comments, missingEnd };
}

function emptyProgram(p: RubyParser, text: string): ProgramNode {
  return { type: "Program", body: [], range: { start: p.pos(0), end: p.pos(text.length) } };
}

function collectErrors(p: RubyParser, out: SyntaxDiagnostic[]): void {
  for (const err of p.errors) {
    const tok = err.token;
    const at = tok.tokenType === EOF ? (p.errors.length ? lastOffset(p) : 0) : tok.startOffset;
    const range = tok.tokenType === EOF ? { start: p.pos(at), end: p.pos(at) } : p.range(tok);
    out.push({ kind: "syntax-error", message: describeError(err.message, tok), range });
    if (process.env.HACOLINT_DEBUG_PARSER) console.error(err.message, err.context?.ruleStack);
  }
}

function lastOffset(p: RubyParser): number {
  const input = p.input;
  const last = input[input.length - 1];
  return last ? last.endOffset! + 1 : 0;
}

function describeError(message: string, tok: IToken): string {
  const found = tok.tokenType === EOF ? "end of file" : JSON.stringify(tok.image.length > 20 ? tok.image.slice(0, 20) + "…" : tok.image);
  if (/Expecting token of type --> KwEnd <--|\bEnd\b/.test(message) && tok.tokenType === EOF) return "unexpected end of file: a block, `if` or `def` is missing its `end`";
  // only a mismatched single token names what was expected; "one of these sequences" lists are noise
  const expected = /Expecting token of type --> (\w+) <--/.exec(message)?.[1];
  return expected ? `unexpected ${found}; expected ${humanToken(expected)}` : `unexpected ${found}`;
}

function humanToken(name: string): string {
  const map: Record<string, string> = {
    KwEnd: "`end`", RParen: "`)`", RBracket: "`]`", RBrace: "`}`", Terminator: "a line break or `;`", Identifier: "a name",
    Constant: "a constant", Comma: "`,`", HashRocket: "`=>`", Pipe: "`|`",
  };
  return map[name] ?? name;
}

/** The grammar as Chevrotain sees it, for the railroad diagram. */
export function serializedGrammar() {
  return parser.getSerializedGastProductions();
}
