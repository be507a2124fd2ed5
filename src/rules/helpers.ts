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

/** A uid/gid setting as numbers where known: names and unknowns are left out. */
export function numericIds(setting: Setting | undefined): { value: Value; id: number | null }[] {
  if (!setting) return [];
  return possibilities(setting.value).map((v) => {
    if (v.kind === "int") return { value: v, id: v.value };
    if (v.kind === "str" && /^\d+$/.test(v.value)) return { value: v, id: Number(v.value) };
    if (v.kind === "str" && v.value === "root") return { value: v, id: 0 };
    return { value: v, id: null };
  });
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
