// Wiring the server to standard input/output (the library exits when stdin ends or on `exit`).
// Nothing else may write to stdout from here on.
import { createConnection } from "vscode-languageserver/node.js";
import { startServer, type ServerOptions } from "./server.js";

export function runStdioServer(options: ServerOptions = {}): void {
  const connection = createConnection(process.stdin, process.stdout);
  // A bug must not take the editor's linter down: log it to the client and keep serving.
  const report = (error: unknown) => {
    try {
      connection.console.error(`hacolint: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    } catch {
      process.stderr.write(`hacolint: internal error: ${String(error)}\n`);
    }
  };
  process.on("uncaughtException", report);
  process.on("unhandledRejection", report);
  // console.log from any module would corrupt the protocol stream.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  startServer(connection, options);
}
