// The output formats by name, for --format.
import { checkstyle } from "./checkstyle.js";
import { github } from "./github.js";
import { gnu } from "./gnu.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export const FORMATTERS = { stylish, json, sarif, checkstyle, github, gnu } satisfies Record<string, Formatter>;
export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

export { colorEnabled } from "./color.js";
export type { FileReport, Formatter, ReportContext } from "./types.js";
