/**
 * Control characters, bidirectional controls and line breaks, which an error message may carry from its
 * input (a config key holding `\n::error file=…::forged`, ANSI escapes): a message is one printable line,
 * so no workflow command or terminal escape can start in it.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function oneLine(text: string): string {
  return text.replace(UNPRINTABLE, "?");
}

/** Errors the user can fix: printed as one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(message: string) {
    super(oneLine(message));
  }
}

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(oneLine(`invalid config ${file}: ${problems.join("; ")}`));
  }
}

/** Where a parser says it stopped: `at position 12`, `(line 1 column 13)`, `(1:12)`. */
const WHERE = /\bat position \d{1,12}(?: \(line \d{1,12} column \d{1,12}\))?|\(\d{1,12}:\d{1,12}\)/;
/** Characters after which a message may be quoting input: quotes of every kind, and a colon-space. */
const QUOTING = /["'`\u2018\u2019\u201c\u201d\u00ab\u00bb]|: /;

/**
 * What went wrong, never what the input said. Parsers quote the text they choke on (V8's JSON.parse:
 * `Unexpected token 'm', "x mb_sk_li"... is not valid JSON`), quote pairing cannot be trusted across line
 * breaks or truncation, and a quote-free message can still carry input. So the message is cut before
 * the first character that could open a quotation, anything but plain ASCII words is dropped, and the
 * place the parser stopped (which says where, not what) is added back.
 */
export function describeError(error: unknown): string {
  // One quoted character is grammar (`Expected ',' or ']'`), at most one character of input.
  const raw = (error instanceof Error ? error.message : String(error)).replace(/'([^'\s])'/g, "<$1>");
  const quoting = raw.search(QUOTING);
  const head = (quoting === -1 ? raw : raw.slice(0, quoting))
    .replace(/[^A-Za-z0-9 .,:()<>[\]{}_-]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/[\s,.(]+$/, "")
    .trim()
    .slice(0, 80);
  const where = WHERE.exec(raw)?.[0];
  const what = head === "" ? (error instanceof Error ? error.name : "error") : head;
  return where && !head.includes(where) ? `${what} ${where}` : what;
}
