/**
 * Bundle position → original position, through a loaded map. The segment that covers a position gives
 * the original line and column of the token it starts (usually the string literal's quote); when the
 * map ships the original text, the offset inside the token is carried over if the original really has
 * the secret there, so the column points at the secret and not at the token.
 */

import type { Location, Position } from "../model/types.js";
import { LineIndex } from "../text/line-index.js";
import type { LoadedSourceMap } from "./load.js";
import { traceMapping } from "./trace-mapping.js";

export type OriginalLocator = (start: Position, secret: string) => Location | undefined;

/** Enough characters to recognise the secret at the carried-over column without comparing all of it. */
const PROBE_CHARS = 12;

export function createOriginalLocator(map: LoadedSourceMap): OriginalLocator {
  const lineIndexes = new Map<number, LineIndex>();
  const linesOf = (sourceIndex: number, content: string): LineIndex => {
    const known = lineIndexes.get(sourceIndex);
    if (known) return known;
    const index = new LineIndex(content);
    lineIndexes.set(sourceIndex, index);
    return index;
  };

  return (start, secret) => {
    if (!map.mappingsUsable()) return undefined;
    const generatedColumn = start.column - 1;
    const segment = traceMapping().traceSegment(map.trace, start.line - 1, generatedColumn);
    if (!segment || segment.length < 4) return undefined;
    const [segmentColumn, sourceIndex, line, column] = segment as readonly [number, number, number, number];
    const original = map.originals[sourceIndex];
    if (!original) return undefined;
    const at: Position = { line: line + 1, column: column + 1 };
    const location: Location = { path: original.path, start: at, end: at };
    const content = map.content(sourceIndex);
    if (!content) return location;

    const lines = linesOf(sourceIndex, content);
    const tokenOffset = lines.lineStart(at.line) + column;
    const secretOffset = tokenOffset + (generatedColumn - segmentColumn);
    const probe = secret.slice(0, PROBE_CHARS);
    if (content.startsWith(probe, secretOffset)) {
      const whole = content.startsWith(secret, secretOffset);
      return {
        path: original.path,
        start: lines.position(secretOffset),
        end: lines.position(secretOffset + (whole ? secret.length : probe.length)),
      };
    }
    return location;
  };
}
