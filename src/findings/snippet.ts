import { offset as byOffset, lastAtOrBefore } from "../text/sorted.js";
import { HIDDEN, redactSecret, type SecretRedactor } from "./redact.js";

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
export function buildSnippet(
  text: string,
  target: SecretSpan,
  spans: SpanIndex | readonly SecretSpan[],
): string {
  const index = SpanIndex.of(spans);
  const centre = index.unitAround(target);
  const room = Math.max(0, SNIPPET_MAX - centre.display.length);
  const before = index.redactRange(text, Math.max(0, centre.start - room), centre.start);
  const after = index.redactRange(text, centre.end, Math.min(text.length, centre.end + room));
  let left = Math.ceil(room / 2);
  let right = room - left;
  // Give the unused room of a short side to the other side.
  if (before.length < left) right += left - before.length;
  if (after.length < right) left += right - after.length;
  return oneLine(before.slice(Math.max(0, before.length - left)) + centre.display + after.slice(0, right));
}

/** `text` from `from` to `to`, with every secret span that overlaps it replaced by its redacted form. */
export function redactRange(text: string, from: number, to: number, spans: readonly SecretSpan[]): string {
  return SpanIndex.of(spans).redactRange(text, from, to);
}

/**
 * A file's secret spans, sorted and merged once so that overlapping spans become one printed unit; a
 * window then finds its first span by binary search. A file with N copies of a key costs N log N for its
 * N snippets and frames, not N² (each window used to walk every span of the file).
 */
export class SpanIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly displays: string[] = [];

  static of(spans: SpanIndex | readonly SecretSpan[]): SpanIndex {
    return spans instanceof SpanIndex ? spans : new SpanIndex(spans);
  }

  constructor(spans: readonly SecretSpan[]) {
    // At one start the longest span comes first, so a span inside it (a prefix another rule reports) is
    // absorbed instead of printed twice.
    const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const span of sorted) {
      const last = this.ends.length - 1;
      if (last >= 0 && span.start < this.ends[last]!) {
        // Overlapping spans print as one unit: the first one's form, then the next one's if it runs on.
        if (span.end > this.ends[last]!) {
          this.ends[last] = span.end;
          this.displays[last] += spanDisplay(span);
        }
        continue;
      }
      this.starts.push(span.start);
      this.ends.push(span.end);
      this.displays.push(spanDisplay(span));
    }
  }

  /**
   * What a snippet centres on: the target, grown to the printed units it overlaps, printed once. A code
   * span inside a key (`mb_sk_sbx_` at the key's place) shows the key's redacted form, not the prefix and
   * then the key; spans that only partly overlap the target print in order around its form.
   */
  unitAround(target: SecretSpan): { start: number; end: number; display: string } {
    let start = target.start;
    let end = target.end;
    const leading: string[] = [];
    const trailing: string[] = [];
    for (let i = this.firstEndingAfter(target.start); i < this.starts.length; i++) {
      const unitStart = this.starts[i]!;
      const unitEnd = this.ends[i]!;
      if (unitStart >= Math.max(target.end, target.start + 1)) break;
      if (unitStart <= target.start && unitEnd >= target.end)
        return { start: unitStart, end: unitEnd, display: this.displays[i]! };
      if (unitStart < target.start) leading.push(this.displays[i]!);
      else if (unitEnd > target.end) trailing.push(this.displays[i]!);
      start = Math.min(start, unitStart);
      end = Math.max(end, unitEnd);
    }
    return { start, end, display: [...leading, spanDisplay(target), ...trailing].join("") };
  }

  /** `text` from `from` to `to`, with every span that overlaps it replaced by its printed form. */
  redactRange(text: string, from: number, to: number): string {
    let out = "";
    let cursor = from;
    for (let i = this.firstEndingAfter(from); i < this.starts.length && this.starts[i]! < to; i++) {
      if (this.starts[i]! > cursor) out += text.slice(cursor, this.starts[i]);
      out += this.displays[i];
      cursor = Math.max(cursor, this.ends[i]!);
    }
    if (cursor < to) out += text.slice(cursor, to);
    return out;
  }

  /** Index of the first span whose end is past `offset` (ends grow with starts once merged). */
  private firstEndingAfter(offset: number): number {
    return lastAtOrBefore(this.ends, offset, byOffset) + 1;
  }
}

function oneLine(value: string): string {
  return value.replace(/[\r\n\t\v\f\u2028\u2029]/g, " ");
}

/**
 * Spans for every copy of a known secret in `text` that no rule reported there (a URL-encoded copy on the
 * next line, a copy a source map's embedded original superseded), so snippets and frames hide them like
 * the detected ones. One linear pass over the text.
 */
export function copySpans(text: string, redactor: SecretRedactor): SecretSpan[] {
  if (redactor.empty) return [];
  return redactor.ranges(text).map(({ start, end }) => ({ start, end, secret: "", display: HIDDEN }));
}
