// `hacolint lsp --stdio`: the language server for editors, speaking LSP on standard input/output.
import type { Command } from "commander";
import { UsageError } from "../errors.js";

export function register(program: Command): void {
  program
    .command("lsp")
    .description("run the language server (diagnostics, hover, completion, code actions, symbols) for editors")
    .option("--stdio", "talk LSP over standard input/output (the only transport)")
    .option("--debounce <ms>", "delay between an edit and linting (default 150, or initializationOptions.debounceMs)")
    .action(async (options: { stdio?: boolean; debounce?: string }) => {
      if (!options.stdio) throw new UsageError("hacolint lsp needs --stdio (the only supported transport)");
      let debounceMs: number | undefined;
      if (options.debounce !== undefined) {
        if (!/^\d+$/.test(options.debounce)) throw new UsageError("--debounce: expected a whole number of milliseconds");
        debounceMs = Number(options.debounce);
      }
      const { runStdioServer } = await import("../../lsp/stdio.js");
      runStdioServer(debounceMs === undefined ? {} : { debounceMs });
    });
}
