// Static evaluator: walks the AST the way Haconiwa would evaluate a Hacofile, without running
// anything, and records what each container would be configured with (src/model/model.ts).
//
// It follows a safe subset (hacofile-dsl.md §8.3): literals, locals, constants, string building,
// Pathname/File.join, ENV lookups (as unknown, steered by the environment), `N.times`/`each` over
// literal collections, and `if` on both sides when the condition is not known. Everything else
// becomes an unknown value with its reason. Hook blocks are not evaluated as configuration:
// Haconiwa runs them later, at runtime.
import type { BlockNode, CallNode, Node, ParseResult, Range, StrPart } from "../ast/nodes.js";
import type { ContainerModel, DslOp, FileModel, InputSource, SideEffect, Value, EvaluationNote } from "./model.js";
import { applyOp, copyForChild, newContainer } from "./container.js";
import {
  asString, derived, describe, either, label, joinPath, possibilities, steeringSource, truthiness, unknown,
} from "./values.js";

/** A reference to a Haconiwa DSL object: a container or one of its sub-objects. */
interface DslRef { kind: "dsl"; container: ContainerModel; target: string }
type EvalValue = Value | DslRef;

const isRef = (v: EvalValue | undefined): v is DslRef => v?.kind === "dsl";

/** Sub-objects reachable from a container by a reader method. */
const SUB_OBJECTS: Record<string, string> = {
  environ: "environ", namespace: "namespace", capabilities: "capabilities", filesystem: "filesystem", rootfs: "rootfs", network: "network",
  guid: "guid", command: "command", cgroupv2: "cgroupv2", resource: "resource", seccomp: "seccomp",
  bootstrap: "bootstrap", provision: "provision", checkpoint: "checkpoint", metadata: "metadata", signal_handler: "signal_handler",
};

/** Blocks Haconiwa runs while evaluating the file (so their DSL calls configure the container). */
const EVAL_TIME_BLOCKS = new Set(["cgroup", "resource", "bootstrap", "provision", "checkpoint", "filter"]);

/** Receiver-less calls whose result is launch-time input or that act on the host. */
const SIDE_EFFECT_CALLS: Record<string, SideEffect["kind"]> = {
  system: "system", exec: "exec", spawn: "exec", eval: "eval", instance_eval: "eval", fork: "process", open: "file",
};

const MAX_ITERATIONS = 64;
/** Strings built from interpolations with several possible values, at most. */
const MAX_STRING_VARIANTS = 16;
const MAX_CALL_DEPTH = 200;

class Scope {
  vars = new Map<string, EvalValue>();
  constructor(readonly parent: Scope | null, readonly hard: boolean) {}
  lookup(name: string): EvalValue | undefined {
    for (let s: Scope | null = this; s; s = s.hard ? null : s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined || s.vars.has(name)) return v;
    }
    return undefined;
  }
  assign(name: string, value: EvalValue): void {
    for (let s: Scope | null = this; s; s = s.hard ? null : s.parent) {
      if (s.vars.has(name)) { s.vars.set(name, value); return; }
    }
    this.vars.set(name, value);
  }
}

export class Evaluator {
  private containers: ContainerModel[] = [];
  private sideEffects: SideEffect[] = [];
  private notes: EvaluationNote[] = [];
  private legacyDefines: Range[] = [];
  private resolved = new Map<number, { range: Range; value: Value }>();
  private constants = new Map<string, EvalValue>();
  private helpers = new Set<string>();
  private seq = 0;
  /** >0 inside a branch whose condition is unknown: settings merge into `either`. */
  private uncertain = 0;
  /** >0 inside a cgroup/resource block (reloadable form). */
  private reloadBlock = 0;
  private depth = 0;

  constructor(private readonly parse: ParseResult, private readonly text: string, private readonly filePath: string) {}

  run(): FileModel {
    const top = new Scope(null, true);
    const body = this.parse.program.body;
    let lastDefine = -1;
    body.forEach((stmt, i) => {
      const v = this.stmt(stmt, top);
      if (isRef(v) && v.target === "") lastDefine = i;
    });
    const model: FileModel = {
      filePath: this.filePath, text: this.text, parse: this.parse,
      containers: this.containers, sideEffects: this.sideEffects, notes: this.notes,
      legacyDefines: this.legacyDefines, resolved: this.resolved,
    };
    if (lastDefine >= 0 && lastDefine < body.length - 1) {
      const last = body[body.length - 1];
      // `web = Haconiwa.define ...` then `web` as last statement is fine: it is the same barn
      const lastValue = last.type === "LVar" ? top.lookup(last.name) : undefined;
      if (!isRef(lastValue)) model.trailingStatement = last.range;
    }
    return model;
  }

  // ---- statements and expressions --------------------------------------------------------------

  private body(stmts: Node[], scope: Scope): EvalValue {
    let last: EvalValue = { kind: "nil", range: this.parse.program.range };
    for (const s of stmts) last = this.stmt(s, scope);
    return last;
  }

  private stmt(node: Node, scope: Scope): EvalValue {
    if (++this.depth > MAX_CALL_DEPTH) {
      this.depth--;
      return unknown(node.range, "expression nested too deeply to follow");
    }
    try {
      const v = this.expr(node, scope);
      if (!isRef(v) && !this.resolved.has(node.range.start.offset)) this.resolved.set(node.range.start.offset, { range: node.range, value: v });
      return v;
    } finally {
      this.depth--;
    }
  }

  private value(node: Node, scope: Scope): Value {
    const v = this.stmt(node, scope);
    return isRef(v) ? unknown(node.range, `the ${v.target || "container"} object`) : v;
  }

  private expr(node: Node, scope: Scope): EvalValue {
    const r = node.range;
    switch (node.type) {
      case "Int": return { kind: "int", value: node.value, range: r };
      case "Float": return { kind: "float", value: node.value, range: r };
      case "Nil": return { kind: "nil", range: r };
      case "True": return { kind: "bool", value: true, range: r };
      case "False": return { kind: "bool", value: false, range: r };
      case "Self": return unknown(r, "self");
      case "Str": return this.str(node.parts, r, scope);
      case "XStr": {
        this.sideEffects.push({ kind: "backtick", range: r, description: "a backtick command runs on the host while the Hacofile is evaluated" });
        this.str(node.parts, r, scope);
        return unknown(r, "output of a backtick command", "command");
      }
      case "Sym": return node.parts && node.parts.some((p) => p.kind === "interp") ? this.str(node.parts, r, scope) : { kind: "sym", name: node.name, range: r };
      case "Array": return { kind: "array", items: node.elements.map((e) => this.value(e, scope)), range: r };
      case "Hash": return { kind: "hash", entries: node.pairs.map((p) => ({ key: this.value(p.key, scope), value: this.value(p.value, scope) })), range: r };
      case "RangeLit": {
        const lo = node.low ? this.value(node.low, scope) : undefined;
        const hi = node.high ? this.value(node.high, scope) : undefined;
        if (lo?.kind === "int" && hi?.kind === "int") return { kind: "range", low: lo.value, high: hi.value, exclusive: node.exclusive, range: r };
        return derived(r, "a range with bounds that are not known", lo, hi);
      }
      case "LVar": {
        const v = scope.lookup(node.name);
        if (v === undefined) return unknown(r, `local variable ${node.name} before assignment`);
        return isRef(v) ? v : withVia(v, r);
      }
      case "IVar": case "GVar": return unknown(r, `${node.name} is only known at run time`, node.name === "$$" ? undefined : undefined);
      case "Const": return this.constant(node, scope);
      case "Paren": return this.body(node.body, scope);
      case "Assign": return this.assign(node, scope);
      case "MultiAssign": {
        const value = this.value(node.value, scope);
        node.targets.forEach((t, i) => {
          const item: Value = value.kind === "array" ? value.items[i] ?? { kind: "nil", range: t.range } : unknown(t.range, "multiple assignment");
          if (t.type === "LVar") scope.assign(t.name, item);
          else if (t.type === "Call" && t.receiver) {
            // `c.uid, c.gid = 0, 0` sets both attributes
            const recv = this.stmt(t.receiver, scope);
            if (isRef(recv)) this.op(recv, `${t.name}=`, [item], [value.kind === "array" && node.value.type === "Array" ? node.value.elements[i] ?? node.value : node.value], node, t.nameRange, null);
          }
        });
        return value;
      }
      case "Binary": return this.binary(node.op, node.left, node.right, r, scope);
      case "Unary": {
        const v = this.value(node.operand, scope);
        if (node.op === "!" || node.op === "not") {
          const t = truthiness(v);
          return t === undefined ? derived(r, "negation of an unknown value", v) : { kind: "bool", value: !t, range: r };
        }
        if (node.op === "-" && (v.kind === "int" || v.kind === "float")) return { ...v, value: -v.value, range: r };
        return derived(r, `unary ${node.op}`, v);
      }
      case "If": return this.ifExpr(node.cond, node.negate, node.then, node.otherwise, r, scope);
      case "Index": return this.index(node.receiver, node.args, r, scope);
      case "Call": return this.call(node, scope);
      case "Def": {
        this.helpers.add(node.name);
        return { kind: "sym", name: node.name, range: r };
      }
      case "Module": case "Class": {
        this.body(node.body, new Scope(scope, true));
        return { kind: "nil", range: r };
      }
      case "Begin": {
        const v = this.body(node.body, scope);
        this.uncertain++;
        for (const rescue of node.rescues) this.body(rescue.body, scope);
        this.uncertain--;
        if (node.ensure) this.body(node.ensure, scope);
        return v;
      }
      case "While": case "Case": {
        this.uncertain++;
        if (node.type === "Case") for (const w of node.whens) this.body(w.body, scope);
        else this.body(node.body, scope);
        if (node.type === "Case" && node.otherwise) this.body(node.otherwise, scope);
        this.uncertain--;
        this.notes.push({ range: r, message: `${node.type === "Case" ? "case" : "loop"} bodies are evaluated once, as if their condition were unknown` });
        return unknown(r, `value of a ${node.type === "Case" ? "case" : "loop"} expression`);
      }
      case "Return": case "Next": case "Break": return node.value ? this.stmt(node.value, scope) : { kind: "nil", range: r };
      case "Block": case "Lambda": return unknown(r, "a block");
      case "Splat": case "BlockPass": return unknown(r, "a splat");
      default: return unknown(r, `${node.type} is not evaluated`);
    }
  }

  private str(parts: StrPart[], range: Range, scope: Scope): Value {
    // Each interpolation may have a few possible values (`ENV["X"] || "d"`): build every string.
    let outs: Value[] = [{ kind: "str", value: "", range }];
    for (const p of parts) {
      if (p.kind === "text") {
        outs = outs.map((o) => (o.kind === "str" ? { ...o, value: o.value + p.value } : o));
        continue;
      }
      for (const s of p.body.slice(0, -1)) this.stmt(s, scope);
      const v = p.body.length ? this.value(p.body[p.body.length - 1], scope) : ({ kind: "nil", range: p.range } as Value);
      const options = possibilities(v);
      if (options.length * outs.length > MAX_STRING_VARIANTS) return derived(range, `a string built from ${label(v)}`, v);
      outs = outs.flatMap((o) => options.map((opt): Value => {
        if (o.kind !== "str") return o;
        const s = asString(opt);
        return s !== undefined ? { ...o, value: o.value + s } : derived(range, `a string built from ${label(opt)}`, opt);
      }));
    }
    return either(range, outs);
  }

  private constant(node: Extract<Node, { type: "Const" }>, scope: Scope): EvalValue {
    const path = constPath(node);
    const v = this.constants.get(path);
    if (v !== undefined) return isRef(v) ? v : withVia(v, node.range);
    void scope;
    return unknown(node.range, `constant ${path}`);
  }

  private assign(node: Extract<Node, { type: "Assign" }>, scope: Scope): EvalValue {
    const t = node.target;
    const compute = (current: EvalValue | undefined): EvalValue => {
      const rhs = this.stmt(node.value, scope);
      if (node.op === "=") return rhs;
      const cur = current && !isRef(current) ? current : unknown(t.range, "the current value");
      const rv = isRef(rhs) ? unknown(node.value.range, "an object") : rhs;
      if (node.op === "||=") {
        const truth = current === undefined ? false : isRef(current) ? true : truthiness(current);
        return truth === true ? current! : truth === false ? rv : either(node.range, [cur, rv]);
      }
      return this.binaryValues(node.op.slice(0, -1), cur, rv, node.range);
    };
    switch (t.type) {
      case "LVar": {
        const v = compute(scope.lookup(t.name));
        scope.assign(t.name, isRef(v) ? v : this.uncertainMerge(scope.lookup(t.name), v, node.range));
        return v;
      }
      case "Const": {
        const v = compute(this.constants.get(constPath(t)));
        this.constants.set(constPath(t), v);
        return v;
      }
      case "IVar": case "GVar": return compute(undefined);
      case "Index": {
        const recv = this.stmt(t.receiver, scope);
        const key = t.args.map((a) => this.value(a, scope));
        if (isRef(recv)) {
          const v = compute(undefined);
          const val = isRef(v) ? unknown(node.value.range, "an object") : v;
          this.op(recv, "[]=", [...key, val], [...t.args, node.value], node, t.range, null);
          return v;
        }
        if (recv.kind === "unknown" && /^ENV\b/.test(recv.reason) && t.receiver.type === "Const" && t.receiver.name === "ENV") {
          // ENV['X'] ||= 'y' changes the value later ENV['X'] reads see only when it was unset
          const name = asString(key[0] ?? unknown(t.range, "")) ?? "?";
          const v = compute(this.envRead(name, t.range));
          this.constants.set(`ENV[${name}]`, v);
          return v;
        }
        return compute(undefined);
      }
      case "Call": {
        const recv = t.receiver ? this.stmt(t.receiver, scope) : undefined;
        const current = isRef(recv) ? undefined : undefined;
        const v = compute(current);
        if (isRef(recv)) {
          const val = isRef(v) ? unknown(node.value.range, "an object") : v;
          this.op(recv, `${t.name}=`, [val], [node.value], node, t.nameRange, null);
        }
        return v;
      }
      default: return compute(undefined);
    }
  }

  private uncertainMerge(previous: EvalValue | undefined, next: Value, range: Range): Value {
    if (this.uncertain === 0 || previous === undefined || isRef(previous)) return next;
    return either(range, [previous, next]);
  }

  private binary(op: string, left: Node, right: Node, range: Range, scope: Scope): Value {
    const l = this.value(left, scope);
    if (op === "||" || op === "&&") {
      const t = truthiness(l);
      if (op === "||" && t === true) return l;
      if (op === "&&" && t === false) return l;
      const rv = this.value(right, scope);
      if (t !== undefined) return rv;
      // `ENV["X"] || "d"`: both stay possible; the message names the default
      const first = op === "||" && l.kind === "unknown" && l.source ? { ...l, reason: `${l.reason}, default ${label(rv)}` } : l;
      return either(range, [first, rv]);
    }
    return this.binaryValues(op, l, this.value(right, scope), range);
  }

  private binaryValues(op: string, l: Value, rv: Value, range: Range): Value {
    if ((l.kind === "int" || l.kind === "float") && (rv.kind === "int" || rv.kind === "float")) {
      const a = l.value;
      const b = rv.value;
      const float = l.kind === "float" || rv.kind === "float";
      const num = (value: number): Value => ({ kind: float || !Number.isInteger(value) ? "float" : "int", value, range });
      switch (op) {
        case "+": return num(a + b);
        case "-": return num(a - b);
        case "*": return num(a * b);
        case "/": return b === 0 ? unknown(range, "division by zero") : num(float ? a / b : Math.floor(a / b));
        case "%": return b === 0 ? unknown(range, "division by zero") : num(((a % b) + b) % b);
        case "**": return num(a ** b);
        case "==": return { kind: "bool", value: a === b, range };
        case "!=": return { kind: "bool", value: a !== b, range };
        case "<": return { kind: "bool", value: a < b, range };
        case "<=": return { kind: "bool", value: a <= b, range };
        case ">": return { kind: "bool", value: a > b, range };
        case ">=": return { kind: "bool", value: a >= b, range };
      }
    }
    if (op === "+" && (l.kind === "str" || l.kind === "path")) {
      const s = asString(rv);
      if (s !== undefined && (rv.kind === "str" || rv.kind === "path")) {
        return l.kind === "path" ? { kind: "path", value: joinPath(l.value, s), range } : { kind: "str", value: l.value + s, range };
      }
    }
    if (op === "+" && l.kind === "array" && rv.kind === "array") return { kind: "array", items: [...l.items, ...rv.items], range };
    if ((op === "==" || op === "!=") && l.kind === "str" && rv.kind === "str") return { kind: "bool", value: (l.value === rv.value) === (op === "=="), range };
    if (op === "*" && l.kind === "str" && rv.kind === "int" && rv.value >= 0 && l.value.length * rv.value < 1 << 20) return { kind: "str", value: l.value.repeat(rv.value), range };
    return derived(range, `${label(l)} ${op} ${label(rv)}`, l, rv);
  }

  private ifExpr(condNode: Node, negate: boolean, then: Node[], otherwise: Node[] | null, range: Range, scope: Scope): EvalValue {
    const cond = this.value(condNode, scope);
    let t = truthiness(cond);
    if (t !== undefined && negate) t = !t;
    if (t === true) return this.body(then, scope);
    if (t === false) return otherwise ? this.body(otherwise, scope) : { kind: "nil", range };
    // Unknown condition: both sides may run; settings they make become either-values.
    this.uncertain++;
    const a = this.body(then, scope);
    const b: EvalValue = otherwise ? this.body(otherwise, scope) : { kind: "nil", range };
    this.uncertain--;
    if (isRef(a)) return a;
    if (isRef(b)) return b;
    return either(range, [a, b]);
  }

  private index(recvNode: Node, argNodes: Node[], range: Range, scope: Scope): EvalValue {
    if (recvNode.type === "Const" && recvNode.name === "ENV" && !recvNode.scope) {
      const key = argNodes[0] ? this.value(argNodes[0], scope) : undefined;
      const name = key ? asString(key) : undefined;
      if (name === undefined) return derived(range, "ENV with a computed name", key);
      return this.constants.get(`ENV[${name}]`) as Value | undefined ?? this.envRead(name, range);
    }
    if (recvNode.type === "Const" && recvNode.name === "ARGV") return unknown(range, "from ARGV", "argv");
    const recv = this.stmt(recvNode, scope);
    const args = argNodes.map((a) => this.value(a, scope));
    if (isRef(recv)) return unknown(range, `${recv.target || "container"}[...]`);
    if (recv.kind === "hash" && args.length === 1) {
      for (let i = recv.entries.length - 1; i >= 0; i--) {
        const k = recv.entries[i].key;
        if (sameKey(k, args[0])) return recv.entries[i].value;
      }
      return { kind: "nil", range };
    }
    if (recv.kind === "array" && args.length === 1 && args[0].kind === "int") return recv.items.at(args[0].value) ?? { kind: "nil", range };
    if ((recv.kind === "str" || recv.kind === "array") && args.length === 2 && args[0].kind === "int" && args[1].kind === "int") {
      const start = args[0].value < 0 ? (recv.kind === "str" ? recv.value.length : recv.items.length) + args[0].value : args[0].value;
      return recv.kind === "str" ? { kind: "str", value: recv.value.slice(start, start + args[1].value), range } : { kind: "array", items: recv.items.slice(start, start + args[1].value), range };
    }
    return derived(range, `an element of ${label(recv)}`, recv, ...args);
  }

  private envRead(name: string, range: Range): Value {
    return unknown(range, `from ENV['${name}']`, "env");
  }

  // ---- calls -------------------------------------------------------------------------------------

  private call(node: CallNode, scope: Scope): EvalValue {
    const name = node.name;
    if (!node.receiver) return this.receiverlessCall(node, scope);

    // Haconiwa.define / Haconiwa::Base.define / barn.define
    if (name === "define" && node.block && node.receiver.type === "Const") {
      const path = constPath(node.receiver);
      if (path === "Haconiwa" || path === "::Haconiwa" || path === "Haconiwa::Base" || path === "::Haconiwa::Base") {
        if (path.endsWith("Base")) this.legacyDefines.push(node.nameRange);
        return this.define(node, null, scope);
      }
    }
    const recv = this.stmt(node.receiver, scope);
    if (isRef(recv)) {
      if (name === "define" && node.block && recv.target === "") return this.define(node, recv.container, scope);
      return this.dslCall(recv, node, scope);
    }
    const args = node.args.map((a) => this.value(a, scope));
    this.blockOver(recv, node, scope);
    return this.method(recv, name, args, node, scope);
  }

  private receiverlessCall(node: CallNode, scope: Scope): EvalValue {
    const r = node.range;
    const args = node.args.map((a) => this.value(a, scope));
    const effect = SIDE_EFFECT_CALLS[node.name];
    if (effect) {
      this.sideEffects.push({ kind: effect, range: r, description: `\`${node.name}\` runs while the Hacofile is evaluated, before any isolation exists` });
      return unknown(r, `result of ${node.name}`, effect === "system" || effect === "exec" ? "command" : undefined);
    }
    if (node.block) {
      this.uncertain++;
      this.body(node.block.body, this.blockScope(node.block, scope, []));
      this.uncertain--;
    }
    if (node.name === "rand" || node.name === "srand") return unknown(r, "a random number", "random");
    if (node.name === "__dir__" || node.name === "__FILE__") return unknown(r, "the Hacofile's location");
    if (this.helpers.has(node.name)) return derived(r, `result of helper ${node.name}()`, ...args);
    if (node.name === "gets" || node.name === "readline") return unknown(r, "standard input", "file");
    return derived(r, `result of ${node.name}()`, ...args);
  }

  /** Methods on plain values: Pathname, String, Integer, Array, Hash, ENV and a few modules. */
  private method(recv: Value, name: string, args: Value[], node: CallNode, scope: Scope): Value {
    const r = node.range;
    void scope;
    const constName = node.receiver?.type === "Const" ? constPath(node.receiver) : "";
    if (constName) {
      const c = this.constCall(constName, name, args, r);
      if (c) return c;
    }
    const s = asString(recv);
    switch (name) {
      case "to_s": case "to_str": case "to_path":
        return s !== undefined ? { kind: "str", value: s, range: r } : withVia(recv, r);
      case "to_i":
        if (recv.kind === "int") return recv;
        if (recv.kind === "float") return { kind: "int", value: Math.trunc(recv.value), range: r };
        if (recv.kind === "str") { const m = /^\s*[-+]?\d+/.exec(recv.value.replace(/_/g, "")); return { kind: "int", value: m ? parseInt(m[0], 10) : 0, range: r }; }
        if (recv.kind === "either") return either(r, recv.options.map((o) => this.method(o, name, args, node, scope)));
        return derived(r, `${describe(recv)}.to_i`, recv);
      case "to_sym": case "intern": return s !== undefined ? { kind: "sym", name: s, range: r } : derived(r, "to_sym", recv);
      case "floor": case "ceil": case "round":
        if (recv.kind === "int" || recv.kind === "float") return { kind: "int", value: Math[name](recv.value), range: r };
        break;
      case "freeze": case "dup": case "clone": case "itself": return recv;
      case "upcase": case "downcase": case "strip": case "chomp": case "lstrip": case "rstrip":
        if (recv.kind === "str") {
          const f = { upcase: (x: string) => x.toUpperCase(), downcase: (x: string) => x.toLowerCase(), strip: (x: string) => x.trim(), chomp: (x: string) => x.replace(/\r?\n$/, ""), lstrip: (x: string) => x.trimStart(), rstrip: (x: string) => x.trimEnd() }[name];
          return { kind: "str", value: f(recv.value), range: r };
        }
        break;
      case "join":
        if (recv.kind === "path") return args.reduce<Value>((acc, a) => { const p = asString(a); return acc.kind === "path" && p !== undefined ? { kind: "path", value: joinPath(acc.value, p), range: r } : derived(r, "Pathname#join of unknown parts", acc, a); }, recv);
        if (recv.kind === "array") {
          const sep = args[0] ? asString(args[0]) : "";
          const items = recv.items.map(asString);
          if (sep !== undefined && items.every((i) => i !== undefined)) return { kind: "str", value: items.join(sep), range: r };
        }
        break;
      case "merge":
        if (recv.kind === "hash" && args[0]?.kind === "hash") return { kind: "hash", entries: [...recv.entries, ...args[0].entries], range: r };
        break;
      case "size": case "length": case "count":
        if (recv.kind === "array") return { kind: "int", value: recv.items.length, range: r };
        if (recv.kind === "str") return { kind: "int", value: recv.value.length, range: r };
        break;
      case "first": if (recv.kind === "array") return recv.items[0] ?? { kind: "nil", range: r }; break;
      case "last": if (recv.kind === "array") return recv.items[recv.items.length - 1] ?? { kind: "nil", range: r }; break;
      case "nil?": if (recv.kind !== "unknown" && recv.kind !== "either") return { kind: "bool", value: recv.kind === "nil", range: r }; break;
      case "empty?":
        if (recv.kind === "str") return { kind: "bool", value: recv.value === "", range: r };
        if (recv.kind === "array") return { kind: "bool", value: recv.items.length === 0, range: r };
        break;
      case "times": case "each": case "each_with_index": case "map": case "upto": case "step":
        return recv;
      case "fetch":
        if (recv.kind === "hash" && args[0]) { const v = this.index2(recv, args[0]); if (v) return v; if (args[1]) return args[1]; }
        break;
    }
    return derived(r, `result of ${label(recv)}.${name}`, recv, ...args);
  }

  private index2(h: Extract<Value, { kind: "hash" }>, key: Value): Value | undefined {
    for (let i = h.entries.length - 1; i >= 0; i--) if (sameKey(h.entries[i].key, key)) return h.entries[i].value;
    return undefined;
  }

  /** Calls on constants: Pathname.new, File.join, ENV.fetch, ENV.to_hash, Time.now ... */
  private constCall(c: string, name: string, args: Value[], r: Range): Value | undefined {
    const bare = c.replace(/^::/, "");
    if (bare === "Pathname" && name === "new") {
      const s = args[0] ? asString(args[0]) : undefined;
      return s !== undefined ? { kind: "path", value: s, range: r } : derived(r, "Pathname of an unknown path", args[0]);
    }
    if (bare === "File" && name === "join") {
      const parts = args.flatMap((a) => (a.kind === "array" ? a.items : [a])).map(asString);
      if (parts.every((p) => p !== undefined)) return { kind: "str", value: (parts as string[]).join("/").replace(/\/{2,}/g, "/"), range: r };
      return derived(r, "File.join of unknown parts", ...args);
    }
    if (bare === "ENV") {
      if (name === "fetch" || name === "[]") {
        const key = args[0] ? asString(args[0]) : undefined;
        const read = key !== undefined ? this.envRead(key, r) : unknown(r, "ENV with a computed name", "env");
        return args[1] ? either(r, [read, args[1]]) : read;
      }
      if (name === "to_hash" || name === "to_h" || name === "dup") return unknown(r, "the whole host environment (ENV.to_hash)", "env");
      return unknown(r, `ENV.${name}`, "env");
    }
    if (bare === "ARGV") return unknown(r, "from ARGV", "argv");
    if (bare === "Time" || bare === "Process" && name === "clock_gettime") return unknown(r, `${bare}.${name}`, "time");
    if ((bare === "UUID" || bare === "SecureRandom" || bare === "Random") && name !== "new") return unknown(r, `${bare}.${name}`, "random");
    if ((bare === "File" || bare === "IO" || bare === "Dir") && ["read", "readlines", "open", "foreach", "glob", "entries", "exist?", "exists?", "directory?", "file?"].includes(name)) {
      if (name === "open" || name === "read" || name === "readlines" || name === "foreach") this.sideEffects.push({ kind: "file", range: r, description: `${bare}.${name} reads the host file system while the Hacofile is evaluated` });
      return unknown(r, `${bare}.${name} on the host`, "file");
    }
    if (bare === "Process" && ["kill", "fork", "spawn", "exec", "waitpid"].includes(name)) {
      this.sideEffects.push({ kind: "process", range: r, description: `Process.${name} acts on the host while the Hacofile is evaluated` });
      return unknown(r, `Process.${name}`);
    }
    if (bare === "Kernel" && SIDE_EFFECT_CALLS[name]) {
      this.sideEffects.push({ kind: SIDE_EFFECT_CALLS[name], range: r, description: `Kernel.${name} runs while the Hacofile is evaluated` });
      return unknown(r, `result of Kernel.${name}`, "command");
    }
    return undefined;
  }

  /** `N.times do |i|`, `[..].each do |x|`, `(1..3).each`: iterate literal collections. */
  private blockOver(recv: Value, node: CallNode, scope: Scope): void {
    const block = node.block;
    if (!block) return;
    const name = node.name;
    let items: Value[] | undefined;
    if (name === "times" && recv.kind === "int") items = Array.from({ length: Math.max(0, recv.value) }, (_, i) => ({ kind: "int", value: i, range: node.range }));
    else if ((name === "each" || name === "map" || name === "each_with_index") && recv.kind === "array") items = recv.items;
    else if ((name === "each" || name === "map" || name === "each_with_index") && recv.kind === "range") {
      const end = recv.exclusive ? recv.high - 1 : recv.high;
      if (end - recv.low < MAX_ITERATIONS * 4) items = Array.from({ length: Math.max(0, end - recv.low + 1) }, (_, i) => ({ kind: "int", value: recv.low + i, range: node.range }));
    } else if (name === "each" && recv.kind === "hash") items = recv.entries.map((e) => ({ kind: "array", items: [e.key, e.value], range: node.range }));
    if (items && items.length <= MAX_ITERATIONS) {
      items.forEach((item, i) => {
        const extra: Value[] = name === "each_with_index" ? [{ kind: "int", value: i, range: node.range }] : [];
        this.body(block.body, this.blockScope(block, scope, [item, ...extra]));
      });
      return;
    }
    if (items) this.notes.push({ range: node.range, message: `more than ${MAX_ITERATIONS} iterations: the block is evaluated once with an unknown value` });
    this.uncertain++;
    this.body(block.body, this.blockScope(block, scope, []));
    this.uncertain--;
  }

  private blockScope(block: BlockNode, scope: Scope, args: EvalValue[]): Scope {
    const s = new Scope(scope, false);
    block.params.forEach((p, i) => {
      const arg = args[i];
      const spread = i === 0 && args.length === 1 && block.params.length > 1 && arg && !isRef(arg) && arg.kind === "array" ? arg.items : null;
      s.vars.set(p.name, spread ? spread[0] ?? unknown(p.range, "block parameter") : arg ?? unknown(p.range, `block parameter ${p.name}`));
      if (spread) block.params.forEach((q, j) => s.vars.set(q.name, spread[j] ?? unknown(q.range, "block parameter")));
    });
    return s;
  }

  // ---- Haconiwa DSL ------------------------------------------------------------------------------

  private define(node: CallNode, parent: ContainerModel | null, scope: Scope): DslRef {
    const block = node.block!;
    const c = parent ? copyForChild(parent, node, block) : newContainer(node, block);
    if (parent) {
      parent.kind = "barn";
      parent.children.push(c);
      const iteration = scope.lookup(block.params[0]?.name ?? "") ;
      void iteration;
    }
    this.containers.push(c);
    const ref: DslRef = { kind: "dsl", container: c, target: "" };
    this.body(block.body, this.blockScope(block, scope, [ref]));
    return ref;
  }

  private dslCall(recv: DslRef, node: CallNode, scope: Scope): EvalValue {
    const name = node.name;
    const c = recv.container;
    // `c.send(:uid=, 0)` / `c.public_send("uid=", 0)`: the same operation as `c.uid = 0`
    if ((name === "send" || name === "public_send" || name === "__send__") && node.args.length >= 1) {
      const method = asString(this.value(node.args[0], scope));
      const args = node.args.slice(1).map((a) => this.value(a, scope));
      if (method !== undefined) this.op(recv, method, args, node.args.slice(1), node, node.args[0].range, node.block);
      else this.notes.push({ range: node.range, message: "a DSL method called through send with a computed name is not followed" });
      return { kind: "nil", range: node.range };
    }
    // `c.tap { |x| x.uid = 0 }`: the block configures the same object
    if (name === "tap" && node.block) {
      this.body(node.block.body, this.blockScope(node.block, scope, [recv]));
      return recv;
    }
    // sub-object readers: config.namespace, config.cgroup(:v2), config.filesystem.rootfs
    if (node.args.length === 0 && !node.block && recv.target === "" && SUB_OBJECTS[name]) return { kind: "dsl", container: c, target: SUB_OBJECTS[name] };
    if (recv.target === "filesystem" && name === "rootfs" && node.args.length === 0) return { kind: "dsl", container: c, target: "rootfs" };
    if (recv.target === "" && (name === "cgroup" || name === "resource") && (node.args.length <= 1)) {
      const v2 = node.args[0] && asString(this.value(node.args[0], scope)) === "v2";
      const sub: DslRef = { kind: "dsl", container: c, target: name === "resource" ? "resource" : v2 ? "cgroupv2" : "cgroup" };
      if (!node.block) {
        if (v2) this.op(recv, name, node.args.map((a) => this.value(a, scope)), node.args, node, node.nameRange, null);
        return sub;
      }
    }
    const args = node.args.map((a) => this.value(a, scope));
    this.op(recv, name, args, node.args, node, node.nameRange, node.block);
    if (node.block && (EVAL_TIME_BLOCKS.has(name) || (recv.target === "bootstrap" && name === "code"))) {
      const target = name === "filter" ? "seccomp-rule" : name === "cgroup" ? (args[0] && asString(args[0]) === "v2" ? "cgroupv2" : "cgroup") : name;
      const reload = name === "cgroup" || name === "resource";
      if (reload) this.reloadBlock++;
      this.body(node.block.body, this.blockScope(node.block, scope, [{ kind: "dsl", container: c, target }]));
      if (reload) this.reloadBlock--;
    }
    return { kind: "nil", range: node.range };
  }

  private op(recv: DslRef, method: string, args: Value[], argNodes: Node[], node: Node, nameRange: Range, block: BlockNode | null): void {
    const op: DslOp = { seq: this.seq++, target: recv.target, method, args, argNodes, node, range: node.range, nameRange, block };
    if (this.reloadBlock > 0) op.inReloadBlock = true;
    applyOp(recv.container, op, this.uncertain > 0);
  }
}

function withVia(v: Value, at: Range): Value {
  if (v.range.start.offset === at.start.offset) return v;
  return { ...v, via: [...(v.via ?? []), v.range], range: at } as Value;
}

function constPath(node: Node): string {
  if (node.type !== "Const") return "?";
  const prefix = node.scope ? constPath(node.scope) + "::" : node.top ? "::" : "";
  return prefix + node.name;
}

function sameKey(a: Value, b: Value): boolean {
  if (a.kind === "sym" && b.kind === "sym") return a.name === b.name;
  if (a.kind === "str" && b.kind === "str") return a.value === b.value;
  if (a.kind === "int" && b.kind === "int") return a.value === b.value;
  return false;
}

/** Evaluates a parsed Hacofile into its model. Never executes anything. */
export function evaluate(parse: ParseResult, text: string, filePath: string): FileModel {
  return new Evaluator(parse, text, filePath).run();
}

export { possibilities, steeringSource };
export type { InputSource };
