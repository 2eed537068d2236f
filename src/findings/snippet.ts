import { redactSecret } from "./redact.js";

export const SNIPPET_MAX = 80;

export interface SecretSpan {
  start: number;
  end: number;
  secret: string;
  /** How the span is printed; default its redacted form. Code evidence is printed as it is. */
  display?: string;
}

export function spanDisplay(span: SecretSpan): string {
  return span.display ?? redactSecret(span.secret);
}

/**
 * A one-line window of at most 80 characters around `target` in `text`, with `target` and every other
 * known secret span in the window replaced by its redacted form. Never reads more than the window, so a
 * 50 MB single-line bundle costs the same as a short file.
 */
export function buildSnippet(text: string, target: SecretSpan, spans: readonly SecretSpan[]): string {
  const redacted = spanDisplay(target);
  const room = Math.max(0, SNIPPET_MAX - redacted.length);
  const before = redactRange(text, Math.max(0, target.start - room), target.start, spans);
  const after = redactRange(text, target.end, Math.min(text.length, target.end + room), spans);
  let left = Math.ceil(room / 2);
  let right = room - left;
  // Give the unused room of a short side to the other side.
  if (before.length < left) right += left - before.length;
  if (after.length < right) left += right - after.length;
  return oneLine(before.slice(Math.max(0, before.length - left)) + redacted + after.slice(0, right));
}

/** `text` from `from` to `to`, with every secret span that overlaps it replaced by its redacted form. */
export function redactRange(text: string, from: number, to: number, spans: readonly SecretSpan[]): string {
  let out = "";
  let cursor = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    if (span.start > cursor) out += text.slice(cursor, span.start);
    if (span.end > cursor) out += spanDisplay(span);
    cursor = Math.max(cursor, span.end);
  }
  if (cursor < to) out += text.slice(cursor, to);
  return out;
}

function oneLine(value: string): string {
  return value.replace(/[\r\n\t\v\f\u2028\u2029]/g, " ");
}
