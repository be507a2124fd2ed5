// Generates the validation mrbgem from templates/mrbgem: `.ejs` files are rendered (with the
// catalogue, so the C exit codes and ids can never disagree with lint), the rest is copied.
// The gem does not depend on the policy: the policy reaches the C code only as defines.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ejs from "ejs";
import { EXIT_INTERNAL_ERROR, PARAMETER_DEFINES, VALIDATIONS } from "../catalogue/validations.js";
import { GEM_NAME, templatesDir } from "./write.js";

/** C identifier for a validation id: init-not-root -> INIT_NOT_ROOT. */
export function cName(id: string): string {
  return id.toUpperCase().replace(/-/g, "_");
}

/** Relative path -> contents of every file of the generated gem. */
export function renderGem(): Map<string, string> {
  const root = join(templatesDir(), "mrbgem");
  const files = new Map<string, string>();
  const data = { gemName: GEM_NAME, validations: VALIDATIONS, params: PARAMETER_DEFINES, internalExit: EXIT_INTERNAL_ERROR, cName };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) { walk(full); continue; }
      const rel = relative(root, full);
      const text = readFileSync(full, "utf8");
      if (rel.endsWith(".ejs")) files.set(rel.slice(0, -4), ejs.render(text, data, { filename: full }));
      else files.set(rel, text);
    }
  };
  walk(root);
  return files;
}

/** Files of the gem in `dir` that are missing or differ from what we would write. */
export function staleGemFiles(dir: string): string[] {
  const stale: string[] = [];
  for (const [rel, text] of renderGem()) {
    const p = join(dir, rel);
    if (!existsSync(p) || readFileSync(p, "utf8") !== text) stale.push(rel);
  }
  return stale;
}

/** Writes the gem into `dir`, touching only files whose content changes (keeps rake incremental). */
export function writeGem(dir: string): string[] {
  const written: string[] = [];
  for (const [rel, text] of renderGem()) {
    const p = join(dir, rel);
    if (existsSync(p) && readFileSync(p, "utf8") === text) continue;
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, text);
    written.push(rel);
  }
  return written;
}
