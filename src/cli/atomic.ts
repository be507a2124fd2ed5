// Writing files so a crash or a full disk never leaves a half-written Hacofile or report behind:
// write a temporary file beside the target, then rename it over the target (atomic on POSIX).
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFileAtomic(path: string, data: string): void {
  const temp = join(dirname(path), `.${basename(path)}.hacolint-${process.pid}-${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined; // new file: default mode
  }
  try {
    writeFileSync(temp, data, { flag: "wx", ...(mode !== undefined ? { mode } : {}) });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    try { unlinkSync(temp); } catch { /* never created */ }
    throw error;
  }
}
