/**
 * The JavaScript inside HTML-like files: inline `<script>` of .html, the `<script>` blocks of .vue and
 * .svelte files, and an .astro file's frontmatter and scripts. Everything outside the scripts is blanked
 * (newlines kept), so the parser's offsets are the file's offsets and findings land on the right line.
 * JSON payloads in `<script type="application/json">` (Next's `__NEXT_DATA__`, Nuxt's `__NUXT_DATA__`) are
 * data, not code: their string values are cooked as JSON, with key paths, for the value rules.
 */
import type { FileKind } from "../model/types.js";
import type { Fragment, SourceText } from "./fragment.js";
import { extractParsed, worthParsing } from "./js-ast.js";
import { jsonStringFragments } from "./json-strings.js";
import { astroIslandFragments } from "./payloads.js";
import type { ExtractHints, Extraction } from "./types.js";

interface Block {
  start: number;
  end: number;
  typescript: boolean;
}

const SCRIPT_OPEN = /<script\b/gi;
/** The longest attribute list read; a tag with more before its `>` is not taken for a script. */
const MAX_ATTRIBUTES = 2000;
const SCRIPT_CLOSE = /<\/script\s{0,16}>/gi;
const TYPE_ATTRIBUTE = /\btype\s{0,4}=\s{0,4}["']?(?<type>[^"'\s>]{0,100})/i;
const LANG_TS = /\blang\s{0,4}=\s{0,4}["']?tsx?\b/i;
const JS_TYPES = /^(?:module|(?:text|application)\/(?:java|ecma)script|text\/(?:babel|jsx|typescript))$/i;
const JSON_TYPES = /^application\/(?:[a-z.+-]{0,40}\+)?json$/i;
const ELEMENT_ID = /\bid\s{0,4}=\s{0,4}["']?(?<id>[^"'\s>]{1,100})/i;
const ASTRO_FRONTMATTER = /^\s{0,200}---[ \t]{0,16}\r?\n/;

interface ScriptElement {
  start: number;
  end: number;
  attributes: string;
  type?: string;
}

/**
 * Every non-empty `<script>` element's body, with its attributes. The `>` that ends a tag is looked up
 * once and shared by every `<script` before it: reading each tag's attributes afresh made a flood of
 * `<script` with no `>` cost 2,000 steps per tag, 4 s per MB (#14 case 22).
 */
function scriptElements(text: string, from: number): ScriptElement[] {
  const elements: ScriptElement[] = [];
  let tagEnd = -1;
  SCRIPT_OPEN.lastIndex = from;
  for (let open = SCRIPT_OPEN.exec(text); open !== null; open = SCRIPT_OPEN.exec(text)) {
    const afterName = open.index + open[0].length;
    if (tagEnd < afterName) tagEnd = text.indexOf(">", afterName);
    if (tagEnd === -1) break;
    if (tagEnd - afterName > MAX_ATTRIBUTES) continue;
    const attributes = text.slice(afterName, tagEnd);
    const start = tagEnd + 1;
    SCRIPT_CLOSE.lastIndex = start;
    const close = SCRIPT_CLOSE.exec(text);
    const end = close ? close.index : text.length;
    SCRIPT_OPEN.lastIndex = close ? close.index + close[0].length : text.length;
    if (attributes.endsWith("/") || end <= start) continue;
    const type = TYPE_ATTRIBUTE.exec(attributes)?.groups?.type;
    elements.push({ start, end, attributes, ...(type === undefined ? {} : { type }) });
  }
  return elements;
}

export function findScriptBlocks(text: string, path: string): Block[] {
  const blocks: Block[] = [];
  const frontmatter = path.endsWith(".astro") ? ASTRO_FRONTMATTER.exec(text) : null;
  if (frontmatter) {
    const start = frontmatter[0].length;
    const close = text.indexOf("\n---", start);
    if (close !== -1) blocks.push({ start, end: close, typescript: true });
  }
  for (const element of scriptElements(text, blocks[0]?.end ?? 0)) {
    if (element.type !== undefined && !JS_TYPES.test(element.type)) continue;
    blocks.push({
      start: element.start,
      end: element.end,
      typescript:
        LANG_TS.test(element.attributes) || path.endsWith(".astro") || element.type === "text/typescript",
    });
  }
  return blocks;
}

/** `<script type="application/json">` and `application/ld+json` payloads, serialised into every page. */
export function findJsonPayloads(text: string): ScriptElement[] {
  return scriptElements(text, 0).filter(
    (element) => element.type !== undefined && JSON_TYPES.test(element.type),
  );
}

/** `text` with everything outside `blocks` replaced by spaces, line breaks kept. */
export function maskOutside(text: string, blocks: readonly Block[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const block of blocks) {
    parts.push(blank(text.slice(cursor, block.start)), text.slice(block.start, block.end));
    cursor = block.end;
  }
  parts.push(blank(text.slice(cursor)));
  return parts.join("");
}

/**
 * Spaces for every character but line breaks, written into one buffer: a replacement per character (or
 * per line) cost a second per MB in allocations.
 */
function blank(text: string): string {
  const bytes = Buffer.alloc(text.length, 0x20);
  for (const lineBreak of ["\n", "\r"])
    for (let at = text.indexOf(lineBreak); at !== -1; at = text.indexOf(lineBreak, at + 1))
      bytes[at] = lineBreak.charCodeAt(0);
  return bytes.toString("latin1");
}

export function extractScriptBlocks(source: SourceText, _kind: FileKind, hints: ExtractHints): Extraction {
  const payloads = chain(jsonPayloadFragments(source, hints.leads), astroIslandFragments(source));
  const blocks = findScriptBlocks(source.text, source.path);
  if (blocks.length === 0) return { fragments: payloads, diagnostics: [] };
  const masked = maskOutside(source.text, blocks);
  if (!worthParsing(masked, hints)) return { fragments: payloads, diagnostics: [] };
  const parsed = extractParsed(source, masked, blocks.some((block) => block.typescript) ? "ts" : "js", hints);
  return { ...parsed, fragments: chain(payloads, parsed.fragments) };
}

function* chain<T>(...lists: Iterable<T>[]): Generator<T> {
  for (const list of lists) yield* list;
}

/** Cooked string values of the page's JSON payloads (one at a time), noted with the payload that ships them. */
function* jsonPayloadFragments(source: SourceText, leads?: readonly string[]): Generator<Fragment> {
  for (const payload of findJsonPayloads(source.text)) {
    const id = ELEMENT_ID.exec(payload.attributes)?.groups?.id;
    const note = `in the page's JSON payload${id ? ` (${id})` : ""}, served to every visitor`;
    yield* jsonStringFragments(source, payload.start, payload.end, [note], leads);
  }
}
