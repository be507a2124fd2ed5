// Subcommands, one module each. To add one (e.g. `lsp`, `build-config`), write
// src/cli/commands/<name>.ts exporting `register(program: Command): void` and list it here.
import type { Command } from "commander";
import { register as buildConfig } from "./build-config.js";
import { register as explain } from "./explain.js";
import { register as lsp } from "./lsp.js";
import { register as rules } from "./rules.js";

/** `result` receives the exit code of a subcommand that reports one (like the lint action). */
export const SUBCOMMANDS: ((program: Command, result: Promise<number>[]) => void)[] = [rules, explain, lsp, buildConfig];
