/**
 * Where a map's `sourcesContent` sits in its JSON text, element by element, found by a small scanner of
 * the top-level object (strings skipped with indexOf, brackets counted): the map is then parsed without
 * that array, and each original source is read from its own span when it is scanned. So the parsed map
 * never holds every original text at once next to the raw text; a source is one string, alive while
 * it is scanned. Anything this scanner does not plainly understand returns undefined, and the map is
 * parsed whole as before.
 */

export interface Span {
  start: number;
  end: number;
}

export interface ArraySpans extends Span {
  elements: Span[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The last top-level `"sourcesContent": [...]` of a JSON object text (as JSON.parse reads it), if any. */
export function sourcesContentSpans(text: string): ArraySpans | undefined {
  let i = skipSpace(text, 0);
  if (text[i] !== "{") return undefined;
  let found: ArraySpans | undefined;
  i = skipSpace(text, i + 1);
  if (text[i] === "}") return undefined;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd === -1) return undefined;
    const raw = text.slice(i, keyEnd);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return undefined;
    i = skipSpace(text, i + 1);
    // A key written with escapes (`"sources\u0043ontent"`) is the same key to JSON.parse.
    const key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    if (key === "sourcesContent") {
      if (text[i] !== "[") return undefined;
      const array = arraySpans(text, i);
      if (!array?.elements.every((span) => validElement(text, span))) return undefined;
      found = array;
      i = array.end;
    } else {
      i = valueEnd(text, i);
      if (i === -1) return undefined;
    }
    i = skipSpace(text, i);
    if (text.charCodeAt(i) === COMMA) {
      i = skipSpace(text, i + 1);
      continue;
    }
    return text[i] === "}" ? found : undefined;
  }
}

function arraySpans(text: string, open: number): ArraySpans | undefined {
  const elements: Span[] = [];
  let i = skipSpace(text, open + 1);
  if (text[i] === "]") return { start: open, end: i + 1, elements };
  for (;;) {
    const end = valueEnd(text, i);
    if (end === -1) return undefined;
    elements.push({ start: i, end });
    i = skipSpace(text, end);
    if (text[i] === "]") return { start: open, end: i + 1, elements };
    if (text.charCodeAt(i) !== COMMA) return undefined;
    i = skipSpace(text, i + 1);
  }
}

/**
 * What JSON.parse of the whole map would have said of an element: a string with a raw control character
 * or an unknown escape is invalid (and then the whole map is parsed, and rejected, as before); any other
 * value is checked by parsing it.
 */
const BAD_IN_STRING = /[\x00-\x1f]|(?<!\\)(?:\\\\)*\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/;

function validElement(text: string, span: Span): boolean {
  const value = text.slice(span.start, span.end);
  if (text.charCodeAt(span.start) === QUOTE) return !BAD_IN_STRING.test(value.slice(1, -1));
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** One past the end of the JSON value at `i`, or -1. Strings are skipped whole, brackets counted. */
function valueEnd(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return stringEnd(text, i);
  if (first === "[" || first === "{") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') {
        j = stringEnd(text, j);
        if (j === -1) return -1;
        j--;
      } else if (c === "[" || c === "{") depth++;
      else if (c === "]" || c === "}") {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i;
  while (j < text.length && !",]} \t\n\r".includes(text[j]!)) j++;
  return j === i ? -1 : j;
}

/** One past the closing quote of the string that opens at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function skipSpace(text: string, i: number): number {
  let j = i;
  for (;;) {
    const c = text[j];
    if (c !== " " && c !== "\n" && c !== "\r" && c !== "\t") return j;
    j++;
  }
}
