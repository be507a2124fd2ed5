// Pairing `--format` with `-o`: each `-o FILE` belongs to the `--format` just before it, so
// `--format sarif -o out.sarif --format stylish` writes SARIF to a file and stylish to stdout.
// Commander reports options in command-line order through `option:*` events; we record that order.
import { resolve } from "node:path";
import { FORMAT_NAMES, type FormatName } from "../report/index.js";
import { UsageError } from "./errors.js";

export interface Output {
  format: FormatName;
  /** null = standard output. */
  file: string | null;
}

export class OutputCollector {
  private outputs: { format: string; file: string | null }[] = [];
  private pendingFile: string | null = null;

  format(name: string): void {
    this.outputs.push({ format: name, file: null });
  }

  file(path: string): void {
    const last = this.outputs.at(-1);
    if (last && last.file === null) last.file = path;
    else if (!last && this.pendingFile === null) this.pendingFile = path; // `-o f` before any --format
    else throw new UsageError(`-o ${path} has no --format before it to pair with (each --format takes at most one -o)`);
  }

  /** Resolved outputs; `inputs` are the linted files, which a report must never overwrite. */
  result(inputs: string[]): Output[] {
    const list = this.outputs.length ? [...this.outputs] : [{ format: "stylish", file: null as string | null }];
    if (this.pendingFile !== null) {
      if (list[0]!.file !== null) throw new UsageError(`-o ${this.pendingFile} has no --format to pair with`);
      list[0]!.file = this.pendingFile;
    }
    for (const output of list) {
      if (!(FORMAT_NAMES as string[]).includes(output.format)) {
        throw new UsageError(`unknown format "${output.format}"; use one of ${FORMAT_NAMES.join(", ")}`);
      }
    }
    if (list.filter((o) => o.file === null).length > 1) {
      throw new UsageError("only one --format can write to standard output; give the others -o FILE");
    }
    const targets = list.filter((o) => o.file !== null).map((o) => resolve(o.file!));
    if (new Set(targets).size !== targets.length) throw new UsageError("two --format outputs write to the same -o file");
    const inputSet = new Set(inputs.map((i) => resolve(i)));
    const clash = targets.find((t) => inputSet.has(t));
    if (clash) throw new UsageError(`-o ${clash} is one of the files being linted; refusing to overwrite it`);
    return list as Output[];
  }
}
