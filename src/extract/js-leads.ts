/**
 * Evidence, not idioms: where in a JavaScript text the parser can pay. A file goes to Babel (about 1 MB/s,
 * a tree about 150 times the text) only around a lead, a place where a code-shape rule's keyword occurs or
 * a credential can come out of folding or decoding. Library idioms that merely look like hiding
 * (`String.fromCharCode` tables, `[…].join("")` of markup, `-----BEGIN CERTIFICATE`, an SDK's own
 * `secretAccessKey: e.secretAccessKey`) are read for what they hold, at lexer speed:
 * - a credential start (a rule's `leads`) counts where its literal can still become the credential
 *   (`"-----BEGIN " + type`, `"mb_sk_live_" + x`), judged by the rule itself (match/evidence.ts);
 * - escapes, char codes and joined arrays count when what they spell holds a piece of a lead or a rule's
 *   keyword; a joined array of literals only is folded here and never needs the parser;
 * - base64 of a lead at each of its three alignments counts as it is;
 * - a name a rule reads (`client_secret`) counts when its value is a constant the raw text cannot show
 *   (a `+` chain, escapes, `atob(…)`), not when it is another name or a template with code in it;
 * - a keyword at the end of a literal (`"Bearer " + token`) counts when code, not a literal, follows.
 * Every check reads a bounded neighbourhood of its match, so the whole search is one linear pass.
 */
import { escapeRegExp } from "../text/regexp.js";
import { base64Forms, encodedLeadForms } from "./encoded-leads.js";

export { base64Forms };

import type { SourceText } from "./fragment.js";
import { cookLiteral } from "./js-strings.js";
import type { EvidenceHints, ExtractHints, LeadSpec } from "./types.js";

/** A `[…].join("")` whose elements are all literals: bodies between the quotes, in order. */
export interface LiteralJoin {
  start: number;
  end: number;
  elements: { start: number; end: number; template: boolean }[];
}

export interface Leads {
  /** Offsets of evidence, ascending (at most MAX_LEADS: past that, the file is evidence throughout). */
  at: number[];
  /** Joined arrays of literals, folded without the parser. */
  joins: LiteralJoin[];
}

export const MAX_LEADS = 512;
/** How far a check reads from its match: a literal, an argument list, a value. */
const REACH = 512;
const MAX_JOIN_REACH = 4096;

interface Scanner {
  regex: RegExp;
  /** The keyword group's keywords, lower case, longest first. */
  keywords: readonly string[];
  /** Every alternative but the keywords, as regex source. */
  others: string;
  /** Literal starts, one of which every match of `others` begins with (case-insensitively). */
  starts: readonly string[];
  evidence: EvidenceHints;
  /** Three-character pieces of the leads (with a letter or digit), and the leads themselves. */
  fragments: readonly string[];
  shape: ReadonlySet<string>;
  names: ReadonlySet<string>;
  words: ReadonlySet<string>;
  /** The first three characters of every lead, lower case. */
  leadStarts: ReadonlySet<string>;
}

const NAME_SUFFIX = /(?:\\{0,3}["'`])?[ \t]{0,4}(?:=>|[:=])(?!=)/y;
const WORD_SUFFIX = /[ \t]{0,4}["'`]\s{0,4}(?:\+|\.concat\()/y;

/**
 * A keyword hit: a code-shape rule's keyword is evidence as it is; a name a rule reads counts before a
 * foldable value; a word a credential starts with or follows counts at the end of a literal that code
 * (not another literal, which the parser-free pass folds) is appended to.
 */
function keywordEvidence(text: string, at: number, keyword: string, scanner: Scanner): boolean {
  if (scanner.shape.has(keyword)) return true;
  const after = at + keyword.length;
  if (scanner.names.has(keyword)) {
    NAME_SUFFIX.lastIndex = after;
    if (NAME_SUFFIX.test(text) && foldableValue(text, NAME_SUFFIX.lastIndex)) return true;
  }
  if (scanner.words.has(keyword)) {
    WORD_SUFFIX.lastIndex = after;
    if (WORD_SUFFIX.test(text)) {
      if (text[WORD_SUFFIX.lastIndex - 1] === "(") return true;
      const next = skipSpace(text, WORD_SUFFIX.lastIndex);
      return next < text.length && !isQuote(text[next]!);
    }
  }
  return false;
}

const scanners = new WeakMap<ExtractHints, Scanner>();

export function findLeads(text: string, hints: ExtractHints): Leads {
  const scanner = scannerFor(hints);
  const collector = new LeadCollector(text, scanner);
  const regex = scanner.regex;
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0].length === 0) regex.lastIndex++;
    collector.add(match.index, match[0], match.groups!);
    if (collector.full) break;
  }
  return collector.leads;
}

/**
 * Reads each hit of the evidence search (`found` at `at`, with the search's named groups) for what it
 * is. Fed by findLeads, or by the one search of a whole file (match/file-search.ts) that looks for the
 * prefilter's keywords in the same pass.
 */
export class LeadCollector {
  readonly leads: Leads = { at: [], joins: [] };

  constructor(
    private readonly text: string,
    private readonly scanner: Scanner,
  ) {}

  /** Past MAX_LEADS the file is evidence throughout: no need to read further. */
  get full(): boolean {
    return this.leads.at.length >= MAX_LEADS;
  }

  add(at: number, found: string, groups: Record<string, string | undefined>): void {
    const { text, scanner, leads } = this;
    if (groups.join !== undefined) {
      const join = literalJoin(text, at);
      if (join && join.elements.length > 0) leads.joins.push(join);
      else if (!join && holdsFragment(literalsBefore(text, at), scanner)) leads.at.push(at);
    } else if (isEvidence(text, at, groups, found, scanner)) leads.at.push(at);
  }
}

/**
 * The evidence search in parts, for a caller that runs it inside a larger alternation: its keywords
 * (lower case, longest first: the `keyword` group), the rest of its alternatives as regex source (named
 * groups), and those alternatives alone as a sticky regex, to ask what the search would find at a
 * position where a longer keyword of the caller's won the alternation.
 */
export interface EvidenceSearch {
  keywords: readonly string[];
  others: string;
  /** Literal starts, one of which every match of `others` begins with (case-insensitively). */
  starts: readonly string[];
  othersAt: RegExp;
  collector(text: string): LeadCollector;
}

export function evidenceSearch(hints: ExtractHints): EvidenceSearch {
  const scanner = scannerFor(hints);
  return {
    keywords: scanner.keywords,
    others: scanner.others,
    starts: scanner.starts,
    othersAt: new RegExp(scanner.others || "(?!)", "iy"),
    collector: (text) => new LeadCollector(text, scanner),
  };
}

/** Leads already found by the one search of a file (engine/extract.ts), read by extractJs. */
const searched = new WeakMap<SourceText, Leads>();

export function rememberLeads(source: SourceText, leads: Leads): void {
  searched.set(source, leads);
}

export function leadsOf(source: SourceText, hints: ExtractHints): Leads {
  return searched.get(source) ?? findLeads(source.text, hints);
}

function isEvidence(
  text: string,
  at: number,
  groups: Record<string, string | undefined>,
  found: string,
  scanner: Scanner,
): boolean {
  if (groups.b64 !== undefined || groups.enc !== undefined) return true;
  if (groups.keyword !== undefined) {
    const keyword = found.toLowerCase();
    if (keywordEvidence(text, at, keyword, scanner)) return true;
    // A keyword that is also a lead (`mb_sk_live_`) wins the alternation: read it as a lead too.
    return scanner.leadStarts.has(keyword.slice(0, 3)) && leadAt(text, at, scanner);
  }
  // A lead starts a credential, so no word character before it; tested here rather than by a look-behind,
  // which the regex engine would evaluate at every position of the file.
  if (groups.head !== undefined) return leadAt(text, at, scanner);
  if (groups.esc !== undefined) {
    return holdsFragment(cookLiteral(text, at, literalEnd(text, at), false).text, scanner);
  }
  if (groups.chars !== undefined) return holdsFragment(charCodes(text, at + found.length), scanner);
  return false;
}

function leadAt(text: string, at: number, scanner: Scanner): boolean {
  return !isWordChar(text[at - 1]) && leadCanComeOut(text, at, scanner);
}

/**
 * A lead counts where its literal can still become the credential (split off, the rest supplied by code),
 * or holds it whole only once its escapes are cooked; a whole credential as written the raw pass reads.
 */
function leadCanComeOut(text: string, at: number, scanner: Scanner): boolean {
  const end = literalEnd(text, at);
  const rest = text.slice(at, end);
  const value = rest.includes("\\") ? cookLiteral(text, at, end, false).text : rest;
  return scanner.evidence.leads.some((spec) => {
    if (!startsAlike(value, spec)) return false;
    if (spec.matches(value)) return value !== rest;
    return spec.canBecome(value);
  });
}

function scannerFor(hints: ExtractHints): Scanner {
  let scanner = scanners.get(hints);
  if (scanner) return scanner;
  const evidence = hints.evidence ?? { leads: [], names: [], words: [] };
  const leads = evidence.leads.map((spec) => spec.lead);
  // One alternation for every keyword (shape, name, word), longest first; what follows a hit is read in
  // code, so the file is searched for these literals once.
  const shape = new Set(hints.shapeKeywords.map((keyword) => keyword.toLowerCase()));
  const keywords = [...new Set([...shape, ...evidence.names, ...evidence.words])].sort(
    (a, b) => b.length - a.length || (a < b ? -1 : 1),
  );
  const heads = leads.map(head);
  const b64 = leads.flatMap(base64Forms);
  // Percent, hex and reversed forms (`%6d%62%5f%73`, `6d625f73`, `_ks_bm`): decoded by fold.ts.
  const enc = encodedLeadForms(leads);
  const escapes = escapesOf(leads);
  const others = [
    group("head", heads.map(escapeRegExp)),
    group("esc", escapes),
    group("chars", ["fromCharCode(?:\\(|\\.apply\\()"]),
    group("b64", b64.map(escapeRegExp)),
    group("enc", enc.map(escapeRegExp)),
    group("join", ["\\]\\s{0,4}\\.join\\(\\s{0,4}(?:\"\"|''|``)\\s{0,4}\\)"]),
  ].filter((alternative) => alternative !== "");
  const alternatives = [group("keyword", keywords.map(escapeRegExp)), ...others].filter(
    (alternative) => alternative !== "",
  );
  const fragments = new Set<string>();
  for (const lead of leads) {
    fragments.add(lead);
    for (let i = 0; i + 3 <= lead.length; i++) {
      const piece = lead.slice(i, i + 3);
      if (/[A-Za-z0-9]/.test(piece)) fragments.add(piece);
    }
  }
  for (const word of evidence.words) fragments.add(word);
  scanner = {
    regex: new RegExp(alternatives.join("|"), "gi"),
    keywords,
    others: others.join("|"),
    // How each of the other alternatives starts: escapes with a backslash, joins with `]`.
    starts: [...heads, ...b64, ...enc, ...(escapes.length ? ["\\"] : []), "fromcharcode", "]"],
    evidence,
    fragments: [...fragments],
    shape,
    names: new Set(evidence.names),
    words: new Set(evidence.words),
    leadStarts: new Set(leads.map((lead) => lead.slice(0, 3).toLowerCase())),
  };
  scanners.set(hints, scanner);
  return scanner;
}

function group(name: string, alternatives: readonly string[]): string {
  return alternatives.length === 0 ? "" : `(?<${name}>${alternatives.join("|")})`;
}

/**
 * The start of a lead the search looks for (`mb_sk_`, `-----B`, `github`): six characters, so that
 * everyday words (`git`, `hooks`) are not hits; a lead split inside them is a literal chain, which the
 * parser-free pass folds.
 */
function head(lead: string): string {
  return lead.slice(0, 6);
}

function startsAlike(rest: string, spec: LeadSpec): boolean {
  const length = Math.min(rest.length, spec.lead.length);
  return rest.slice(0, length) === spec.lead.slice(0, length);
}

/** A lead's first character written as an escape, followed by another escape: `\x6d\x`, `\u006d\u`, `\155\`. */
function escapesOf(leads: readonly string[]): string[] {
  const codes = [...new Set(leads.map((lead) => lead.charCodeAt(0)))];
  const hex = codes.map((code) => code.toString(16).padStart(2, "0"));
  const octal = codes.map((code) => code.toString(8));
  if (codes.length === 0) return [];
  return [
    `\\\\x(?:${hex.join("|")})\\\\`,
    `\\\\u00(?:${hex.join("|")})\\\\`,
    `\\\\(?:${octal.join("|")})\\\\`,
  ];
}

/** Where the literal (or line) that `at` is in ends: a quote, a backtick, a line end or `${`, within REACH. */
function literalEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + REACH);
  for (let i = at; i < limit; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"' || c === "'" || c === "`" || c === "\n" || c === "\r") return i;
    else if (c === "$" && text[i + 1] === "{") return i;
  }
  return limit;
}

function holdsFragment(value: string, scanner: Scanner): boolean {
  if (value.length < 2) return false;
  const lower = value.toLowerCase();
  for (const spec of scanner.evidence.leads) if (spec.lead.startsWith(value)) return true;
  return scanner.fragments.some((fragment) => value.includes(fragment) || lower.includes(fragment));
}

/** The text `String.fromCharCode(…)` spells when its arguments are numbers (`…[…]` and `.apply(x, […])` too). */
function charCodes(text: string, from: number): string {
  const limit = Math.min(text.length, from + 4 * REACH);
  const list = /^\s*(?:\.\.\.\s*\[|[\w$.]+\s*,\s*\[)?([\s\d,xXa-fA-F]*)[\])]/.exec(text.slice(from, limit));
  if (!list) return "";
  let out = "";
  for (const item of list[1]!.split(",")) {
    const trimmed = item.trim();
    if (trimmed === "") continue;
    const code = /^0x/i.test(trimmed) ? Number.parseInt(trimmed.slice(2), 16) : Number(trimmed);
    if (!Number.isInteger(code) || code < 0 || code > 0xffff) return "";
    out += String.fromCharCode(code);
  }
  return out;
}

/** After `name:` or `name =`: a constant that only folding or decoding can read. */
function foldableValue(text: string, from: number): boolean {
  const at = skipSpace(text, from);
  const rest = text.slice(at, at + 24);
  if (/^(?:atob|String\.fromCharCode|Buffer\.from|decodeURIComponent|unescape)\b|^\[/.test(rest)) return true;
  const quote = text[at];
  if (quote === undefined || !isQuote(quote)) return false;
  const end = literalEnd(text, at + 1);
  const body = text.slice(at + 1, end);
  if (body.includes("\\")) return true;
  if (text[end] !== quote) return false;
  const after = skipSpace(text, end + 1);
  return text[after] === "+" || text.startsWith(".concat(", after);
}

/** The literals of a `[…]` that ends just before `at` (`]`), when every element is one; undefined otherwise. */
function literalJoin(text: string, at: number): LiteralJoin | undefined {
  const elements: LiteralJoin["elements"] = [];
  const floor = Math.max(0, at - MAX_JOIN_REACH);
  let i = skipSpaceBack(text, at - 1);
  if (text[i] === ",") i = skipSpaceBack(text, i - 1); // a trailing comma
  for (;;) {
    if (i < floor) return undefined;
    if (text[i] === "[" && elements.length === 0) return undefined;
    const quote = text[i];
    if (quote === undefined || !isQuote(quote)) return undefined;
    const open = openingQuote(text, i, quote, floor);
    if (open === -1) return undefined;
    if (quote === "`" && text.slice(open, i).includes("${")) return undefined;
    elements.push({ start: open + 1, end: i, template: quote === "`" });
    i = skipSpaceBack(text, open - 1);
    if (text[i] === "[") break;
    if (text[i] !== ",") return undefined;
    i = skipSpaceBack(text, i - 1);
  }
  elements.reverse();
  const end = text.indexOf(")", at) + 1;
  return { start: i, end, elements };
}

/** The literal texts of the `[…]` before `at`, whatever else it holds, for a join with code in it. */
function literalsBefore(text: string, at: number): string {
  const window = text.slice(Math.max(0, at - MAX_JOIN_REACH), at);
  const body = window.slice(window.lastIndexOf("[") + 1);
  return [...body.matchAll(/"([^"\\\n]{0,200})"|'([^'\\\n]{0,200})'/g)].map((m) => m[1] ?? m[2]).join("");
}

/** The opening quote of the literal whose closing quote is at `close` (not escaped), or -1. */
function openingQuote(text: string, close: number, quote: string, floor: number): number {
  for (let i = close - 1; i >= floor; i--) {
    const c = text[i];
    if (c === "\n" && quote !== "`") return -1;
    if (c !== quote) continue;
    let backslashes = 0;
    while (text[i - 1 - backslashes] === "\\") backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

function isQuote(char: string): boolean {
  return char === '"' || char === "'" || char === "`";
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function skipSpaceBack(text: string, from: number): number {
  let i = from;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_]/.test(char);
}
