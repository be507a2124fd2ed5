// The language server: diagnostics (debounced), hover, completion, code actions, document symbols
// and config watching over any vscode-languageserver Connection. `hacolint lsp --stdio` wires it
// to standard input/output; tests wire it to in-memory streams.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind, DiagnosticSeverity, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type CompletionItem, type Connection, type Diagnostic as LspDiagnostic, type DocumentSymbol, type Hover,
  type InitializeParams, type InitializeResult, type Range as LspRange,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Position as AstPosition, Range as AstRange } from "../ast/nodes.js";
import { ConfigCache, CONFIG_NAMES, resolveForFile } from "../config/index.js";
import { allRules, ruleMetas } from "../cli/registry.js";
import type { Diagnostic } from "../lint/diagnostic.js";
import { lintText, type LintResult } from "../lint/engine.js";
import { applyBuildConfig } from "../build/baked.js";
import { MAX_FILE_BYTES, type EngineOptions } from "../lint/files.js";
import { DEFAULT_POLICY } from "../policy/policy.js";
import type { RuleMeta } from "../rules/rule.js";
import { completions } from "./completion.js";
import { hoverAt } from "./hover.js";
import { documentSymbols } from "./symbols.js";

export const DOCS_BASE = "https://github.com/hacolint/hacolint/blob/main/docs/rules/";
export const DEFAULT_DEBOUNCE_MS = 150;

export interface ServerOptions {
  /** Overrides initializationOptions.debounceMs. */
  debounceMs?: number;
}

export function toLspRange(r: AstRange): LspRange {
  return { start: { line: r.start.line - 1, character: r.start.column - 1 }, end: { line: r.end.line - 1, character: r.end.column - 1 } };
}

/** AST position of an LSP position in `doc` (offset from the document, line/column 1-based). */
export function toAstPosition(doc: TextDocument, pos: { line: number; character: number }): AstPosition {
  const offset = doc.offsetAt(pos);
  const p = doc.positionAt(offset);
  return { offset, line: p.line + 1, column: p.character + 1 };
}

const SEVERITY: Record<Diagnostic["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(uri: string, d: Diagnostic): LspDiagnostic {
  return {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: `${DOCS_BASE}${encodeURIComponent(d.ruleId)}.md` },
    source: "hacolint",
    message: d.message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri, range: toLspRange(r.range) }, message: r.message })) } : {}),
  };
}

interface DocState {
  /** Lint result for `version`, or null when the document could not be linted. */
  result: LintResult | null;
  version: number;
  timer?: NodeJS.Timeout;
}

export class HacolintServer {
  readonly documents = new TextDocuments(TextDocument);
  private states = new Map<string, DocState>();
  private ruleIds = allRules().map((r) => r.meta.id);
  private metas: Map<string, RuleMeta> = ruleMetas();
  private configs = new ConfigCache(this.ruleIds);
  private debounceMs: number;
  private rootPath: string = process.cwd();
  private watchRegistration = false;
  /** build_config.rb files the configs of open documents point at: a change re-lints. */
  private buildConfigs = new Set<string>();

  constructor(readonly connection: Connection, private readonly options: ServerOptions = {}) {
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.guard("initialize", () => this.initialize(params), { capabilities: {} }));
    c.onInitialized(() => this.guard("initialized", () => this.initialized(), undefined));
    this.documents.onDidOpen((e) => this.guard("didOpen", () => this.lintNow(e.document.uri), undefined));
    this.documents.onDidChangeContent((e) => this.guard("didChange", () => this.schedule(e.document.uri), undefined));
    this.documents.onDidSave((e) => this.guard("didSave", () => this.lintNow(e.document.uri), undefined));
    this.documents.onDidClose((e) => this.guard("didClose", () => this.close(e.document.uri), undefined));
    c.onDidChangeWatchedFiles((p) => this.guard("didChangeWatchedFiles", () => this.watchedFilesChanged(p.changes.map((ch) => ch.uri)), undefined));
    c.onHover((p) => this.guard("hover", () => this.hover(p.textDocument.uri, p.position), null));
    c.onCompletion((p) => this.guard("completion", () => this.completion(p.textDocument.uri, p.position), null));
    c.onCodeAction((p) => this.guard("codeAction", () => this.codeActions(p.textDocument.uri, p.range), null));
    c.onDocumentSymbol((p) => this.guard("documentSymbol", () => this.symbols(p.textDocument.uri), null));
    c.onShutdown(() => { for (const s of this.states.values()) clearTimeout(s.timer); });
    this.documents.listen(c);
  }

  /** Run a handler; an exception is logged (window/logMessage) and `fallback` answered. */
  private guard<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      this.connection.console.error(`hacolint: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  }

  private initialize(params: InitializeParams): InitializeResult {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
    if (this.options.debounceMs === undefined && typeof init.debounceMs === "number" && Number.isFinite(init.debounceMs) && init.debounceMs >= 0) {
      this.debounceMs = Math.min(init.debounceMs, 10_000);
    }
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (root?.startsWith("file:")) this.rootPath = fileURLToPath(root);
    else if (params.rootPath) this.rootPath = params.rootPath;
    this.watchRegistration = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [".", "\"", "'", ":"] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
      },
      serverInfo: { name: "hacolint" },
    };
  }

  private initialized(): void {
    if (!this.watchRegistration) return;
    const names = CONFIG_NAMES.map((n) => n.slice(1)).join(",");
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/.{${names}}` }, { globPattern: "**/build_config.rb" }],
    }).catch((error: unknown) => this.connection.console.warn(`hacolint: cannot watch config files: ${String(error)}`));
  }

  private filePath(uri: string): string {
    if (uri.startsWith("file:")) {
      try {
        return fileURLToPath(uri);
      } catch { /* fall through */ }
    }
    // untitled: and other schemes: configs are looked up from the workspace root
    return resolve(this.rootPath, "untitled.haco");
  }

  private watchedFilesChanged(uris: string[]): void {
    const relevant = uris.some((uri) => {
      const path = this.filePath(uri);
      const base = path.split("/").pop() ?? "";
      return (CONFIG_NAMES as readonly string[]).includes(base) || base === "build_config.rb" || this.buildConfigs.has(path);
    });
    if (!relevant) return;
    this.connection.console.info("hacolint: configuration changed, re-linting open documents");
    this.configs = new ConfigCache(this.ruleIds);
    for (const doc of this.documents.all()) this.lintNow(doc.uri);
  }

  private close(uri: string): void {
    const state = this.states.get(uri);
    if (state) clearTimeout(state.timer);
    this.states.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private schedule(uri: string): void {
    const doc = this.documents.get(uri);
    const state = this.states.get(uri) ?? { result: null, version: -1 };
    // TextDocuments reports an open as a content change too: that version is already linted.
    if (doc && state.version === doc.version && !state.timer) return;
    this.states.set(uri, state);
    clearTimeout(state.timer);
    if (this.debounceMs === 0) {
      this.lintNow(uri);
      return;
    }
    state.timer = setTimeout(() => this.guard("lint", () => this.lintNow(uri), undefined), this.debounceMs);
  }

  /** Lint the current text of an open document and publish the diagnostics. */
  lintNow(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const state = this.states.get(uri) ?? { result: null, version: -1 };
    clearTimeout(state.timer);
    state.timer = undefined;
    this.states.set(uri, state);
    const text = doc.getText();
    const refusal = refuse(text);
    if (refusal) {
      state.result = null;
      state.version = doc.version;
      this.connection.console.warn(`hacolint: ${uri}: ${refusal}`);
      void this.connection.sendDiagnostics({
        uri, version: doc.version,
        diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: "hacolint", message: `not linted: ${refusal}` }],
      });
      return;
    }
    const filePath = this.filePath(uri);
    let options: EngineOptions;
    let configProblem: string | null = null;
    let buildProblem: string | null = null;
    try {
      const settings = resolveForFile(this.configs.forFile(filePath), filePath);
      options = { filePath, policy: settings.policy, rules: settings.rules, requireSuppressionReason: settings.requireSuppressionReason, buildConfig: settings.buildConfig };
      if (settings.buildConfig) {
        this.buildConfigs.add(settings.buildConfig);
        // the baked policy (cached by the build_config.rb's mtime); a broken file is reported and
        // the document is linted with the config's own policy
        try {
          options = { ...applyBuildConfig(options, settings.buildConfig), buildConfig: null };
        } catch (error) {
          options = { ...options, buildConfig: null };
          buildProblem = error instanceof Error ? error.message : String(error);
          this.connection.console.error(`hacolint: ${buildProblem}`);
        }
      }
    } catch (error) {
      configProblem = error instanceof Error ? error.message : String(error);
      this.connection.console.error(`hacolint: configuration for ${filePath}: ${configProblem}`);
      options = { filePath, policy: { ...DEFAULT_POLICY } as EngineOptions["policy"], rules: {}, buildConfig: null };
    }
    const result = lintText(text, options);
    state.result = result;
    state.version = doc.version;
    const diagnostics = result.diagnostics.map((d) => toLspDiagnostic(uri, d));
    if (configProblem) {
      diagnostics.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: "hacolint", message: `configuration error (built-in defaults used): ${configProblem.split("\n")[0]}` });
    }
    if (buildProblem) {
      diagnostics.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: "hacolint", message: `baked policy not applied: ${buildProblem.split("\n")[0]}` });
    }
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  /** The lint result for the document's current version (linting now if a debounce is pending). */
  private current(uri: string): { doc: TextDocument; result: LintResult } | null {
    const doc = this.documents.get(uri);
    if (!doc) return null;
    let state = this.states.get(uri);
    if (!state || state.version !== doc.version || state.timer) {
      this.lintNow(uri);
      state = this.states.get(uri);
    }
    return state?.result ? { doc, result: state.result } : null;
  }

  hover(uri: string, position: { line: number; character: number }): Hover | null {
    const cur = this.current(uri);
    if (!cur) return null;
    const pos = toAstPosition(cur.doc, position);
    const found = hoverAt(cur.result, pos.offset, this.metas);
    return found ? { contents: { kind: "markdown", value: found.markdown }, range: toLspRange(found.range) } : null;
  }

  completion(uri: string, position: { line: number; character: number }): CompletionItem[] | null {
    const doc = this.documents.get(uri);
    if (!doc) return null;
    const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: position });
    const st = this.states.get(uri);
    const params = new Set<string>();
    for (const c of st?.result?.model.containers ?? []) if (c.blockParam) params.add(c.blockParam);
    return completions(lineText, position, params);
  }

  codeActions(uri: string, range: LspRange): CodeAction[] | null {
    const cur = this.current(uri);
    if (!cur) return null;
    const { doc, result } = cur;
    const from = doc.offsetAt(range.start);
    const to = doc.offsetAt(range.end);
    const actions: CodeAction[] = [];
    for (const d of result.diagnostics) {
      if (d.range.end.offset < from || d.range.start.offset > to) continue;
      const lspDiag = toLspDiagnostic(uri, d);
      if (d.fix) {
        actions.push({
          title: d.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lspDiag], isPreferred: true,
          edit: { changes: { [uri]: d.fix.edits.map((e) => ({ range: toLspRange(e.range), newText: e.newText })) } },
        });
      }
      const disable = this.disableAction(doc, result, d, lspDiag);
      if (disable) actions.push(disable);
    }
    return actions;
  }

  /** "Disable <id> for this line": `# hacolint:disable-line <id> -- reason` at the end of the line, or
   *  `disable-next-line` above it when the line already ends in a comment. */
  private disableAction(doc: TextDocument, result: LintResult, d: Diagnostic, lspDiag: LspDiagnostic): CodeAction | null {
    const line = d.range.start.line - 1;
    const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "");
    const hasComment = result.parse.comments.some((c) => c.range.start.line === line + 1);
    const title = `Disable ${d.ruleId} for this line, with a reason`;
    if (!hasComment) {
      const end = { line, character: lineText.length };
      return { title, kind: CodeActionKind.QuickFix, diagnostics: [lspDiag], edit: { changes: { [doc.uri]: [{ range: { start: end, end }, newText: ` # hacolint:disable-line ${d.ruleId} -- reason` }] } } };
    }
    const indent = /^[ \t]*/.exec(lineText)![0];
    const start = { line, character: 0 };
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [lspDiag], edit: { changes: { [doc.uri]: [{ range: { start, end: start }, newText: `${indent}# hacolint:disable-next-line ${d.ruleId} -- reason\n` }] } } };
  }

  symbols(uri: string): DocumentSymbol[] | null {
    const cur = this.current(uri);
    if (!cur) return null;
    return documentSymbols(cur.result.model);
  }
}

/** Why a document is not linted (too big, binary), or null. */
export function refuse(text: string): string | null {
  if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) {
    return `document too large (more than ${MAX_FILE_BYTES} bytes)`;
  }
  if (text.includes("\0")) return "binary document (NUL byte), not a Hacofile";
  return null;
}

export function startServer(connection: Connection, options: ServerOptions = {}): HacolintServer {
  const server = new HacolintServer(connection, options);
  server.listen();
  connection.listen();
  return server;
}

