/** Errors the user can fix: printed as one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid config ${file}: ${problems.join("; ")}`);
  }
}

/**
 * An error's message without anything it quotes from the input. Parsers quote the text they choke on
 * (Node's JSON.parse does: `Unexpected token 'm', "mb_sk_live_…" is not valid JSON`), and that text can be
 * the secret.
 */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/"[^"\n]{0,10000}"|'[^'\n]{0,10000}'|`[^`\n]{0,10000}`/g, "<…>")
    .replace(/\s+/g, " ")
    .slice(0, 200);
}
