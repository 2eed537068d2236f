/**
 * `"…"+"…"+…` chains found in the text itself, without a parser. Only used when a chain is too deep for
 * Babel's recursive descent (about 10,000 terms overflow the stack): one left-to-right pass, no
 * recursion, so a 100,000-term chain costs a linear scan.
 */
import { concatPieces, cookLiteral, type Piece } from "./js-strings.js";

export interface LiteralChain {
  start: number;
  end: number;
}

/** Chains of at least two quoted literals joined by `+`; the scan re-synchronises at line ends. */
export function findLiteralChains(text: string): LiteralChain[] {
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
      if (text[next] !== '"' && text[next] !== "'") break;
      const nextEnd = literalEnd(text, next);
      if (nextEnd === -1) break;
      end = nextEnd;
      terms++;
    }
    if (terms >= 2) chains.push({ start: quote, end });
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
    pieces.push(cookLiteral(text, i + 1, end - 1, false));
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

/** A character loop, not two `indexOf`s: those would rescan the rest of the file for the rarer quote. */
function nextQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === '"' || text[i] === "'") return i;
  return -1;
}

/** One past the closing quote of the literal opening at `start`, or -1 when the line ends first. */
function literalEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return i + 1;
    if (c === "\\") i++;
    else if (c === "\n" || c === "\r") return -1;
  }
  return -1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
    i++;
  return i;
}
