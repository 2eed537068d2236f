/**
 * `.env` files read the way dotenv reads them: `KEY=value`, `export KEY=value`, `KEY: value`, comments,
 * single, double and backtick quotes (multi-line inside quotes), `\n` expanded in double quotes, inline
 * `#` comments after unquoted values. Each entry becomes one fragment `KEY=value` with the value cooked
 * and every character mapped back to the file, labelled with the key: value rules match the value, and
 * the public-prefix policy (rules/env.ts) sees the name next to it.
 */
import type { FileKind } from "../model/types.js";
import { mayNameSecret } from "../rule-kit/public-env.js";
import { Pieces } from "../text/pieces.js";
import { decodeBase64WithLead } from "./encoded-leads.js";
import { type Fragment, mayHoldCredential, OffsetMap, type SourceText } from "./fragment.js";
import type { ExtractHints, Extraction } from "./types.js";

export interface DotenvEntry {
  key: string;
  /** The cooked value (quotes removed, escapes of double-quoted values expanded). */
  value: string;
  /** Maps offsets in `${key}=${value}` to offsets in the file. */
  map: OffsetMap;
  /**
   * Where the key starts in the file when `${key}=${value}` is written there as it is (`KEY=value`, no
   * quotes, no blanks around `=`): the fragment is then a slice of the file and needs no map of its own.
   */
  verbatimAt?: number;
}

const KEY = /[A-Za-z_][A-Za-z0-9_.-]{0,200}/y;
const EXPORT = /export[ \t]+/y;
const SEPARATOR = /[ \t]*(?:=|:[ \t])[ \t]*/y;
const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  r: "\r",
  t: "\t",
  '"': '"',
  "\\": "\\",
};

export function parseDotenv(text: string): DotenvEntry[] {
  return [...dotenvEntries(text)];
}

/** The entries one at a time: a file of a million `A=` lines never holds a million entries at once. */
export function* dotenvEntries(text: string): Generator<DotenvEntry> {
  let offset = 0;
  while (offset < text.length) {
    const entry = parseEntry(text, skipBlank(text, offset));
    if (entry) yield entry.entry;
    offset = nextLine(text, entry ? entry.end : offset);
  }
}

function skipBlank(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && (text[at] === " " || text[at] === "\t")) at++;
  return at;
}

function nextLine(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

function sticky(pattern: RegExp, text: string, offset: number): RegExpExecArray | null {
  pattern.lastIndex = offset;
  return pattern.exec(text);
}

function parseEntry(text: string, lineStart: number): { entry: DotenvEntry; end: number } | undefined {
  let at = lineStart;
  const exported = sticky(EXPORT, text, at);
  if (exported) at += exported[0].length;
  const key = sticky(KEY, text, at);
  if (!key) return undefined;
  const keyStart = at;
  at += key[0].length;
  const separator = sticky(SEPARATOR, text, at);
  if (!separator) return undefined;
  at += separator[0].length;
  // The fragment is `KEY=value`: the key maps onto itself, `=` onto the value's start, then the value.
  const map = new OffsetMap().addLinear(0, keyStart).addCollapsed(key[0].length, at);
  const base = key[0].length + 1;
  const quote = text[at];
  const quoted = quote === '"' || quote === "'" || quote === "`";
  const value = quoted ? quotedValue(text, at, quote, map, base) : unquotedValue(text, at, map, base);
  const verbatim = !quoted && separator[0] === "=" ? { verbatimAt: keyStart } : {};
  return { entry: { key: key[0], value: value.value, map, ...verbatim }, end: value.end };
}

interface ValueRead {
  value: string;
  /** Where parsing goes on: past the closing quote, or the end of the line. */
  end: number;
}

function unquotedValue(text: string, start: number, map: OffsetMap, base: number): ValueRead {
  const newline = text.indexOf("\n", start);
  const lineEnd = newline === -1 ? text.length : newline;
  let end = lineEnd;
  // An inline comment starts at a `#` after whitespace; a `#` inside a value (`pa#ss`) is kept.
  const comment = text.slice(start, lineEnd).search(/[ \t]#/);
  if (comment !== -1) end = start + comment;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  map.addLinear(base, start);
  return { value: text.slice(start, end), end: lineEnd };
}

function quotedValue(text: string, open: number, quote: string, map: OffsetMap, base: number): ValueRead {
  const close = closingQuote(text, open, quote);
  // An unclosed quote: dotenv reads the rest of the line as the value; the raw layer still sees it all.
  if (close === -1) return unquotedValue(text, open, map, base);
  map.addLinear(base, open + 1);
  if (quote !== '"') return { value: text.slice(open + 1, close), end: close + 1 };
  const value = new Pieces();
  let runStart = open + 1;
  for (let at = open + 1; at < close; at++) {
    const expanded = text[at] === "\\" ? DOUBLE_QUOTED_ESCAPES[text[at + 1] ?? ""] : undefined;
    if (expanded === undefined) continue;
    value.add(text.slice(runStart, at));
    map.addCollapsed(base + value.length, at);
    value.add(expanded);
    at++;
    runStart = at + 1;
    map.addLinear(base + value.length, runStart);
  }
  value.add(text.slice(runStart, close));
  return { value: value.toString(), end: close + 1 };
}

/** The matching quote; in double quotes a backslash escapes the next character. -1 when there is none. */
function closingQuote(text: string, open: number, quote: string): number {
  for (let at = open + 1; at < text.length; at++) {
    if (quote === '"' && text[at] === "\\") at++;
    else if (text[at] === quote) return at;
  }
  return -1;
}

/**
 * One fragment per entry, `KEY=value`, mapped back to the key and the value in the file; and for a value
 * that is base64 of a credential (`PRIVATE_KEY_B64=LS0tLS1CRUdJTi…`, hosting platforms dislike newlines)
 * one more, `KEY=<decoded>`, the decoded text collapsed onto the whole encoded value.
 *
 * A fragment costs a few hundred bytes, and a file of `A=` or `A=x` lines must cost memory in proportion
 * to its bytes (#14 case 12). So an entry gets one only when its value can hold a credential, or when it
 * is not blank and its name could name a secret (what rules/env.ts reports behind a public prefix, even
 * `VITE_DB_PASSWORD=hunter2`); and one written in the file as it is, is a slice of it with no map.
 */
export function* dotenvFragments(source: SourceText, leads?: readonly string[]): Generator<Fragment> {
  for (const entry of dotenvEntries(source.text)) {
    const named = mayNameSecret(entry.key) && /\S/.test(entry.value);
    if (!named && !mayHoldCredential(entry.value)) continue;
    const keyPath = entry.key;
    const at = entry.verbatimAt;
    const length = keyPath.length + 1 + entry.value.length;
    yield at === undefined
      ? { source, text: `${keyPath}=${entry.value}`, layer: "env", map: entry.map, keyPath }
      : { source, text: source.text.slice(at, at + length), layer: "env", sourceOffset: at, keyPath };
    const decoded = decodeBase64WithLead(entry.value, leads);
    if (decoded === undefined) continue;
    const valueAt = keyPath.length + 1;
    const start = entry.map.toSource(valueAt);
    const end = entry.map.toSourceEnd(valueAt + entry.value.length - 1);
    const map = new OffsetMap().addLinear(0, entry.map.toSource(0)).addCollapsed(keyPath.length, start, end);
    yield {
      source,
      text: `${keyPath}=${decoded}`,
      layer: "decoded",
      map,
      keyPath,
      notes: ["decoded from base64"],
    };
  }
}

export function extractDotenv(source: SourceText, _kind: FileKind, hints?: ExtractHints): Extraction {
  return { fragments: dotenvFragments(source, hints?.leads), diagnostics: [] };
}
