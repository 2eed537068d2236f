/**
 * Parse the neighbourhood, not the file: for a large file with leads (js-leads.ts), the bounded pieces of
 * code around them that the parser is given instead of the whole bundle. One forward pass of a cheap
 * lexer (strings, templates, comments, regular expressions, brackets; no tree) finds, for each lead:
 * - the statement it is in, cut at `;` or at the braces of the block that holds it (`statement`);
 * - the outermost bracketed expression around it that still fits (`frame`): an object literal, an
 *   argument list, an array, a block; the fallback when the statement is too large or does not parse.
 * Both are cut at token boundaries, so a window parses on its own. The pass is linear in the file and
 * keeps only the open brackets and the leads still waiting for their statement's end.
 */

/** Files above this many characters are parsed in windows; smaller ones whole (cheap, and the shapes need it). */
export const WINDOW_FILE_CHARS = 256 * 1024;
/** A window larger than this is not parsed (its frame, if smaller, is). */
export const MAX_WINDOW_CHARS = 64 * 1024;
/** At most this many characters of one file are parsed in windows. */
export const PARSE_BUDGET_CHARS = 1024 * 1024;

export interface Span {
  start: number;
  end: number;
}

export interface LeadWindow {
  lead: number;
  /** The statement around the lead, when it fits. */
  statement?: Span;
  /** The largest bracketed expression around the lead that fits: `{…}`, `(…)` or `[…]`, brackets included. */
  frame?: Span & { bracket: "{" | "(" | "[" };
}

interface Frame {
  open: number;
  bracket: number;
  /** Where the current statement at this depth started (after the bracket or the last `;`). */
  statementStart: number;
}

interface Pending {
  window: LeadWindow;
  statementStart: number;
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const SLASH = 47;
const BACKSLASH = 92;
const BACKTICK = 96;
const DOLLAR = 36;
const SEMICOLON = 59;
const NEWLINE = 10;
const CR = 13;
/** Marks a `${` frame inside a template literal. */
const TEMPLATE_HOLE = -1;
/** After these words a `/` starts a regular expression, not a division. */
const BEFORE_REGEX_WORDS = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "instanceof",
  "yield",
  "await",
]);

/** The windows of `leads` (ascending offsets) in `text`. */
export function leadWindows(text: string, leads: readonly number[]): LeadWindow[] {
  const windows: LeadWindow[] = [];
  const stack: Frame[] = [{ open: -1, bracket: OPEN_BRACE, statementStart: 0 }];
  // Leads waiting for the end of their statement, by the depth of the block that holds it.
  const pending = new Map<number, Pending[]>();
  const framesOf = new Map<LeadWindow, Frame[]>();
  const closes = new Map<number, number>();
  const wanted = new Set<number>();
  let next = 0;
  let lastSignificant = 0; // char code of the last token's last character (0: start)
  let lastWord = "";
  const length = text.length;

  const reach = (at: number) => {
    while (next < leads.length && leads[next]! < at) {
      const lead = leads[next++]!;
      const window: LeadWindow = { lead };
      windows.push(window);
      const frames = stack.slice(1);
      for (const frame of frames) wanted.add(frame.open);
      framesOf.set(window, frames);
      // The statement is counted at the innermost block (or the top level), not inside `(…)`, `[…]` or an
      // object literal (whose `key: value` would parse as a label and lose the object).
      let depth = stack.length - 1;
      while (depth > 0 && !(stack[depth]!.bracket === OPEN_BRACE && opensBlock(text, stack[depth]!.open)))
        depth--;
      const list = pending.get(depth) ?? [];
      if (list.length === 0) pending.set(depth, list);
      list.push({ window, statementStart: stack[depth]!.statementStart });
    }
  };

  const endStatements = (depth: number, end: number) => {
    const list = pending.get(depth);
    if (list === undefined) return;
    for (const item of list) {
      if (end - item.statementStart <= MAX_WINDOW_CHARS)
        item.window.statement = { start: item.statementStart, end };
    }
    pending.delete(depth);
  };

  let i = 0;
  while (i < length) {
    reach(i);
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === NEWLINE || c === CR) {
      i++;
      continue;
    }
    if (c === 34 || c === 39) {
      i = stringEnd(text, i, c);
      lastSignificant = c;
      lastWord = "";
      continue;
    }
    if (c === BACKTICK) {
      i = templateEnd(text, i + 1, stack);
      lastSignificant = BACKTICK;
      lastWord = "";
      continue;
    }
    if (c === SLASH) {
      const after = text.charCodeAt(i + 1);
      if (after === SLASH) {
        const end = text.indexOf("\n", i);
        i = end === -1 ? length : end;
        continue;
      }
      if (after === 42) {
        const end = text.indexOf("*/", i + 2);
        i = end === -1 ? length : end + 2;
        continue;
      }
      if (startsRegex(lastSignificant, lastWord)) {
        i = regexEnd(text, i);
        lastSignificant = SLASH;
        lastWord = "";
        continue;
      }
    }
    if (c === OPEN_BRACE || c === OPEN_PAREN || c === OPEN_BRACKET) {
      stack.push({ open: i, bracket: c, statementStart: i + 1 });
    } else if (c === CLOSE_BRACE || c === CLOSE_PAREN || c === CLOSE_BRACKET) {
      if (stack.length > 1) {
        const depth = stack.length - 1;
        const frame = stack.pop()!;
        if (wanted.has(frame.open)) closes.set(frame.open, i + 1);
        if (pending.size > 0) endStatements(depth, i);
        if (frame.bracket === TEMPLATE_HOLE) {
          i = templateEnd(text, i + 1, stack);
          lastSignificant = BACKTICK;
          lastWord = "";
          continue;
        }
      }
    } else if (c === SEMICOLON) {
      const depth = stack.length - 1;
      if (stack[depth]!.bracket === OPEN_BRACE) {
        if (pending.size > 0) endStatements(depth, i + 1);
        stack[depth]!.statementStart = i + 1;
      }
    }
    if (isWordChar(c)) {
      const start = i;
      while (i < length && isWordChar(text.charCodeAt(i))) i++;
      lastWord = text.slice(start, Math.min(i, start + 12));
      lastSignificant = text.charCodeAt(i - 1);
      continue;
    }
    lastSignificant = c;
    lastWord = "";
    i++;
  }
  reach(length + 1);
  for (const depth of [...pending.keys()]) endStatements(depth, length);
  for (const window of windows) {
    const frame = outermostFrame(window, framesOf.get(window) ?? [], closes);
    if (frame) window.frame = frame;
  }
  return windows;
}

function outermostFrame(
  window: LeadWindow,
  frames: readonly Frame[],
  closes: ReadonlyMap<number, number>,
): LeadWindow["frame"] {
  for (const frame of frames) {
    const close = closes.get(frame.open);
    if (close === undefined || close - frame.open > MAX_WINDOW_CHARS || frame.bracket === TEMPLATE_HOLE)
      continue;
    const bracket = frame.bracket === OPEN_BRACE ? "{" : frame.bracket === OPEN_PAREN ? "(" : "[";
    if (close > window.lead) return { start: frame.open, end: close, bracket };
  }
  return undefined;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === DOLLAR ||
    c > 127
  );
}

/** Whether a `/` after this token starts a regular expression (after an operator or a keyword, not a value). */
function startsRegex(last: number, word: string): boolean {
  if (last === 0) return true;
  if (word !== "") return BEFORE_REGEX_WORDS.has(word);
  return !(last === CLOSE_PAREN || last === CLOSE_BRACKET || last === CLOSE_BRACE || isWordChar(last));
}

function stringEnd(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === quote) return i + 1;
    else if (c === NEWLINE) return i;
  }
  return text.length;
}

/** From inside a template literal: past its closing backtick, or into a `${` hole (pushed as a frame). */
function templateEnd(text: string, from: number, stack: Frame[]): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === BACKTICK) return i + 1;
    else if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN_BRACE) {
      stack.push({ open: i + 1, bracket: TEMPLATE_HOLE, statementStart: i + 2 });
      return i + 2;
    }
  }
  return text.length;
}

function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === NEWLINE)
      return start + 1; // not a regular expression after all: a division
    else if (c === OPEN_BRACKET) inClass = true;
    else if (c === CLOSE_BRACKET) inClass = false;
    else if (c === SLASH && !inClass) return i + 1;
  }
  return start + 1;
}

/** Whether the `{` at `open` starts a block (a function body, `if (…) {`, `=> {`, `else {`), not an object. */
export function opensBlock(text: string, open: number): boolean {
  let i = open - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const c = text.charCodeAt(i);
  if (
    c === CLOSE_PAREN ||
    c === 62 /* => */ ||
    c === SEMICOLON ||
    c === OPEN_BRACE ||
    c === CLOSE_BRACE ||
    i < 0
  )
    return true;
  const word = /[A-Za-z]+$/.exec(text.slice(Math.max(0, i - 8), i + 1))?.[0];
  return word === "else" || word === "try" || word === "finally" || word === "do";
}
