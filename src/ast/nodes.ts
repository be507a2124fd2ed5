// AST for the Ruby subset Hacofiles and build_config.rb use (hacofile-dsl.md §8.3).
// Every node carries a Range so diagnostics, LSP and SARIF can point at exact text.

/** A point in the source. `offset` and `column` count UTF-16 code units (JS string indices). */
export interface Position {
  /** 0-based offset into the text. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units (LSP character = column - 1; SARIF uses it as is). */
  column: number;
}

/** Half-open range: `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

interface NodeBase {
  range: Range;
}

export interface IntNode extends NodeBase { type: "Int"; value: number; raw: string }
export interface FloatNode extends NodeBase { type: "Float"; value: number; raw: string }
export interface NilNode extends NodeBase { type: "Nil" }
export interface TrueNode extends NodeBase { type: "True" }
export interface FalseNode extends NodeBase { type: "False" }
export interface SelfNode extends NodeBase { type: "Self" }

/** Literal text of a string, or an interpolated expression `#{...}` (its `body` statements). */
export type StrPart =
  | { kind: "text"; value: string; range: Range }
  | { kind: "interp"; body: Node[]; range: Range };

/**
 * A string literal: '..', "..", heredoc, %w element, ERB text is kept verbatim.
 * `parts` holds text and interpolations in order; a string without interpolation has one text part
 * (or none when empty).
 */
export interface StrNode extends NodeBase {
  type: "Str";
  parts: StrPart[];
  quote: "'" | '"' | "heredoc" | "%w" | "%" | "label";
}
/** Backtick command `...`, same parts as a string. Executing it is a side effect at evaluation. */
export interface XStrNode extends NodeBase { type: "XStr"; parts: StrPart[] }
/** `:name`, `:"name"` (parts when interpolated), or a `key:` label used as a hash key. */
export interface SymNode extends NodeBase { type: "Sym"; name: string; parts?: StrPart[] }
export interface ArrayNode extends NodeBase { type: "Array"; elements: Node[]; words?: boolean }
export interface HashPair { key: Node; value: Node; range: Range; label: boolean }
/** `{ k => v }` or bare keyword arguments in a call (`braces: false`). */
export interface HashNode extends NodeBase { type: "Hash"; pairs: HashPair[]; braces: boolean }
export interface RangeNode extends NodeBase { type: "RangeLit"; low: Node | null; high: Node | null; exclusive: boolean }

/** A bare identifier that the parser knows to be a local variable (assigned earlier or a block param). */
export interface LVarNode extends NodeBase { type: "LVar"; name: string }
export interface IVarNode extends NodeBase { type: "IVar"; name: string }
export interface GVarNode extends NodeBase { type: "GVar"; name: string }
/** `Name`, `A::Name` (scope = A) or `::Name` (scope = null, top = true). */
export interface ConstNode extends NodeBase { type: "Const"; scope: Node | null; top: boolean; name: string }

export interface BlockNode extends NodeBase {
  type: "Block";
  params: Param[];
  body: Node[];
  braces: boolean;
}
export interface Param { name: string; range: Range; kind: "req" | "opt" | "rest" | "key" | "block"; default?: Node }

/**
 * A method call. A bare identifier that is not a known local is a Call without receiver and args.
 * `args` keeps keyword arguments as a trailing Hash node with `braces: false`.
 */
export interface CallNode extends NodeBase {
  type: "Call";
  receiver: Node | null;
  name: string;
  nameRange: Range;
  args: Node[];
  block: BlockNode | null;
  /** `&blk` argument. */
  blockArg: Node | null;
  parens: boolean;
  /** `::` used as the call operator (`::SHA1.sha1_hex` is a Const receiver; `A::b` sets this). */
  colon2?: boolean;
}
/** `recv[args]` (read). Writes are Assign with an Index target. */
export interface IndexNode extends NodeBase { type: "Index"; receiver: Node; args: Node[] }

export type AssignOp = "=" | "||=" | "&&=" | "+=" | "-=" | "*=" | "/=" | "<<=" | "|=" | "&=" | "%=" | "**=";
/** `target op value`. target is LVar/IVar/GVar/Const, a Call (attribute, no args) or an Index. */
export interface AssignNode extends NodeBase { type: "Assign"; op: AssignOp; target: Node; value: Node }
export interface MultiAssignNode extends NodeBase { type: "MultiAssign"; targets: Node[]; value: Node }

export interface BinaryNode extends NodeBase { type: "Binary"; op: string; left: Node; right: Node; opRange: Range }
export interface UnaryNode extends NodeBase { type: "Unary"; op: "!" | "-" | "+" | "~" | "not" | "defined?"; operand: Node }

/**
 * `if`/`unless`/ternary/modifier. `negate` is true for `unless`. `elsif` chains nest in `otherwise`.
 */
export interface IfNode extends NodeBase {
  type: "If";
  form: "statement" | "modifier" | "ternary";
  negate: boolean;
  cond: Node;
  then: Node[];
  otherwise: Node[] | null;
}
export interface WhileNode extends NodeBase { type: "While"; negate: boolean; cond: Node; body: Node[]; modifier: boolean }
export interface CaseNode extends NodeBase {
  type: "Case";
  subject: Node | null;
  whens: { conds: Node[]; body: Node[]; range: Range }[];
  otherwise: Node[] | null;
}
export interface BeginNode extends NodeBase {
  type: "Begin";
  body: Node[];
  rescues: { classes: Node[]; binding: string | null; body: Node[]; range: Range }[];
  elseBody: Node[] | null;
  ensure: Node[] | null;
}
/** `(stmts)` */
export interface ParenNode extends NodeBase { type: "Paren"; body: Node[] }
export interface JumpNode extends NodeBase { type: "Return" | "Next" | "Break" | "Redo" | "Retry"; value: Node | null }
export interface YieldNode extends NodeBase { type: "Yield"; args: Node[] }

export interface DefNode extends NodeBase {
  type: "Def";
  /** `self` or a constant for `def self.x` / `def Kernel.x`; null for a plain `def`. */
  receiver: Node | null;
  name: string;
  nameRange: Range;
  params: Param[];
  body: Node[];
}
export interface ModuleNode extends NodeBase { type: "Module"; path: Node; body: Node[] }
export interface ClassNode extends NodeBase { type: "Class"; path: Node; superclass: Node | null; body: Node[] }
export interface LambdaNode extends NodeBase { type: "Lambda"; params: Param[]; body: Node[] }
export interface RegexNode extends NodeBase { type: "Regex"; parts: StrPart[]; flags: string }
export interface SplatNode extends NodeBase { type: "Splat"; value: Node; double: boolean }
export interface BlockPassNode extends NodeBase { type: "BlockPass"; value: Node | null }

/**
 * Text the parser could not turn into a node: a syntax error region after recovery.
 * The matching diagnostic is in ParseResult.diagnostics.
 */
export interface ErrorNode extends NodeBase { type: "Error" }

export type Node =
  | IntNode | FloatNode | NilNode | TrueNode | FalseNode | SelfNode
  | StrNode | XStrNode | SymNode | ArrayNode | HashNode | RangeNode
  | LVarNode | IVarNode | GVarNode | ConstNode
  | CallNode | IndexNode | AssignNode | MultiAssignNode | BinaryNode | UnaryNode
  | IfNode | WhileNode | CaseNode | BeginNode | ParenNode | JumpNode | YieldNode
  | DefNode | ModuleNode | ClassNode | LambdaNode | RegexNode | SplatNode | BlockPassNode
  | BlockNode | ErrorNode;

export type NodeType = Node["type"];
export type NodeOf<T extends NodeType> = Extract<Node, { type: T }>;

export interface ProgramNode extends NodeBase { type: "Program"; body: Node[] }

export interface Comment { text: string; range: Range }

/** A problem found while reading text: a syntax error, or a construct outside the supported subset. */
export interface SyntaxDiagnostic {
  kind: "syntax-error" | "unsupported-syntax";
  message: string;
  range: Range;
}

export interface ParseResult {
  program: ProgramNode;
  comments: Comment[];
  diagnostics: SyntaxDiagnostic[];
  /** Offsets where each line starts; lets callers map offsets to positions in O(log n). */
  lineStarts: number[];
}
