/**
 * A few lines of source around a secret, for people reading a report: the line before, the line holding
 * the secret (a secret spanning several lines is collapsed onto its first line) and the line after. Each
 * line is clipped to the same window of columns around the secret, and every known secret in a window is
 * replaced by its redacted form. Only the windows are read, so a 50 MB minified line costs what a short
 * one does.
 */

import type { FrameLine } from "../model/types.js";
import type { LineIndex } from "../text/line-index.js";
import { printableLine } from "../text/printable.js";
import { type SecretSpan, SpanIndex, spanDisplay } from "./snippet.js";

/** Characters of source shown on each line of a frame (a redacted secret can make a line a little longer). */
export const FRAME_WIDTH = 100;

export interface FrameSource {
  text: string;
  lines: LineIndex;
}

export function buildCodeFrame(
  source: FrameSource,
  target: SecretSpan,
  spanList: SpanIndex | readonly SecretSpan[],
): FrameLine[] {
  const { text, lines } = source;
  const spans = SpanIndex.of(spanList);
  const firstLine = lines.position(target.start).line;
  const lastLine = lines.position(Math.max(target.start, target.end - 1)).line;
  const lineStart = lines.lineStart(firstLine);
  const lineEnd = endOfLine(source, lastLine);

  // Centre the window on the secret; room one side does not use goes to the other.
  const room = Math.max(0, FRAME_WIDTH - spanDisplay(target).length);
  const available = { before: target.start - lineStart, after: lineEnd - target.end };
  const after = Math.min(available.after, room - Math.min(available.before, Math.ceil(room / 2)));
  const before = Math.min(available.before, room - after);
  const from = target.start - before;
  const to = target.end + after;

  const frame: FrameLine[] = [];
  const column = from - lineStart;
  if (firstLine > 1) frame.push(contextLine(source, firstLine - 1, column, spans));
  frame.push(clipped(text, firstLine, { from, to, lineStart, lineEnd }, spans, true));
  if (lastLine < lines.lineCount) frame.push(contextLine(source, lastLine + 1, column, spans));
  return frame;
}

/** A neighbouring line, shown through the same columns as the secret's line so the frame lines up. */
function contextLine(source: FrameSource, line: number, column: number, spans: SpanIndex): FrameLine {
  const lineStart = source.lines.lineStart(line);
  const lineEnd = endOfLine(source, line);
  const from = Math.min(lineStart + column, lineEnd);
  const to = Math.min(from + FRAME_WIDTH, lineEnd);
  return clipped(source.text, line, { from, to, lineStart, lineEnd }, spans, false);
}

interface Window {
  from: number;
  to: number;
  lineStart: number;
  lineEnd: number;
}

function clipped(text: string, line: number, window: Window, spans: SpanIndex, match: boolean): FrameLine {
  return {
    line,
    text: printableLine(spans.redactRange(text, window.from, window.to)).trimEnd(),
    ...(match ? { match: true } : {}),
    ...(window.from > window.lineStart ? { clippedStart: true } : {}),
    ...(window.to < window.lineEnd ? { clippedEnd: true } : {}),
  };
}

/** Offset just past the last character of a 1-based line, without its `\r\n` or `\n`. */
function endOfLine(source: FrameSource, line: number): number {
  const end = line < source.lines.lineCount ? source.lines.lineStart(line + 1) - 1 : source.text.length;
  return end > 0 && source.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}
