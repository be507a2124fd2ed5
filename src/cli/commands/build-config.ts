// `hacolint build-config`: writes the build_config.rb (and the validation gem) that bake the
// policy into a haconiwa build. The work is src/build/command.ts; this only parses arguments.
import type { Command } from "commander";

export function register(program: Command, result: Promise<number>[]): void {
  program
    .command("build-config")
    .description("write a build_config.rb that bakes the policy's validations into a haconiwa build")
    .option("-c, --config <file>", "config file with the policy (default: .hacolint.yml found upward from the current directory)")
    .option("--base <file>", "update this existing build_config.rb (only the marked hacolint region changes)")
    .option("--out <file>", "write the result to FILE (default: standard output)")
    .option("--gem-dir <dir>", "also write the generated mrbgem mruby-hacolint-validate to DIR")
    .option("--log-file <path>", "absolute path of the audit log the baked checks also write (default: syslog only)")
    .option("--check", "exit 1 when --out (or --base) is out of date; write nothing")
    .option("--dry-run", "print the change as a unified diff; write nothing")
    .addHelpText("after", `
Exit codes: 0 written or up to date, 1 --check found it out of date, 2 bad policy or input.
See the README section "Build-time validations".`)
    .action((_options: unknown, command: Command) => {
      // -c/--config is also the lint command's option; commander may hand it to the parent
      const options = command.optsWithGlobals<{ config?: string; base?: string; out?: string; gemDir?: string; logFile?: string; check?: boolean; dryRun?: boolean }>();
      result.push((async () => {
        const { runBuildConfig } = await import("../../build/command.js");
        return runBuildConfig({
          ...(options.config !== undefined ? { config: options.config } : {}),
          ...(options.base !== undefined ? { base: options.base } : {}),
          ...(options.out !== undefined ? { out: options.out } : {}),
          ...(options.gemDir !== undefined ? { gemDir: options.gemDir } : {}),
          ...(options.logFile !== undefined ? { logFile: options.logFile } : {}),
          check: Boolean(options.check),
          dryRun: Boolean(options.dryRun),
        });
      })());
    });
}
