/**
 * The JavaScript inside HTML-like files: inline `<script>` of .html, the `<script>` blocks of .vue and
 * .svelte files, and an .astro file's frontmatter and scripts. Everything outside the scripts is blanked
 * (newlines kept), so the parser's offsets are the file's offsets and findings land on the right line.
 * JSON payloads in `<script type="application/json">` are data, not code: another extractor reads them.
 */
import type { FileKind } from "../types.js";
import type { SourceText } from "./fragment.js";
import type { ExtractHints, Extraction } from "./index.js";
import { extractParsed, worthParsing } from "./js-ast.js";

interface Block {
  start: number;
  end: number;
  typescript: boolean;
}

const SCRIPT_OPEN = /<script\b(?<attributes>[^>]{0,2000})>/gi;
const SCRIPT_CLOSE = /<\/script\s{0,16}>/gi;
const TYPE_ATTRIBUTE = /\btype\s{0,4}=\s{0,4}["']?(?<type>[^"'\s>]{0,100})/i;
const LANG_TS = /\blang\s{0,4}=\s{0,4}["']?tsx?\b/i;
const JS_TYPES = /^(?:module|(?:text|application)\/(?:java|ecma)script|text\/(?:babel|jsx|typescript))$/i;
const ASTRO_FRONTMATTER = /^\s{0,200}---[ \t]{0,16}\r?\n/;

export function findScriptBlocks(text: string, path: string): Block[] {
  const blocks: Block[] = [];
  const frontmatter = path.endsWith(".astro") ? ASTRO_FRONTMATTER.exec(text) : null;
  if (frontmatter) {
    const start = frontmatter[0].length;
    const close = text.indexOf("\n---", start);
    if (close !== -1) blocks.push({ start, end: close, typescript: true });
  }
  SCRIPT_OPEN.lastIndex = blocks[0]?.end ?? 0;
  for (let open = SCRIPT_OPEN.exec(text); open !== null; open = SCRIPT_OPEN.exec(text)) {
    const attributes = open.groups?.attributes ?? "";
    const start = open.index + open[0].length;
    SCRIPT_CLOSE.lastIndex = start;
    const close = SCRIPT_CLOSE.exec(text);
    const end = close ? close.index : text.length;
    SCRIPT_OPEN.lastIndex = close ? close.index + close[0].length : text.length;
    const type = TYPE_ATTRIBUTE.exec(attributes)?.groups?.type;
    if (type !== undefined && !JS_TYPES.test(type)) continue;
    if (attributes.endsWith("/") || end <= start) continue;
    blocks.push({
      start,
      end,
      typescript: LANG_TS.test(attributes) || path.endsWith(".astro") || type === "text/typescript",
    });
  }
  return blocks;
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

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, " ");
}

export function extractScriptBlocks(source: SourceText, _kind: FileKind, hints: ExtractHints): Extraction {
  const blocks = findScriptBlocks(source.text, source.path);
  const masked = maskOutside(source.text, blocks);
  if (blocks.length === 0 || !worthParsing(masked, hints)) return { fragments: [], diagnostics: [] };
  return extractParsed(source, masked, blocks.some((block) => block.typescript) ? "ts" : "js");
}
