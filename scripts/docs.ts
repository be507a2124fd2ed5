// Generates documentation from the rule modules so docs cannot drift from code:
//   docs/rules/<id>.md           one page per rule (metadata + the module's doc comment)
//   README.md                    the rule table between <!-- rules:start --> and <!-- rules:end -->
//   schema/hacolint.schema.json  the config schema, with the current rule ids
// `npm run docs -- --check` writes nothing and exits 1 when any of these is stale.
//
// Metadata values come from the rule objects themselves (what the linter really uses); ts-morph
// finds the module that declares each rule and the doc comment written above it.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Node, Project, SyntaxKind, type ObjectLiteralExpression, type SourceFile } from "ts-morph";
import { buildSchema } from "../src/config/schema.js";
import { allRules } from "../src/cli/registry.js";
import { packageRoot } from "../src/cli/version.js";
import { rulePage } from "../src/report/rule-docs.js";
import type { RuleMeta } from "../src/rules/rule.js";

const START = "<!-- rules:start -->";
const END = "<!-- rules:end -->";

interface RuleSource {
  file: string;
  comment: string;
}

/** Where each rule id is declared: an object literal with `id: "<id>"` (or a constant holding it). */
function findRuleSources(root: string): Map<string, RuleSource> {
  const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: false } });
  project.addSourceFilesAtPaths([join(root, "src/rules/**/*.ts"), join(root, "src/lint/suppressions.ts")]);
  const found = new Map<string, RuleSource>();
  for (const file of project.getSourceFiles()) {
    for (const object of file.getDescendantsOfKind(SyntaxKind.ObjectLiteralExpression)) {
      const id = literalId(object);
      if (!id || !looksLikeMeta(object) || found.has(id)) continue;
      found.set(id, { file: relative(root, file.getFilePath()), comment: docComment(object, file) });
    }
  }
  return found;
}

function looksLikeMeta(object: ObjectLiteralExpression): boolean {
  return Boolean(object.getProperty("docs") && (object.getProperty("severity") || object.getProperty("class")));
}

function literalId(object: ObjectLiteralExpression): string | undefined {
  const property = object.getProperty("id");
  if (!property || !Node.isPropertyAssignment(property)) return undefined;
  let value = property.getInitializer();
  if (Node.isIdentifier(value)) {
    const declaration = value.getSymbol()?.getValueDeclaration();
    value = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  }
  return Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value) ? value.getLiteralValue() : undefined;
}

/**
 * The nearest doc comment (`/**` style) above the metadata object: on its property, its variable
 * statement or its export. Read from comment ranges because ts-morph only attaches JSDoc to
 * declarations, not to object properties.
 */
function docComment(object: ObjectLiteralExpression, file: SourceFile): string {
  for (let node: Node | undefined = object; node && node !== file; node = node.getParent()) {
    const docs = node.getLeadingCommentRanges().map((c) => c.getText()).filter((t) => t.startsWith("/**"));
    if (docs.length) return cleanJsDoc(docs.at(-1)!);
  }
  return "";
}

function cleanJsDoc(text: string): string {
  return text.replace(/^\/\*\*/, "").replace(/\*\/$/, "").split("\n")
    .map((line) => line.replace(/^\s*\* ?/, "")).join("\n")
    .split("\n@")[0]!.trim();
}

function readmeTable(metas: RuleMeta[]): string {
  const rows = metas.map((m) =>
    `| [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.class} | ${m.severity} | ${m.suexec.join(", ") || "–"} | ${m.fixable ? "yes" : ""} | ${m.docs.summary.replace(/\|/g, "\\|")} |`);
  return ["| Rule | Class | Severity | suEXEC | Fix | Summary |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

function main(): number {
  const check = process.argv.includes("--check");
  const root = packageRoot();
  const metas = allRules().map((r) => r.meta);
  const sources = findRuleSources(root);
  const wanted = new Map<string, string>();
  const problems: string[] = [];

  for (const meta of metas) {
    const source = sources.get(meta.id);
    if (!source) problems.push(`rule ${meta.id}: no metadata object with id "${meta.id}" found in src/rules/ (is it registered from elsewhere?)`);
    wanted.set(join("docs/rules", `${meta.id}.md`), rulePage(meta, source ? { comment: source.comment, source: source.file } : {}));
  }
  wanted.set("schema/hacolint.schema.json", `${JSON.stringify(buildSchema(metas.map((m) => m.id)), null, 2)}\n`);

  const readmePath = join(root, "README.md");
  if (existsSync(readmePath)) {
    const readme = readFileSync(readmePath, "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) problems.push(`README.md: add the markers ${START} and ${END} where the rule table goes`);
    else wanted.set("README.md", `${readme.slice(0, start + START.length)}\n${readmeTable(metas)}\n${readme.slice(end)}`);
  } else {
    problems.push("README.md: missing");
  }

  const stale: string[] = [];
  for (const [path, text] of wanted) {
    const absolute = join(root, path);
    const current = existsSync(absolute) ? readFileSync(absolute, "utf8") : null;
    if (current === text) continue;
    stale.push(path);
    if (!check) {
      mkdirSync(join(absolute, ".."), { recursive: true });
      writeFileSync(absolute, text);
    }
  }
  // Pages of rules that no longer exist.
  const rulesDir = join(root, "docs/rules");
  for (const name of existsSync(rulesDir) ? readdirSync(rulesDir) : []) {
    const path = join("docs/rules", name);
    if (name.endsWith(".md") && !wanted.has(path)) {
      stale.push(`${path} (no such rule)`);
      if (!check) unlinkSync(join(root, path));
    }
  }

  for (const problem of problems) process.stderr.write(`docs: ${problem}\n`);
  if (check) {
    if (stale.length) process.stderr.write(`docs: stale, run \`npm run docs\`:\n${stale.map((s) => `  ${s}\n`).join("")}`);
    return stale.length || problems.length ? 1 : 0;
  }
  process.stdout.write(stale.length ? `docs: updated ${stale.length} file(s)\n` : "docs: up to date\n");
  return problems.length ? 1 : 0;
}

process.exitCode = main();
