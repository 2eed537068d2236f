/**
 * Decoding of values that hide a credential from a text search: `atob("…")`, `Buffer.from("…", "base64")`
 * and string literals that are base64 of readable text. Bounded: at most `MAX_DECODE_DEPTH` layers and
 * `MAX_ENCODED_CHARS` of input, so a hostile file cannot make the scanner decode forever.
 */
import { collapsedPiece, type Piece } from "./js-strings.js";

export const MAX_DECODE_DEPTH = 2;
export const MAX_ENCODED_CHARS = 64 * 1024;
/** Shorter base64 literals cannot hold a credential worth decoding (and are often ids). */
const MIN_LITERAL_CHARS = 16;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** Text a person or a config wrote: printable ASCII and common whitespace, no control bytes. */
const READABLE = /^[\t\n\r\x20-\x7e]+$/;

export type Encoding = "base64" | "base64url" | "hex";

/** The decoded bytes as text, or undefined when `value` is not valid in `encoding`. */
export function decodeAs(value: string, encoding: Encoding): string | undefined {
  if (value.length === 0 || value.length > MAX_ENCODED_CHARS) return undefined;
  if (encoding === "hex") return HEX.test(value) ? Buffer.from(value, "hex").toString("latin1") : undefined;
  const pattern = encoding === "base64" ? BASE64 : BASE64URL;
  if (!pattern.test(value) || value.replace(/=+$/, "").length % 4 === 1) return undefined;
  return Buffer.from(value, encoding).toString("latin1");
}

/**
 * `decodeURIComponent` / `decodeURI` / `unescape` semantics over `%XX` (and `unescape`'s `%uXXXX`):
 * undefined when nothing is escaped or an escape is malformed (the call would throw at run time).
 */
export function decodePercent(value: string): string | undefined {
  if (value.length > MAX_ENCODED_CHARS || !value.includes("%")) return undefined;
  if (/%(?![0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/.test(value)) return undefined;
  return value.replace(
    /%u([0-9a-fA-F]{4})|((?:%[0-9a-fA-F]{2})+)/g,
    (_all, unit?: string, bytes?: string) => {
      if (unit !== undefined) return String.fromCharCode(Number.parseInt(unit, 16));
      const buffer = Buffer.from(bytes!.replace(/%/g, ""), "hex");
      const text = buffer.toString("utf8");
      return text.includes("\uFFFD") ? buffer.toString("latin1") : text;
    },
  );
}

/** `atob` semantics (base64 to a binary string), also accepting base64url as browsers' callers often do. */
export function decodeBase64(value: string): string | undefined {
  return decodeAs(value, "base64") ?? decodeAs(value, "base64url");
}

/**
 * A string literal that is base64 of readable text becomes a decoded piece, collapsed onto the literal's
 * whole span (so the encoded text is redacted with the secret); decoded text that is itself such base64 is unwrapped once more (depth 2).
 */
export function decodeLiteral(
  value: string,
  span: { start: number; end: number },
  depth = 1,
): Piece | undefined {
  if (depth > MAX_DECODE_DEPTH || value.length < MIN_LITERAL_CHARS || !/[0-9+/=_-]/.test(value))
    return undefined;
  const decoded = decodeBase64(value);
  if (decoded === undefined || !READABLE.test(decoded)) return undefined;
  return decodeLiteral(decoded, span, depth + 1) ?? collapsedPiece(decoded, span.start, "decoded", span.end);
}
