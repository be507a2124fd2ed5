// Microsoft's SARIF validator with GitHub's ingestion rules (the same rules code scanning applies).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATTERS } from "../../src/report/index.js";
import { CONTEXT, FILES } from "./helpers.js";

/** The platform package ships the self-contained .NET binary; npm 11 may skip its chmod. */
function multitool(): string | null {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`));
  } catch {
    return null;
  }
  const binary = join(dir, "Sarif.Multitool");
  if (!existsSync(binary)) return null;
  if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
  return binary;
}

export function validateSarif(sarifText: string): { level: string; ruleId: string; text: string }[] {
  const binary = multitool();
  if (!binary) throw new Error("@microsoft/sarif-multitool is not installed for this platform");
  const dir = mkdtempSync(join(tmpdir(), "hacolint-sarif-"));
  const input = join(dir, "hacolint.sarif");
  const output = join(dir, "validation.sarif");
  writeFileSync(input, sarifText);
  const run = spawnSync(binary, ["validate", "--rule-kind", "Gh;Sarif", "--log", "ForceOverwrite", "-o", output, input], {
    encoding: "utf8", env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" }, timeout: 120_000,
  });
  if (!existsSync(output)) throw new Error(`validator produced no log (exit ${run.status}): ${run.stdout}${run.stderr}`);
  const log = JSON.parse(readFileSync(output, "utf8").replace(/^\uFEFF/, ""));
  return (log.runs[0].results ?? []).map((r: { level?: string; ruleId: string; message: { text?: string; arguments?: string[] } }) => ({
    level: r.level ?? "warning", ruleId: r.ruleId, text: r.message.text ?? (r.message.arguments ?? []).join(" | "),
  }));
}

describe("SARIF output passes Sarif.Multitool validate --rule-kind Gh;Sarif", () => {
  it("reports no errors", () => {
    const findings = validateSarif(FORMATTERS.sarif(FILES, CONTEXT));
    expect(findings.filter((f) => f.level === "error")).toEqual([]);
  });
  it("reports no errors for a run without results", () => {
    const findings = validateSarif(FORMATTERS.sarif([], CONTEXT));
    expect(findings.filter((f) => f.level === "error")).toEqual([]);
  });
});
