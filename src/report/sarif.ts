// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Checked in the tests with
// Microsoft's validator using GitHub's ingestion rules (Sarif.Multitool validate --rule-kind Gh;Sarif).
import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Range } from "../ast/nodes.js";
import type { Severity } from "../lint/diagnostic.js";
import type { RuleMeta } from "../rules/rule.js";
import { ruleMarkdown, ruleText } from "./rule-docs.js";
import { helpUri, sortedDiagnostics, type FileReport, type Formatter, type ReportContext } from "./types.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
/** GitHub ranks security alerts by this property (CVSS-like 0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.0", warning: "5.5", info: "2.0" };

function region(range: Range) {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** Relative URI under %SRCROOT% when the file is below cwd (what GitHub needs), else a file: URI. */
function artifactLocation(filePath: string, cwd: string) {
  const absolute = isAbsolute(filePath) ? filePath : `${cwd}${sep}${filePath}`;
  const rel = relative(cwd, absolute);
  if (!rel.startsWith("..") && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  }
  return { uri: pathToFileURL(absolute).href };
}

function ruleDescriptor(id: string, meta: RuleMeta | undefined) {
  const uri = helpUri(id);
  if (!meta) {
    return { id, name: pascal(id), shortDescription: { text: `${id}.` }, helpUri: uri, help: { text: `See ${uri}`, markdown: `See [${id}](${uri}).` } };
  }
  const security = meta.class !== "dsl" && meta.class !== "syntax";
  return {
    id,
    name: pascal(id),
    shortDescription: { text: meta.docs.summary },
    fullDescription: { text: meta.docs.details.replace(/\s*\n\s*/g, " ").trim() },
    helpUri: uri,
    help: { text: ruleText(meta), markdown: ruleMarkdown(meta) },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: security ? ["security", meta.class, ...meta.harm] : [meta.class],
      ...(security ? { "security-severity": SECURITY_SEVERITY[meta.severity] } : {}),
      ...(meta.suexec.length ? { suexec: meta.suexec } : {}),
    },
  };
}

function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

/**
 * Stable identity of a finding across commits: rule, the flagged line's text without surrounding
 * whitespace, and which occurrence of that pair it is in the file. Moving code up or down keeps it.
 */
function fingerprints(file: FileReport) {
  const lines = file.source?.split(/\r?\n/);
  const seen = new Map<string, number>();
  return (ruleId: string, range: Range, message: string) => {
    const text = lines?.[range.start.line - 1]?.trim() ?? message;
    const key = `${ruleId}\0${text}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { primaryLocationLineHash: `${createHash("sha256").update(key).digest("hex").slice(0, 16)}:${n}` };
  };
}

/** SARIF messages should be sentences. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function sarifLog(files: FileReport[], context: ReportContext) {
  const used = [...new Set(files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)))];
  // Every known rule goes in the driver, so viewers can show docs even for rules with no results.
  const ids = [...new Set([...context.rules.keys(), ...used])].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = files.flatMap((file) => {
    const location = artifactLocation(file.filePath, context.cwd);
    const fingerprint = fingerprints(file);
    return sortedDiagnostics(file.diagnostics).map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: index.get(d.ruleId)!,
      level: LEVEL[d.severity],
      message: { text: sentence(d.message) },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
      partialFingerprints: fingerprint(d.ruleId, d.range, d.message),
      ...(d.related?.length ? {
        relatedLocations: d.related.map((r, i) => ({
          id: i + 1,
          message: { text: sentence(r.message) },
          physicalLocation: { artifactLocation: location, region: region(r.range) },
        })),
      } : {}),
    }));
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "hacolint",
          semanticVersion: context.toolVersion,
          version: context.toolVersion,
          informationUri: "https://github.com/hacolint/hacolint",
          rules: ids.map((id) => ruleDescriptor(id, context.rules.get(id))),
        },
      },
      originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(context.cwd.endsWith(sep) ? context.cwd : `${context.cwd}${sep}`).href } },
      columnKind: "utf16CodeUnits",
      results,
    }],
  };
}

export const sarif: Formatter = (files, context) => `${JSON.stringify(sarifLog(files, context), null, 2)}\n`;
