// Names shared by the build_config.rb writer (write.ts) and reader (read.ts), kept apart from
// write.ts so that reading a build_config.rb (lint --build-config, the LSP) does not load EJS.
export const GEM_NAME = "mruby-hacolint-validate";
export const BEGIN_MARKER = "# BEGIN hacolint managed";
export const END_MARKER = "# END hacolint managed";

/** A user-facing problem with a build_config.rb (line numbers are 1-based). */
export class BuildConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildConfigError";
  }
}
