// Errors that end the run with exit 2 and one line on stderr, never a stack trace.
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TOOL_ERROR = 2;
