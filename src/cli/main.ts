#!/usr/bin/env node
// hacolint's command line. Exit codes: 0 clean, 1 findings at/above --failure-threshold (or more
// warnings than --max-warnings), 2 tool or usage error with one line on stderr and no stack trace.
import { resolve as resolvePath } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ConfigError } from "../config/index.js";
import type { RuleSetting } from "../lint/engine.js";
import { InputError, MAX_FILE_BYTES } from "../lint/files.js";
import type { Severity } from "../lint/diagnostic.js";
import { FORMAT_NAMES } from "../report/index.js";
import { SUBCOMMANDS } from "./commands/index.js";
import { EXIT_TOOL_ERROR, UsageError } from "./errors.js";
import { runLint } from "./lint.js";
import { OutputCollector } from "./outputs.js";
import { packageVersion } from "./version.js";

const SEVERITIES = ["error", "warning", "info"] as const;

function parseMaxWarnings(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number >= 0");
  return Number(value);
}

function parseRuleSetting(value: string, previous: Record<string, RuleSetting> | undefined): Record<string, RuleSetting> {
  const match = /^([a-z][a-z0-9-]*)=(off|info|warning|error)$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected <rule-id>=<off|info|warning|error>");
  return { ...previous, [match[1]!]: match[2] as RuleSetting };
}

export function buildProgram(): { program: Command; result: Promise<number>[] } {
  const result: Promise<number>[] = [];
  const outputs = new OutputCollector();
  const program = new Command("hacolint")
    .description("Lint Haconiwa Hacofiles against the suEXEC-derived container-start validation model.")
    .version(packageVersion(), "-v, --version")
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`hacolint: ${message.replace(/^error: /, "").trim()}\n`) })
    .showSuggestionAfterError(true)
    .argument("[paths...]", "Hacofiles, directories (searched for *.haco and Hacofile), or - for standard input")
    .addOption(new Option("-f, --format <name>", `output format, repeatable: ${FORMAT_NAMES.join(", ")} (default: stylish)`))
    .option("-o, --output <file>", "write the preceding --format to FILE instead of standard output")
    .addOption(new Option("--failure-threshold <severity>", "lowest severity that makes the exit code 1").choices(SEVERITIES).default("error"))
    .option("--max-warnings <n>", "exit 1 when there are more than N warnings", parseMaxWarnings)
    .option("-c, --config <file>", "use this config file instead of looking for .hacolint.yml upward from each file")
    .option("--no-inline-config", "ignore # hacolint: suppression comments")
    .option("--stdin-filename <path>", "path used for config lookup and reports when reading - (standard input)")
    .option("--rule <id=severity>", "override one rule's severity (repeatable)", parseRuleSetting)
    .option("--fix", "apply safe fixes to the files (written atomically)")
    .option("--fix-dry-run", "print the safe fixes as a unified diff without writing")
    .option("--build-config <file>", "build_config.rb whose baked policy lint should use")
    .option("--host", "also check the host the Hacofile points at: owners, modes, symlinks, the rootfs's /etc/passwd")
    .option("--runtime <file>", "with --host: the haconiwa binary whose owner the Hacofile must have (default root:root)")
    .addHelpText("after", `
Exit codes: 0 clean, 1 findings at or above --failure-threshold, 2 usage or input error.
Files larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, with NUL bytes or invalid UTF-8 are refused (exit 2).
Subcommands: hacolint rules | hacolint explain <id> | hacolint build-config | hacolint lsp --stdio`)
    .action((paths: string[], options: {
      failureThreshold: Severity; maxWarnings?: number; config?: string; inlineConfig: boolean; stdinFilename?: string;
      rule?: Record<string, RuleSetting>; fix?: boolean; fixDryRun?: boolean; buildConfig?: string; host?: boolean; runtime?: string;
    }) => {
      if (options.runtime && !options.host) throw new UsageError("--runtime goes with --host");
      if (options.fix && options.fixDryRun) throw new UsageError("--fix and --fix-dry-run exclude each other");
      result.push(runLint(paths, {
        outputs: outputs.result(paths.filter((p) => p !== "-")),
        failureThreshold: options.failureThreshold,
        maxWarnings: options.maxWarnings ?? null,
        config: options.config ?? null,
        inlineConfig: options.inlineConfig,
        stdinFilename: options.stdinFilename ?? null,
        fix: Boolean(options.fix),
        fixDryRun: Boolean(options.fixDryRun),
        buildConfig: options.buildConfig ?? null,
        hostCheck: options.host ? { ...(options.runtime ? { runtime: resolvePath(options.runtime) } : {}) } : null,
        rule: options.rule ?? {},
      }));
    });
  // Commander reports options in command-line order; that order pairs each -o with its --format.
  program.on("option:format", (name: string) => outputs.format(name));
  program.on("option:output", (file: string) => outputs.file(file));
  for (const register of SUBCOMMANDS) register(program, result);
  return { program, result };
}

/** One line for an expected failure; a stack only when HACOLINT_DEBUG is set. */
function describeFailure(error: unknown): string {
  if (error instanceof UsageError || error instanceof InputError || error instanceof ConfigError) return error.message;
  if (process.env.HACOLINT_DEBUG) return error instanceof Error ? error.stack ?? error.message : String(error);
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message.split("\n")[0]} (set HACOLINT_DEBUG=1 for details; please report it)`;
}

async function main(argv: string[]): Promise<number> {
  const { program, result } = buildProgram();
  try {
    await program.parseAsync(argv);
    return result.length ? await result[0]! : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every other commander error is a usage error (already printed).
      return error.exitCode === 0 ? 0 : EXIT_TOOL_ERROR;
    }
    const lines = describeFailure(error).split("\n");
    process.stderr.write(lines.map((l) => `hacolint: ${l}\n`).join(""));
    return EXIT_TOOL_ERROR;
  }
}

// Set the exit code and let Node drain stdout; process.exit() could cut off piped output.
// `hacolint ... | head` closes the pipe early: stop writing quietly and keep the exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

main(process.argv).then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`hacolint: ${describeFailure(error)}\n`);
  process.exitCode = EXIT_TOOL_ERROR;
});
