import type { Position } from "../model/types.js";
import { offset as byOffset, lastAtOrBefore } from "./sorted.js";

/**
 * Offset → line/column for one text. Built once per text in a single pass of `indexOf("\n")`, so a
 * 50 MB single-line bundle costs one entry and a look-up is a binary search, never a rescan.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", nl + 1)) this.starts.push(nl + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column (UTF-16 code units) of `offset`. */
  position(offset: number): Position {
    const line = Math.max(0, lastAtOrBefore(this.starts, offset, byOffset));
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }
}
