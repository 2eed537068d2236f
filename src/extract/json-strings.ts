/**
 * JSON string values, cooked: escapes decoded, each value mapped back to its place in the file and
 * labelled with its key path (`env.MEDBLOCKS_KEY`, `props.pageProps.config[2]`). Raw matching sees
 * `-----BEGIN PRIVATE KEY-----\nMII…` with a two-character `\n`; the cooked value has the real line
 * break the secret means. One linear pass, no JSON.parse: a file that is not quite JSON (a payload cut
 * out of HTML, a trailing comma) still yields every string it holds.
 */
import type { FileKind } from "../model/types.js";
import { Pieces } from "../text/pieces.js";
import { decodeBase64WithLead } from "./encoded-leads.js";
import { type Fragment, mayHoldCredential, OffsetMap, type SourceText } from "./fragment.js";
import type { ExtractHints, Extraction } from "./types.js";

export interface JsonString {
  /** The decoded value. */
  value: string;
  /** Offset of the opening quote in the scanned text. */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
  keyPath: string;
  /** Maps offsets in `value` to offsets in the scanned text. */
  map: OffsetMap;
  /** Whether any escape was decoded (otherwise the raw layer already saw exactly this text). */
  escaped: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

interface Container {
  isArray: boolean;
  /** For objects: the last key read; for arrays: the index of the next element. */
  key: string;
  index: number;
  expectingKey: boolean;
}

/** Containers a key path names, innermost last; deeper nesting shows as `…` before them. */
const MAX_PATH_DEPTH = 32;
/** Containers tracked; JSON nested deeper than this is not data anyone writes by hand or tool. */
const MAX_STACK_DEPTH = 1024;

/**
 * Every string value (not key) in `text` from `from` to `to`, in order. Key paths are dotted for
 * object keys and bracketed for array indexes.
 */
export function jsonStrings(text: string, from = 0, to = text.length): JsonString[] {
  return [...eachJsonString(text, from, to)];
}

/**
 * The same, one at a time: a data file of a million strings is never held as a million decoded values
 * and maps at once, only as the few a caller keeps (#14 case 12). `wanted` picks values by their text
 * before a key path is spelled out for them.
 */
export function* eachJsonString(
  text: string,
  from = 0,
  to = text.length,
  wanted: (value: string) => boolean = () => true,
): Generator<JsonString> {
  const stack: Container[] = [];
  // Containers opened deeper than MAX_STACK_DEPTH are counted, not kept: every string in them is read as a
  // value under `…` (a key read as a value costs a look, never a miss), and `[[[[…` costs no memory per byte.
  let hidden = 0;
  let offset = from;
  while (offset < to) {
    const char = text.charCodeAt(offset);
    if (char === 0x22 /* " */) {
      const string = readString(text, offset, to);
      const top = hidden > 0 ? undefined : stack[stack.length - 1];
      if (top && !top.isArray && top.expectingKey) {
        top.key = string.value;
        top.expectingKey = false;
      } else if (wanted(string.value)) {
        yield { ...string, keyPath: hidden > 0 ? "…" : pathOf(stack) };
      }
      offset = string.end;
      continue;
    }
    if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (stack.length >= MAX_STACK_DEPTH) hidden++;
      else stack.push({ isArray: char === 0x5b, key: "", index: 0, expectingKey: char === 0x7b });
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      if (hidden > 0) hidden--;
      else stack.pop();
    } else if (hidden > 0) {
      // Commas inside an uncounted container change no key path.
    } else if (char === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.isArray) top.index++;
      else if (top) top.expectingKey = true;
    }
    offset++;
  }
}

/** The key path of the innermost container; bounded, so that `[[[[…` a million deep costs each string little. */
function pathOf(stack: readonly Container[]): string {
  const from = Math.max(0, stack.length - MAX_PATH_DEPTH);
  let path = from > 0 ? "…" : "";
  for (let depth = from; depth < stack.length; depth++) {
    const container = stack[depth]!;
    if (container.isArray) path += `[${container.index}]`;
    else path += path ? `.${container.key}` : container.key;
  }
  return path;
}

function readString(text: string, quote: number, to: number): Omit<JsonString, "keyPath"> {
  const map = new OffsetMap().addLinear(0, quote + 1);
  const value = new Pieces();
  let runStart = quote + 1;
  let offset = quote + 1;
  let escaped = false;
  while (offset < to) {
    const char = text.charCodeAt(offset);
    if (char === 0x22) break;
    // A raw line break ends a string that was never closed (not JSON): stop there rather than swallow the file.
    if (char === 0x0a) break;
    if (char !== 0x5c /* \ */) {
      offset++;
      continue;
    }
    value.add(text.slice(runStart, offset));
    const { decoded, length } = decodeEscape(text, offset);
    map.addCollapsed(value.length, offset);
    value.add(decoded);
    offset += length;
    runStart = offset;
    map.addLinear(value.length, offset);
    escaped = true;
  }
  value.add(text.slice(runStart, offset));
  return { value: value.toString(), start: quote, end: Math.min(offset + 1, to), map, escaped };
}

function decodeEscape(text: string, backslash: number): { decoded: string; length: number } {
  const next = text.charAt(backslash + 1);
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { decoded: simple, length: 2 };
  if (next === "u") {
    const hex = text.slice(backslash + 2, backslash + 6);
    if (/^[0-9a-fA-F]{4}$/.test(hex))
      return { decoded: String.fromCharCode(Number.parseInt(hex, 16)), length: 6 };
  }
  // Not a JSON escape: keep the character after the backslash, as lenient parsers do.
  return { decoded: next, length: next ? 2 : 1 };
}

/**
 * Fragments for the string values of a JSON text, or of a JSON payload inside a larger text. Only values
 * with an escape: an unescaped value is character for character what the raw layer already matched, and
 * a large data file would otherwise cost a fragment per string. And only values with the characters to
 * hold a credential: a file of `"\n"` strings is all escapes and no candidate.
 */
export function* jsonStringFragments(
  source: SourceText,
  from = 0,
  to = source.text.length,
  notes?: readonly string[],
  leads?: readonly string[],
): Generator<Fragment> {
  for (const string of eachJsonString(source.text, from, to, mayHoldCredential)) {
    const keyPath = string.keyPath ? { keyPath: string.keyPath } : {};
    if (string.escaped)
      yield { source, text: string.value, layer: "json", map: string.map, ...keyPath, ...noted(notes) };
    // Base64 of a credential (a PEM key, a service account) stored as one string: decoded, collapsed onto it.
    const decoded = decodeBase64WithLead(string.value, leads);
    if (decoded === undefined) continue;
    const map = new OffsetMap().addCollapsed(0, string.start + 1, Math.max(string.start + 2, string.end - 1));
    const decodedNotes = [...(notes ?? []), "decoded from base64"];
    yield { source, text: decoded, layer: "decoded", map, ...keyPath, notes: decodedNotes };
  }
}

function noted(notes: readonly string[] | undefined): { notes?: readonly string[] } {
  return notes?.length ? { notes } : {};
}

/** The JSON extractor: `config.json`, `app.json`, `manifest.json` and friends. */
export function extractJsonStrings(source: SourceText, _kind: FileKind, hints?: ExtractHints): Extraction {
  return {
    fragments: jsonStringFragments(source, 0, source.text.length, undefined, hints?.leads),
    diagnostics: [],
  };
}
