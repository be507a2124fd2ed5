// Subcommands, one module each. To add one (e.g. `lsp`, `build-config`), write
// src/cli/commands/<name>.ts exporting `register(program: Command): void` and list it here.
import type { Command } from "commander";
import { register as explain } from "./explain.js";
import { register as lsp } from "./lsp.js";
import { register as rules } from "./rules.js";

export const SUBCOMMANDS: ((program: Command) => void)[] = [rules, explain, lsp];
