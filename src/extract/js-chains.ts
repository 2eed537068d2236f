/**
 * `"…"+'…'+`…`+…` chains found in the text itself, without a parser: one left-to-right pass, no recursion,
 * so a 100,000-term chain costs a linear scan. Used where the parser is not: in files the parse gate skips
 * (a key split across literals has no other trace in the text), and for chains too deep for Babel's
 * recursive descent (about 10,000 terms overflow its stack).
 */
import { concatPieces, cookLiteral, type Piece } from "./js-strings.js";

export interface LiteralChain {
  start: number;
  end: number;
}

/** Four escapes in a row that spell printable ASCII (`\x6d\x62`, `\u006d`, `\155`): a hidden word, not a Unicode table. */
export const ESCAPED_ASCII_RUN = /(?:\\x[0-9a-fA-F]{2}|\\u00[0-9a-fA-F]{2}|\\[0-7]{2,3}){4}/;

/**
 * Chains of at least two quoted literals joined by `+` (and, with `escapedSingles`, lone literals that
 * hide text behind escapes); the scan re-synchronises at line ends.
 */
export function findLiteralChains(text: string, escapedSingles = false): LiteralChain[] {
  const chains: LiteralChain[] = [];
  let i = 0;
  while (i < text.length) {
    const quote = nextQuote(text, i);
    if (quote === -1) break;
    let end = literalEnd(text, quote);
    if (end === -1) {
      i = quote + 1;
      continue;
    }
    let terms = 1;
    for (;;) {
      const plus = skipSpace(text, end);
      if (text[plus] !== "+") break;
      const next = skipSpace(text, plus + 1);
      if (!isQuote(text[next])) break;
      const nextEnd = literalEnd(text, next);
      if (nextEnd === -1) break;
      end = nextEnd;
      terms++;
    }
    if (terms >= 2 || (escapedSingles && ESCAPED_ASCII_RUN.test(text.slice(quote, end))))
      chains.push({ start: quote, end });
    i = end;
  }
  return chains;
}

/** The folded value of a chain found by `findLiteralChains`, with its way back to every literal. */
export function foldLiteralChain(text: string, chain: LiteralChain): Piece {
  const pieces: Piece[] = [];
  let i = chain.start;
  while (i < chain.end) {
    const end = literalEnd(text, i);
    pieces.push(cookLiteral(text, i + 1, end - 1, text[i] === "`"));
    i = skipSpace(text, skipSpace(text, end) + 1);
  }
  return concatPieces(pieces);
}

/** `text` with every literal chain blanked to one string literal of the same length (offsets kept). */
export function compactLiteralChains(text: string): { text: string; chains: LiteralChain[] } {
  const chains = findLiteralChains(text);
  const parts: string[] = [];
  let cursor = 0;
  for (const chain of chains) {
    parts.push(text.slice(cursor, chain.start), `"${" ".repeat(chain.end - chain.start - 2)}"`);
    cursor = chain.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(""), chains };
}

function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'" || char === "`";
}

/** A character loop, not three `indexOf`s: those would rescan the rest of the file for the rarer quotes. */
function nextQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (isQuote(text[i])) return i;
  return -1;
}

/**
 * One past the closing quote of the literal opening at `start`, or -1 when it is not a constant: a
 * quoted string that a line end interrupts, or a template with a `${…}` hole.
 */
function literalEnd(text: string, start: number): number {
  const quote = text[start];
  const template = quote === "`";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return i + 1;
    if (c === "\\") i++;
    else if (template ? c === "$" && text[i + 1] === "{" : c === "\n" || c === "\r") return -1;
  }
  return -1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
    i++;
  return i;
}
