// Checkstyle XML, read by Jenkins' warnings-ng, reviewdog and many CI dashboards.
import { sortedDiagnostics, type Formatter } from "./types.js";

/** Escape for XML 1.0 attributes; characters XML cannot carry at all become U+FFFD. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

export const checkstyle: Formatter = (files) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const file of files) {
    out.push(`  <file name="${escapeXml(file.filePath)}">`);
    for (const d of sortedDiagnostics(file.diagnostics)) {
      out.push(`    <error line="${d.range.start.line}" column="${d.range.start.column}" severity="${d.severity}" ` +
        `message="${escapeXml(d.message)}" source="hacolint.${escapeXml(d.ruleId)}"/>`);
    }
    out.push("  </file>");
  }
  out.push("</checkstyle>");
  return `${out.join("\n")}\n`;
};
