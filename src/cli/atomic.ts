// Writing files so a crash or a full disk never leaves a half-written Hacofile or report behind:
// write a temporary file beside the target, then rename it over the target (atomic on POSIX).
// Symlinks are followed (the link stays a link), and special files such as /dev/null or a FIFO
// are written in place: renaming over them would replace the device node.
import { chmodSync, chownSync, lstatSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../lint/files.js";

export function writeFileAtomic(path: string, data: string): void {
  let stat: Stats | undefined;
  try {
    stat = statSync(path); // follows symlinks
  } catch {
    stat = undefined; // a new file
  }
  if (stat && !stat.isFile()) {
    writeFileSync(path, data); // /dev/stdout, a FIFO, a terminal: no rename possible or wanted
    return;
  }
  const target = stat ? realpathSync(path) : danglingTarget(path);
  const mode = stat ? stat.mode & 0o7777 : undefined;
  const temp = join(dirname(target), `.${basename(target)}.hacolint-${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data, { flag: "wx", ...(mode !== undefined ? { mode } : {}) });
    if (mode !== undefined) chmodSync(temp, mode); // the umask may have narrowed it
    if (stat) keepOwner(temp, stat, path);
    renameSync(temp, target);
  } catch (error) {
    try { unlinkSync(temp); } catch { /* never created */ }
    throw error;
  }
}

/**
 * The renamed file must keep the original's owner: a Hacofile's owner is itself a validation
 * (hacofile-owner), so a fix must never change it. Refuse rather than change it silently.
 */
function keepOwner(temp: string, original: Stats, path: string): void {
  const created = statSync(temp);
  if (created.uid === original.uid && created.gid === original.gid) return;
  try {
    chownSync(temp, original.uid, original.gid);
  } catch {
    throw new InputError(`${path}: cannot keep its owner ${original.uid}:${original.gid} when rewriting it; not written`);
  }
}

/** Where a new file goes: through a symlink that points at a file not yet created, else `path`. */
function danglingTarget(path: string): string {
  try {
    if (lstatSync(path).isSymbolicLink()) return resolve(dirname(path), readlinkSync(path));
  } catch {
    // no such path: a plain new file
  }
  return path;
}
