import { describe, expect, it } from "vitest";
import { colorEnabled, FORMATTERS } from "../../src/report/index.js";
import { escapeData, escapeProperty } from "../../src/report/github.js";
import { sarifLog } from "../../src/report/sarif.js";
import { CONTEXT, FILES } from "./helpers.js";

describe("stylish", () => {
  it("groups per file, aligns, summarises, and has no colour when disabled", () => {
    expect(FORMATTERS.stylish(FILES, CONTEXT)).toBe([
      "dir/app,1:x.haco",
      "  dir/app,1:x.haco:2:3   error    init runs as uid 0: 100% <root> & \"quotes\"  init-not-root",
      "  dir/app,1:x.haco:3:17  warning  environment variable \"LD_PRELOAD\" is not in allowedEnv (the policy clears it)  env-allowed",
      "  dir/app,1:x.haco:4:1   info     unused suppression  unused-suppression",
      "",
      "✖ 3 problems (1 error, 1 warning, 1 info)",
      "  1 problem fixable with --fix",
      "",
    ].join("\n"));
  });
  it("prints nothing for clean files and colours only when enabled", () => {
    expect(FORMATTERS.stylish([FILES[1]!], CONTEXT)).toBe("");
    expect(FORMATTERS.stylish(FILES, { ...CONTEXT, color: true })).toContain("\u001b[31merror");
  });
  it("colour rules: TTY only, NO_COLOR off, FORCE_COLOR on", () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled(true, { FORCE_COLOR: "0" })).toBe(false);
  });
});

describe("json", () => {
  it("has exactly the specified keys, 1-based, sorted by position", () => {
    const out = JSON.parse(FORMATTERS.json(FILES, CONTEXT));
    expect(out).toHaveLength(2);
    expect(Object.keys(out[0])).toEqual(["filePath", "diagnostics"]);
    expect(out[0].diagnostics[0]).toEqual({
      ruleId: "init-not-root", severity: "error", message: "init runs as uid 0: 100% <root> & \"quotes\"",
      line: 2, column: 3, endLine: 2, endColumn: 29,
    });
    expect(out[0].diagnostics.map((d: { line: number }) => d.line)).toEqual([2, 3, 4]);
    expect(out[1]).toEqual({ filePath: "clean.haco", diagnostics: [] });
  });
});

describe("gnu", () => {
  it("uses file:line.col-endLine.endCol: severity: message [rule]", () => {
    expect(FORMATTERS.gnu(FILES, CONTEXT).split("\n")[0]).toBe(
      'dir/app,1:x.haco:2.3-2.29: error: init runs as uid 0: 100% <root> & "quotes" [init-not-root]');
  });
});

describe("github", () => {
  it("escapes data and properties", () => {
    expect(escapeData("a%b\r\nc")).toBe("a%25b%0D%0Ac");
    expect(escapeProperty("a,b:c%")).toBe("a%2Cb%3Ac%25");
  });
  it("writes one workflow command per finding", () => {
    const lines = FORMATTERS.github(FILES, CONTEXT).trimEnd().split("\n");
    expect(lines[0]).toBe("::error file=dir/app%2C1%3Ax.haco,line=2,col=3,endLine=2,endColumn=29,title=hacolint init-not-root::init runs as uid 0: 100%25 <root> & \"quotes\"");
    expect(lines[1]).toContain("::warning ");
    expect(lines[1]).toContain("allowedEnv%0A(the policy clears it)");
    expect(lines[2]).toMatch(/^::notice /);
  });
});

describe("checkstyle", () => {
  it("is well-formed XML with escaped attributes", () => {
    const out = FORMATTERS.checkstyle(FILES, CONTEXT);
    expect(out).toContain('<file name="dir/app,1:x.haco">');
    expect(out).toContain('message="init runs as uid 0: 100% &lt;root&gt; &amp; &quot;quotes&quot;" source="hacolint.init-not-root"');
    expect(out).toContain("allowedEnv&#10;(the policy clears it)");
    expect(out).toContain('<file name="clean.haco">\n  </file>');
  });
});

describe("sarif", () => {
  const log = sarifLog(FILES, CONTEXT);
  const run = log.runs[0]!;
  it("describes every rule with docs and a helpUri", () => {
    const rule = run.tool.driver.rules.find((r) => r.id === "init-not-root")!;
    expect(rule).toMatchObject({
      shortDescription: { text: "init-not-root summary." },
      fullDescription: { text: "init-not-root details." },
      helpUri: "https://github.com/hacolint/hacolint/blob/main/docs/rules/init-not-root.md",
      properties: { "security-severity": "8.0" },
    });
    expect(rule.help.markdown).toContain("## How to fix");
    for (const r of run.tool.driver.rules) expect(r.helpUri).toMatch(/^https:\/\//);
  });
  it("has 1-based regions with ends, utf16 columns, fingerprints, related locations", () => {
    expect(run.columnKind).toBe("utf16CodeUnits");
    const result = run.results[1]!;
    expect(result).toMatchObject({
      ruleId: "env-allowed", level: "warning",
      locations: [{ physicalLocation: { artifactLocation: { uri: "dir/app%2C1%3Ax.haco", uriBaseId: "%SRCROOT%" }, region: { startLine: 3, startColumn: 17, endLine: 3, endColumn: 29 } } }],
      relatedLocations: [{ id: 1, message: { text: "allowedEnv is set in the policy." } }],
    });
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe("env-allowed");
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    expect(run.results[2]!.level).toBe("note");
  });
  it("fingerprints ignore the line number but count repeats", () => {
    const moved = sarifLog([{ ...FILES[0]!, source: `\n${FILES[0]!.source}`, diagnostics: FILES[0]!.diagnostics.map((d) => ({
      ...d, range: { start: { ...d.range.start, line: d.range.start.line + 1 }, end: { ...d.range.end, line: d.range.end.line + 1 } },
    })) }], CONTEXT);
    expect(moved.runs[0]!.results.map((r) => r.partialFingerprints)).toEqual(run.results.map((r) => r.partialFingerprints));
  });
});
