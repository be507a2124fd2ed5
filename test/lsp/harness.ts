// In-process LSP harness: the server on one end of two PassThrough streams, a JSON-RPC client on
// the other. Published diagnostics and log messages are collected for assertions.
import { PassThrough } from "node:stream";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";
import { createConnection, StreamMessageReader as ServerReader, StreamMessageWriter as ServerWriter } from "vscode-languageserver/node.js";
import type { Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver";
import { startServer, type HacolintServer } from "../../src/lsp/server.js";

export interface Harness {
  client: MessageConnection;
  server: HacolintServer;
  /** Raw stream into the server, for malformed input. */
  toServer: PassThrough;
  logs: { type: number; message: string }[];
  published: PublishDiagnosticsParams[];
  open(uri: string, text: string, version?: number): Promise<Diagnostic[]>;
  change(uri: string, version: number, changes: unknown[]): Promise<Diagnostic[]>;
  nextDiagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]>;
  close(): void;
}

export async function startHarness(initializationOptions: Record<string, unknown> = { debounceMs: 0 }, capabilities: Record<string, unknown> = {}): Promise<Harness> {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const connection = createConnection(new ServerReader(toServer), new ServerWriter(fromServer));
  const server = startServer(connection);
  const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
  const logs: { type: number; message: string }[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];
  client.onNotification("window/logMessage", (p: { type: number; message: string }) => { logs.push(p); });
  client.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.push(p);
    const i = waiters.findIndex((w) => w.uri === p.uri);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(p.diagnostics);
  });
  client.onRequest("client/registerCapability", () => null);
  client.listen();
  await client.sendRequest("initialize", { processId: null, rootUri: null, capabilities, initializationOptions });
  await client.sendNotification("initialized", {});
  const nextDiagnostics = (uri: string, timeoutMs = 10_000) => new Promise<Diagnostic[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
    waiters.push({ uri, resolve: (d) => { clearTimeout(timer); resolve(d); } });
  });
  return {
    client, server, toServer, logs, published, nextDiagnostics,
    async open(uri, text, version = 1) {
      const next = nextDiagnostics(uri);
      await client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "ruby", version, text } });
      return next;
    },
    async change(uri, version, changes) {
      const next = nextDiagnostics(uri);
      await client.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
      return next;
    },
    close() {
      client.dispose();
      connection.dispose();
    },
  };
}
