/**
 * Constant string values with the way back to the source: a `Piece` is a value's text plus anchors that
 * say where each run of its characters came from. Cooking a literal resolves every escape; folding and
 * decoding concatenate pieces. Anchors are relative to the piece, so concatenation only shifts them.
 */

import type { Layer } from "../model/types.js";
import { Pieces } from "../text/pieces.js";
import { OffsetMap } from "./fragment.js";

export interface Anchor {
  /** Offset in the piece's text. */
  at: number;
  /** Offset in the source text. */
  source: number;
  /** One-to-one from here on, or every character collapsed onto `source` (an escape, a decoded span). */
  linear: boolean;
  /** For a collapsed run: where the source text it came from ends (the end of an encoded literal). */
  sourceEnd?: number;
}

export interface Piece {
  text: string;
  anchors: Anchor[];
  layer: Extract<Layer, "string" | "folded" | "decoded">;
  /** Values that came through constant bindings (`${PREFIX}`, `CONFIG.prefix`): see js-constants.ts. */
  parts?: Part[];
  /** Where a value with `parts` was put together (the template, the `+` chain): where it is reported. */
  assembly?: { start: number; end: number };
}

/** A run of a piece's text that a constant binding supplied. */
export interface Part {
  /** The binding's name as the code wrote it: `PREFIX`, `CONFIG.prefix`. */
  name: string;
  /** The run in the piece's text. */
  at: number;
  end: number;
  /** Where the value was written in the source (its literal, or where it was itself assembled). */
  start: number;
  sourceEnd: number;
}

export function collapsedPiece(
  text: string,
  source: number,
  layer: Piece["layer"],
  sourceEnd?: number,
): Piece {
  const anchor: Anchor =
    sourceEnd === undefined ? { at: 0, source, linear: false } : { at: 0, source, linear: false, sourceEnd };
  return { text, anchors: [anchor], layer };
}

/** Joins pieces in order; the result is `folded` (or `decoded` when any part was decoded). */
export function concatPieces(pieces: readonly Piece[]): Piece {
  const texts: string[] = [];
  const anchors: Anchor[] = [];
  const parts: Part[] = [];
  let length = 0;
  let decoded = false;
  for (const piece of pieces) {
    for (const anchor of piece.anchors) anchors.push({ ...anchor, at: anchor.at + length });
    for (const part of piece.parts ?? [])
      parts.push({ ...part, at: part.at + length, end: part.end + length });
    texts.push(piece.text);
    length += piece.text.length;
    decoded ||= piece.layer === "decoded";
  }
  const layer = decoded ? "decoded" : "folded";
  return parts.length === 0
    ? { text: texts.join(""), anchors, layer }
    : { text: texts.join(""), anchors, layer, parts };
}

export function offsetMapOf(anchors: readonly Anchor[]): OffsetMap {
  const map = new OffsetMap();
  for (const anchor of anchors) {
    if (anchor.linear) map.addLinear(anchor.at, anchor.source);
    else map.addCollapsed(anchor.at, anchor.source, anchor.sourceEnd);
  }
  return map;
}

/** Source offsets of a piece's first character and one past its last. */
export function sourceSpan(piece: Piece): { start: number; end: number } {
  if (piece.assembly) return piece.assembly;
  const first = anchorAt(piece.anchors, 0);
  const start = first.linear ? first.source + (0 - first.at) : first.source;
  const lastOffset = Math.max(0, piece.text.length - 1);
  const last = anchorAt(piece.anchors, lastOffset);
  const end = last.linear ? last.source + (lastOffset - last.at) + 1 : (last.sourceEnd ?? last.source + 1);
  return { start, end: Math.max(start + 1, end) };
}

/** The anchor that `offset` of a piece falls under; a scan from the end, as only the ends are asked for. */
function anchorAt(anchors: readonly Anchor[], offset: number): Anchor {
  for (let i = anchors.length - 1; i >= 0; i--) if (anchors[i]!.at <= offset) return anchors[i]!;
  return anchors[0] ?? { at: 0, source: 0, linear: true };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
};
const HEX = /^[0-9a-fA-F]+$/;

/**
 * The cooked value of the literal body `text[start, end)` (between the quotes or backticks), with an
 * anchor per escape. `template`: a raw CR or CRLF cooks to LF, as in a template literal.
 */
/**
 * How many escapes in a row keep a position each. An escaped credential (`\x6d\x62\x5f…`, forty-odd
 * characters) is located to the character; past this, a run is one collapsed span.
 */
const MAX_ANCHORED_ESCAPES = 256;

export function cookLiteral(text: string, start: number, end: number, template: boolean): Piece {
  // Look inside the body only: an indexOf from `start` to the end of a file without backslashes would
  // make a file of many literals (a 10 MB template of 1.7M quasis) quadratic.
  const body = text.slice(start, end);
  if (!body.includes("\\") && !(template && body.includes("\r"))) {
    return {
      text: body,
      anchors: [{ at: 0, source: start, linear: true }],
      layer: "string",
    };
  }
  // Plain runs are sliced, not appended a character at a time (#14 case 12: cons strings per character).
  const out = new Pieces();
  const anchors: Anchor[] = [{ at: 0, source: start, linear: true }];
  let i = start;
  let run = start;
  let adjacentEscapes = 0;
  while (i < end) {
    const c = text[i]!;
    if (c === "\r" && template) {
      const next = text[i + 1] === "\n" ? i + 2 : i + 1;
      out.add(text.slice(run, i));
      anchors.push({ at: out.length, source: i, linear: false });
      out.add("\n");
      anchors.push({ at: out.length, source: next, linear: true });
      i = run = next;
      adjacentEscapes = 0;
      continue;
    }
    if (c !== "\\") {
      i++;
      continue;
    }
    adjacentEscapes = run === i ? adjacentEscapes + 1 : 1;
    out.add(text.slice(run, i));
    const cooked = cookEscape(text, i, end);
    if (adjacentEscapes > MAX_ANCHORED_ESCAPES) {
      // Deep in a long run of escapes: this one joins the collapsed anchor before it instead of adding
      // two anchors of its own (#14 case 12: a literal of a million `\x41` cost about 90 bytes per input
      // byte in anchors). A secret starting this deep in a run is located at the run's collapsed anchor,
      // and its span still covers the whole run, so redaction hides all of it.
      anchors.pop(); // the zero-width linear anchor the previous escape left
      anchors[anchors.length - 1]!.sourceEnd = cooked.next;
    } else {
      anchors.push({ at: out.length, source: i, linear: false });
    }
    out.add(cooked.value);
    anchors.push({ at: out.length, source: cooked.next, linear: true });
    i = run = cooked.next;
  }
  out.add(text.slice(run, end));
  return { text: out.toString(), anchors, layer: "string" };
}

/** One escape sequence starting at `text[i] === "\\"`: its value and where the next raw character is. */
function cookEscape(text: string, i: number, end: number): { value: string; next: number } {
  const c = text[i + 1] ?? "";
  if (c === "\r") return { value: "", next: text[i + 2] === "\n" ? i + 3 : i + 2 };
  if (c === "\n" || c === "\u2028" || c === "\u2029") return { value: "", next: i + 2 };
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { value: simple, next: i + 2 };
  if (c === "x") {
    const hex = text.slice(i + 2, i + 4);
    if (hex.length === 2 && HEX.test(hex))
      return { value: String.fromCharCode(Number.parseInt(hex, 16)), next: i + 4 };
  }
  if (c === "u") {
    if (text[i + 2] === "{") {
      const close = text.indexOf("}", i + 3);
      const hex = close === -1 || close > Math.min(end, i + 12) ? "" : text.slice(i + 3, close);
      const code = hex !== "" && HEX.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
      if (code <= 0x10ffff) return { value: String.fromCodePoint(code), next: close + 1 };
    } else {
      const hex = text.slice(i + 2, i + 6);
      if (hex.length === 4 && HEX.test(hex))
        return { value: String.fromCharCode(Number.parseInt(hex, 16)), next: i + 6 };
    }
  }
  // Legacy octal (`\0`, `\101`) in sloppy-mode strings: up to three digits below 256.
  const octal = /^[0-3]?[0-7]{1,2}/.exec(text.slice(i + 1, Math.min(end, i + 4)));
  if (octal) {
    return { value: String.fromCharCode(Number.parseInt(octal[0], 8)), next: i + 1 + octal[0].length };
  }
  // Any other escaped character stands for itself (`\"`, `\'`, `\\`, `` \` ``, `\$`).
  const codePoint = text.codePointAt(i + 1);
  const char = codePoint === undefined ? "" : String.fromCodePoint(codePoint);
  return { value: char, next: i + 1 + char.length };
}
