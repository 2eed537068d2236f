/**
 * Offsets in a decoded JSON string back to offsets in the JSON text it was written in. A source map's
 * `sourcesContent` entry is scanned decoded (`\n`, `\"`, `\u00e9` already read), but a reader who opens the
 * `.map` file needs the position of the secret in the file's own text, escapes and all.
 *
 * One pass over the literal records an anchor after every escape; a look-up is then a binary search, so a
 * source with N findings costs its length once plus N log(escapes), never N passes.
 */
import type { Position } from "../model/types.js";
import type { LineIndex } from "./line-index.js";
import { lastAtOrBefore, offset } from "./sorted.js";

const BACKSLASH = 0x5c;
const U = 0x75;

export interface RegionInText {
  start: Position;
  end: Position;
}

/**
 * For the JSON string literal at `[literalStart, literalEnd)` of `text` (quotes included): a function from
 * a decoded range `[start, end)` to its line/column range in `text` (1-based; the end column exclusive).
 */
export function jsonStringRegions(
  text: string,
  literalStart: number,
  literalEnd: number,
  lines: () => LineIndex,
): (start: number, end: number) => RegionInText {
  let anchors: { decoded: number[]; raw: number[] } | undefined;
  const build = () => {
    const decoded = [0];
    const raw = [literalStart + 1];
    let count = 0;
    let at = literalStart + 1;
    const stop = literalEnd - 1;
    for (let slash = text.indexOf("\\", at); slash !== -1 && slash < stop; slash = text.indexOf("\\", at)) {
      count += slash - at;
      // `\uXXXX` is six characters for one UTF-16 unit; every other slash two for one.
      at = slash + (text.charCodeAt(slash + 1) === U ? 6 : 2);
      count += 1;
      decoded.push(count);
      raw.push(at);
    }
    return { decoded, raw };
  };
  const rawOffset = (value: number): number => {
    anchors ??= build();
    const index = Math.max(0, lastAtOrBefore(anchors.decoded, value, offset));
    return anchors.raw[index]! + (value - anchors.decoded[index]!);
  };
  return (start, end) => {
    const index = lines();
    const from = rawOffset(start);
    // The end is just past the last character, escaped or not.
    const to = end > start ? rawEnd(text, rawOffset(end - 1)) : from;
    return { start: index.position(from), end: index.position(to) };
  };
}

function rawEnd(text: string, rawStartOfLast: number): number {
  if (text.charCodeAt(rawStartOfLast) !== BACKSLASH) return rawStartOfLast + 1;
  return rawStartOfLast + (text.charCodeAt(rawStartOfLast + 1) === U ? 6 : 2);
}
