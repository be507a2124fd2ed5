// What host-checking rules need from a container: its literal rootfs and init program, resolved
// on the host. Rules stay silent when the text does not fix these values.
import type { ContainerModel } from "../model/model.js";
import type { HostContext, ResolvedPath } from "../host/host.js";
import { resolveInRoot } from "../host/host.js";
import { asString } from "../model/values.js";

export function literalRootfs(c: ContainerModel): string | null {
  const v = c.rootfs?.value;
  return v && (v.kind === "str" || v.kind === "path") && v.value.startsWith("/") ? v.value : null;
}

/** argv[0], or Haconiwa's default `/bin/bash` when init_command is not set. */
export function literalInit(c: ContainerModel): string | null {
  const v = c.initCommand?.value;
  if (!v) return "/bin/bash";
  const program = v.kind === "array" ? v.items[0] : v;
  const s = program ? asString(program) : undefined;
  return s && program!.kind === "str" ? s : null;
}

const cache = new WeakMap<ContainerModel, ResolvedPath | null>();

/** The init program resolved inside the rootfs (memoised per container). */
export function resolvedInit(host: HostContext, c: ContainerModel): ResolvedPath | null {
  if (cache.has(c)) return cache.get(c)!;
  const root = literalRootfs(c);
  const init = literalInit(c);
  const workdir = c.workdir?.value.kind === "str" ? c.workdir.value.value : "/";
  const result = root && init ? resolveInRoot(host, root, init.startsWith("/") ? init : `${workdir}/${init}`) : null;
  cache.set(c, result);
  return result;
}
