/**
 * A string put together piece by piece and joined once. `value += piece` in a loop builds a tree of cons
 * strings, about 64 bytes per piece: a value of a million escapes cost more memory than the file it came
 * from (#14 case 12). Here a piece costs one array slot, and the result is one flat string.
 */
export class Pieces {
  private readonly parts: string[] = [];
  /** The length of the string so far. */
  length = 0;

  add(piece: string): void {
    if (piece.length === 0) return;
    this.parts.push(piece);
    this.length += piece.length;
  }

  toString(): string {
    return this.parts.join("");
  }
}
