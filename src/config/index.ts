// Public face of the config module, plus a per-run cache: a tree of thousands of files shares a
// handful of configs, so each directory is searched and each file parsed once.
import { dirname, resolve } from "node:path";
import { defaultConfig, findConfig, loadConfig, type HacolintConfig } from "./load.js";

export { ConfigError, CONFIG_NAMES, defaultConfig, findConfig, loadConfig, parseConfig } from "./load.js";
export type { ConfigProblem, HacolintConfig, Override } from "./load.js";
export { resolveForFile, type ResolvedSettings } from "./resolve.js";
export { buildSchema } from "./schema.js";

export class ConfigCache {
  private byDir = new Map<string, string | null>();
  private byPath = new Map<string, HacolintConfig>();

  /** `explicit` is `--config`: used for every file, no discovery. */
  constructor(private readonly ruleIds: readonly string[], private readonly explicit?: string) {}

  forFile(filePath: string): HacolintConfig {
    if (this.explicit) return this.load(resolve(this.explicit));
    const dir = dirname(resolve(filePath));
    let found = this.byDir.get(dir);
    if (found === undefined) {
      found = findConfig(dir);
      this.byDir.set(dir, found);
    }
    return found ? this.load(found) : defaultConfig(dir);
  }

  private load(path: string): HacolintConfig {
    let config = this.byPath.get(path);
    if (!config) {
      config = loadConfig(path, this.ruleIds);
      this.byPath.set(path, config);
    }
    return config;
  }
}
