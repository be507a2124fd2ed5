// Small queries rules share. Rules read the model, never the raw text.
import type { Range } from "../ast/nodes.js";
import type { ContainerModel, FileModel, Setting, Value } from "../model/model.js";
import { runnableContainers } from "../model/container.js";
import { describe, possibilities } from "../model/values.js";

/** Containers Haconiwa would start, with a label for messages ("container web-1"). */
export function runnable(model: FileModel): ContainerModel[] {
  return runnableContainers(model.containers);
}

export function containerLabel(c: ContainerModel): string {
  const name = c.name ? possibilities(c.name.value).find((v) => v.kind === "str") : undefined;
  return name && name.kind === "str" ? `container "${name.value}"` : `the container defined on line ${c.defineRange.start.line}`;
}

/** Where to report a setting's finding: the value itself when it is written in the setting. */
export function valueRange(setting: Setting, value: Value): Range {
  const inside = value.range.start.offset >= setting.range.start.offset && value.range.end.offset <= setting.range.end.offset;
  return inside ? value.range : setting.range;
}

/** Related locations for a value that flowed through variables. */
export function origins(value: Value): { message: string; range: Range }[] {
  return (value.via ?? []).map((range) => ({ message: `value ${describe({ ...value, via: undefined } as Value)} comes from here`, range }));
}

const ID_SPACE = 4294967296;

/**
 * A uid/gid setting as the ids the kernel would use: ids are 32-bit, so 4294967296 wraps to 0
 * (`written` keeps the number as written). Names and unknowns give `id: null`.
 */
export function numericIds(setting: Setting | undefined): { value: Value; id: number | null; written: number | null }[] {
  if (!setting) return [];
  return possibilities(setting.value).map((v) => {
    const n = v.kind === "int" ? v.value : v.kind === "str" && /^\d+$/.test(v.value) ? Number(v.value) : v.kind === "str" && v.value === "root" ? 0 : null;
    return { value: v, id: n === null ? null : ((n % ID_SPACE) + ID_SPACE) % ID_SPACE, written: n };
  });
}

/** " (4294967296 wraps to 0)" when the written id is outside the 32-bit id space. */
export function wrapNote(id: number | null, written: number | null): string {
  return written !== null && id !== written ? ` (${written} wraps to ${id} as a 32-bit id)` : "";
}

/** Does the path lie inside dir, component-wise (CVE-2007-1742: `/pool-evil` is not in `/pool`)? */
export function isInside(path: string, dir: string): boolean {
  const d = dir.replace(/\/+$/, "");
  return path === d || path.startsWith(d + "/");
}

export function hasDotDot(path: string): boolean {
  return path.split("/").includes("..");
}

/** Where a finding about the whole file goes: the first define call, else the file start. */
export function firstContainerRange(model: FileModel): Range {
  return model.containers[0]?.defineNameRange ?? { start: model.parse.program.range.start, end: model.parse.program.range.start };
}
