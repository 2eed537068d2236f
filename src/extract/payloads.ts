/**
 * Framework data payloads that keep a key away from its value, so a rule that knows a secret by its name
 * (`clientSecret`) never sees the two together in the text:
 * - SvelteKit's `__data.json` (devalue): `{"type":"data","data":[{"clientSecret":1,…},"<secret>",…]}`,
 *   where an object's values are indexes into the array it sits in;
 * - Astro island props: `<astro-island … props="{&quot;clientSecret&quot;:[0,&quot;<secret>&quot;]}">`,
 *   HTML entities around JSON whose every value is wrapped as `[type, value]`.
 * Each value that could be a credential becomes a fragment `key:"value"` (the form rules read in source),
 * mapped to where the value sits in the file and noted with the payload that ships it. Payloads are read
 * only where their signature occurs, and only up to `MAX_PAYLOAD_CHARS`.
 */
import type { FileKind } from "../model/types.js";
import { type Fragment, OffsetMap, type SourceText } from "./fragment.js";
import { eachJsonString, type JsonString } from "./json-strings.js";
import type { Extraction } from "./types.js";

const MAX_PAYLOAD_CHARS = 4 * 1024 * 1024;
/** A value worth naming: no spaces, 12 or more characters, letters and digits (as js-ast's CREDENTIAL_LIKE). */
const CREDENTIAL_LIKE = /^(?=[^\s]{0,4095}[0-9])(?=[^\s]{0,4095}[A-Za-z])[^\s]{12,4096}$/;
const KEY_NAME = /^[A-Za-z_$][\w$-]{0,64}$/;
/** devalue's signature: an array that opens with an object whose first value is an index. */
const DEVALUE_SIGNATURE = /\[\s{0,8}\{\s{0,8}"[^"\\]{1,64}"\s{0,8}:\s{0,8}-?\d{1,9}\s{0,8}[,}]/;
const DEVALUE_NOTE = "in SvelteKit page data (devalue), sent to the browser";
const ASTRO_NOTE = "prop of an Astro island, serialized into the page for every visitor";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parsed(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** A devalue array: its first element an object whose values are all indexes into it (or devalue's negative codes). */
function isDevalue(array: readonly Json[]): boolean {
  const head = array[0];
  if (array.length < 2 || !isObject(head)) return false;
  const values = Object.values(head);
  return (
    values.length > 0 && values.every((value) => Number.isInteger(value) && (value as number) < array.length)
  );
}

/**
 * Named fragments for the strings a devalue payload (SvelteKit's `__data.json`) refers to by index: the
 * string at `data[3]` under `{"clientSecret":3}` reads `clientSecret:"…"`, at the string's own place.
 */
export function devalueFragments(source: SourceText): Fragment[] {
  const text = source.text;
  if (text.length > MAX_PAYLOAD_CHARS || !DEVALUE_SIGNATURE.test(text)) return [];
  const root = parsed(text);
  if (root === undefined) return [];
  let strings: Map<string, JsonString> | undefined;
  const fragments: Fragment[] = [];
  const stack: { value: Json; path: string }[] = [{ value: root, path: "" }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (Array.isArray(value)) {
      if (isDevalue(value)) {
        strings ??= credentialStrings(text);
        for (const element of value) {
          if (!isObject(element)) continue;
          for (const [key, index] of Object.entries(element)) {
            if (typeof index !== "number" || !Number.isInteger(index) || index < 0) continue;
            const target = value[index];
            const string = strings.get(`${path}[${index}]`);
            if (typeof target !== "string" || !string || !CREDENTIAL_LIKE.test(target)) continue;
            fragments.push(
              named(source, key, target, string.start + 1, string.end - 1, !string.escaped, DEVALUE_NOTE),
            );
          }
        }
        continue;
      }
      value.forEach((element, index) => {
        stack.push({ value: element, path: `${path}[${index}]` });
      });
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value))
        stack.push({ value: child, path: path ? `${path}.${key}` : key });
    }
  }
  return fragments;
}

/** The payload's strings that could be named, by key path: only those, so `"\n"` filler costs nothing. */
function credentialStrings(text: string): Map<string, JsonString> {
  const strings = new Map<string, JsonString>();
  for (const string of eachJsonString(text, 0, text.length, (value) => CREDENTIAL_LIKE.test(value)))
    strings.set(string.keyPath, string);
  return strings;
}

const ISLAND_OPEN = "<astro-island";
const PROPS_ATTRIBUTE = /\sprops\s{0,4}=\s{0,4}"/y;
const ENTITIES: Readonly<Record<string, string>> = {
  quot: '"',
  amp: "&",
  lt: "<",
  gt: ">",
  apos: "'",
  "#39": "'",
};

/** `&quot;` and friends, and numeric references: what a browser hands the island as its props text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]{2,5}|#39);/g, (all, name: string) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name]!;
    if (name.startsWith("#x"))
      return String.fromCodePoint(Math.min(0x10ffff, Number.parseInt(name.slice(2), 16)));
    if (name.startsWith("#"))
      return String.fromCodePoint(Math.min(0x10ffff, Number.parseInt(name.slice(1), 10)));
    return all;
  });
}

function encodeEntities(text: string): string {
  return text.replace(
    /[&<>'"]/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&quot;" })[char]!,
  );
}

/** Named fragments for the string props of every Astro island in an HTML page. */
export function astroIslandFragments(source: SourceText): Fragment[] {
  const text = source.text;
  const fragments: Fragment[] = [];
  for (let open = text.indexOf(ISLAND_OPEN); open !== -1; open = text.indexOf(ISLAND_OPEN, open + 1)) {
    const tagEnd = text.indexOf(">", open);
    if (tagEnd === -1) break;
    const tag = text.slice(open, tagEnd);
    const at = tag.search(/\sprops\s{0,4}=/);
    if (at === -1) continue;
    PROPS_ATTRIBUTE.lastIndex = at;
    const attribute = PROPS_ATTRIBUTE.exec(tag);
    if (!attribute) continue;
    const start = open + at + attribute[0].length;
    const end = text.indexOf('"', start);
    if (end === -1 || end - start > MAX_PAYLOAD_CHARS) continue;
    const props = parsed(decodeEntities(text.slice(start, end)));
    if (!isObject(props)) continue;
    for (const [key, value] of astroStrings(props)) {
      if (!CREDENTIAL_LIKE.test(value)) continue;
      const encoded = encodeEntities(JSON.stringify(value).slice(1, -1));
      const found = text.indexOf(encoded, start);
      const inside = found !== -1 && found + encoded.length <= end;
      const from = inside ? found : start;
      const to = inside ? found + encoded.length : end;
      fragments.push(named(source, key, value, from, to, inside && encoded === value, ASTRO_NOTE));
    }
    open = tagEnd;
  }
  return fragments;
}

/**
 * `[key, string]` for every string prop, nested objects and arrays included. Astro wraps each value as
 * `[type, value]`: 0 a plain value (an object's members wrapped again), 1 an array of wrapped values.
 */
function astroStrings(props: { [key: string]: Json }): [string, string][] {
  const out: [string, string][] = [];
  const stack: [string, Json][] = Object.entries(props);
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [key, wrapped] = item;
    if (!Array.isArray(wrapped) || wrapped.length !== 2) continue;
    const [type, value] = wrapped;
    if (type === 0 && typeof value === "string") out.push([key, value]);
    else if (type === 0 && isObject(value)) stack.push(...Object.entries(value));
    else if (type === 1 && Array.isArray(value)) for (const element of value) stack.push([key, element]);
  }
  return out;
}

/**
 * `key:"value"`, the form rules read in source. The value maps character for character onto the file when
 * it is written there as it is (`linear`), else onto the whole span it was written as.
 */
function named(
  source: SourceText,
  key: string,
  value: string,
  start: number,
  end: number,
  linear: boolean,
  note: string,
): Fragment {
  const name = KEY_NAME.test(key) ? key : "value";
  const prefix = `${name}:"`;
  const map = new OffsetMap().addCollapsed(0, start, end);
  if (linear) map.addLinear(prefix.length, start);
  else map.addCollapsed(prefix.length, start, end);
  map.addCollapsed(prefix.length + value.length, end);
  return { source, text: `${prefix}${value}"`, layer: "json", map, keyPath: key, notes: [note] };
}

/** The extractor for JSON files: SvelteKit's `__data.json` and any other devalue payload. */
export function extractDevalue(source: SourceText, _kind: FileKind): Extraction {
  return { fragments: devalueFragments(source), diagnostics: [] };
}
