// Facts about the host a Hacofile points at, for `hacolint --host`. Read-only: lstat, readlink,
// and bounded reads. Container paths are resolved inside the rootfs the way the kernel's
// RESOLVE_IN_ROOT does (an absolute symlink target restarts at the rootfs, `..` stops there),
// never with realpath, which would follow a container's `/etc/passwd -> /etc/shadow` onto the host.
import { lstatSync, readlinkSync, realpathSync, openSync, readSync, closeSync, constants } from "node:fs";
import { posix } from "node:path";

export interface FileFacts {
  uid: number;
  gid: number;
  mode: number;
  kind: "file" | "dir" | "symlink" | "other";
}

export interface HostContext {
  /** Absolute path of the linted Hacofile. */
  hacofile: string;
  /** Owner the Hacofile must have: the runtime binary's (default root:root). */
  runtimeOwner: { uid: number; gid: number };
  /** The invoking user (this process's real ids). */
  runner: { uid: number; gid: number };
  lstat(path: string): FileFacts | null;
  readlink(path: string): string | null;
  realpath(path: string): string | null;
  /** Reads at most `max` bytes of a regular file without following a final symlink. */
  readFile(path: string, max: number): string | null;
}

export function realHost(hacofile: string, runtime?: string): HostContext {
  const lstat = (p: string): FileFacts | null => {
    try {
      const s = lstatSync(p);
      return { uid: s.uid, gid: s.gid, mode: s.mode & 0o7777, kind: s.isSymbolicLink() ? "symlink" : s.isDirectory() ? "dir" : s.isFile() ? "file" : "other" };
    } catch {
      return null;
    }
  };
  let runtimeOwner = { uid: 0, gid: 0 };
  if (runtime) {
    const facts = lstat(runtime);
    if (facts) runtimeOwner = { uid: facts.uid, gid: facts.gid };
  }
  return {
    hacofile,
    runtimeOwner,
    runner: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
    lstat,
    readlink: (p) => { try { return readlinkSync(p); } catch { return null; } },
    realpath: (p) => { try { return realpathSync(p); } catch { return null; } },
    readFile: (p, max) => {
      let fd = -1;
      try {
        fd = openSync(p, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
        const buf = Buffer.alloc(max);
        const n = readSync(fd, buf, 0, max, 0);
        return buf.subarray(0, n).toString("utf8");
      } catch {
        return null;
      } finally {
        if (fd >= 0) closeSync(fd);
      }
    },
  };
}

export interface ResolvedPath {
  /** Host path of the final file, or null when it does not resolve. */
  hostPath: string | null;
  /** Every directory walked through (host paths), root first, with its facts. */
  dirs: { hostPath: string; facts: FileFacts }[];
  facts: FileFacts | null;
  error?: string;
}

/** Resolves `path` inside `root` like openat2(RESOLVE_IN_ROOT), following at most 40 symlinks. */
export function resolveInRoot(host: HostContext, root: string, path: string): ResolvedPath {
  const dirs: ResolvedPath["dirs"] = [];
  const rootFacts = host.lstat(root);
  if (!rootFacts || rootFacts.kind !== "dir") return { hostPath: null, dirs, facts: null, error: `rootfs ${root} is not a directory` };
  dirs.push({ hostPath: root, facts: rootFacts });
  let stack: string[] = [];
  let pending = path.split("/").filter((s) => s && s !== ".");
  let links = 0;
  while (pending.length) {
    const part = pending.shift()!;
    if (part === "..") { stack.pop(); continue; }
    const hostPath = posix.join(root, ...stack, part);
    const facts = host.lstat(hostPath);
    if (!facts) return { hostPath: null, dirs, facts: null, error: `${posix.join("/", ...stack, part)} does not exist in the rootfs` };
    if (facts.kind === "symlink") {
      if (++links > 40) return { hostPath: null, dirs, facts: null, error: "too many levels of symbolic links" };
      const target = host.readlink(hostPath) ?? "";
      if (target.startsWith("/")) stack = [];
      pending = [...target.split("/").filter((s) => s && s !== "."), ...pending];
      continue;
    }
    stack.push(part);
    if (pending.length) {
      if (facts.kind !== "dir") return { hostPath: null, dirs, facts: null, error: `${posix.join("/", ...stack)} is not a directory` };
      dirs.push({ hostPath, facts });
    } else return { hostPath, dirs, facts };
  }
  return { hostPath: root, dirs: dirs.slice(0, -1), facts: rootFacts };
}

export const writableByOthers = (f: FileFacts) => (f.mode & 0o022) !== 0;

/** Parses `/etc/passwd`- or `/etc/group`-format text strictly: name and numeric id of each line. */
export function parseIdFile(text: string, fields: 7 | 4): { name: string; id: number }[] {
  const out: { name: string; id: number }[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const parts = line.replace(/\r$/, "").split(":");
    if (parts.length !== fields || !parts[0] || /^[+-]/.test(parts[0]) || !/^\d+$/.test(parts[2]) || Number(parts[2]) > 4294967294) continue;
    out.push({ name: parts[0], id: Number(parts[2]) });
  }
  return out;
}

/** Reads the host's passwd to tell whether a uid exists (NSS-free, like the baked check). */
export function hostHasUid(host: HostContext, uid: number): boolean {
  const text = host.readFile("/etc/passwd", 4 << 20);
  return text !== null && parseIdFile(text, 7).some((e) => e.id === uid);
}

