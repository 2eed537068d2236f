/**
 * Where in a text a case-insensitive search for a set of literal starts can match at all, at far less
 * than a regex's cost per character: the first three characters of every start, in either case, are
 * bits in a table of 2^21, and a position is a candidate when the three characters there are (a start
 * shorter than three characters takes any character after it, past the end of the text included). The
 * regex then runs only at candidates, sticky, so what it finds is exactly what a search over the whole
 * text finds.
 *
 * A character is read by its low seven bits: a character above U+007F aliases an ASCII one and can only
 * make an extra candidate, which the regex rejects (under the `i` flag without `u`, nothing above U+007F
 * matches an ASCII character).
 */

const BITS = 21;
const MASK = (1 << BITS) - 1;

/** Tables by their starts: the kinds of a scan mostly share one keyword set (and a table is 256 KB). */
const tables = new Map<string, Uint32Array>();

export class GramFilter {
  private readonly table: Uint32Array;
  private readonly empty: boolean;

  /** Any strings: one above U+007F or an empty one only makes more candidates. */
  constructor(starts: readonly string[]) {
    this.empty = starts.length === 0;
    // What the table depends on: each start's first three characters, as `variants` reads them.
    const key = [...new Set(starts.map(gramKey))].sort().join("\0");
    this.table = tables.get(key) ?? buildTable(starts);
    tables.set(key, this.table);
  }

  /** The first position at or after `from` where one of the starts can begin, or -1. */
  next(text: string, from: number): number {
    const table = this.table;
    const length = text.length;
    if (from >= length || this.empty) return -1;
    // The two characters at `i` (before the loop's update), the third shifted in by the update.
    let gram =
      ((text.charCodeAt(from) & 0x7f) << 7) | (from + 1 < length ? text.charCodeAt(from + 1) & 0x7f : 0);
    const end = length - 2;
    let i = from;
    for (; i < end; i++) {
      gram = ((gram << 7) | (text.charCodeAt(i + 2) & 0x7f)) & MASK;
      if ((table[gram >>> 5]! >>> (gram & 31)) & 1) return i;
    }
    for (; i < length; i++) {
      gram = (gram << 7) & MASK;
      if ((table[gram >>> 5]! >>> (gram & 31)) & 1) return i;
    }
    return -1;
  }
}

function buildTable(starts: readonly string[]): Uint32Array {
  const table = new Uint32Array((1 << BITS) >>> 5);
  for (const start of starts) {
    const chars = [...start.slice(0, 3)];
    // An empty keyword matches everywhere.
    if (chars.length === 0) return table.fill(0xffffffff);
    const [a, b, c] = chars.map(variants);
    // A shorter start takes every gram after its characters: a run of whole words (16,384 or 128 bits).
    if (!b) for (const first of a!) table.fill(0xffffffff, (first << 14) >>> 5, ((first + 1) << 14) >>> 5);
    else if (!c) {
      for (const first of a!)
        for (const second of b) {
          const from = (first << 14) | (second << 7);
          table.fill(0xffffffff, from >>> 5, (from + 0x80) >>> 5);
        }
    } else {
      for (const first of a!)
        for (const second of b)
          for (const third of c) {
            const gram = (first << 14) | (second << 7) | third;
            table[gram >>> 5]! |= 1 << (gram & 31);
          }
    }
  }
  return table;
}

function gramKey(start: string): string {
  return [...start.slice(0, 3)]
    .map((char) => (char.charCodeAt(0) > 0x7f ? "\u0080" : char.toLowerCase()))
    .join("");
}

const ANY = Array.from({ length: 0x80 }, (_, code) => code);

/**
 * The seven-bit codes a text character matching `char` case-insensitively can have: both cases of an
 * ASCII letter; for a character above U+007F (a custom rule's `пароль`) any, since its case variants and
 * what the scan reads of them (their low seven bits) can be anything.
 */
function variants(char: string): number[] {
  if (char.charCodeAt(0) > 0x7f) return ANY;
  return [...new Set([char.toLowerCase(), char.toUpperCase()])].map((variant) => variant.charCodeAt(0));
}
