/**
 * Inline suppressions: a comment in the scanned text that silences one occurrence of one rule (the
 * finding's rule, or any rule that matched that copy: see `names`).
 *
 *   const key = "…"; // clientleak-ignore <rule-id> -- <reason>
 *   // clientleak-ignore-next-line <rule-id> -- <reason>
 *
 * A directive counts only inside a comment (`//`, `/*`, `#`, `<!--` directly before it) and only with a
 * reason after ` -- `. Each directive silences exactly one place, never a whole line, because a minified
 * bundle is one line holding every secret of the app:
 *
 * - same line: the occurrence of its rule that is ADJACENT to the comment — the nearest one, before or
 *   after it, with at most ADJACENT_GAP characters between the two, no line break in between and no other
 *   occurrence (of any rule) in between; on a tie the one before the comment wins;
 * - next line: the first occurrence of its rule that starts on the following line.
 *
 * Directives that silence nothing, name an unknown rule or lack a reason become diagnostics.
 */

import type { Diagnostic, Location, Occurrence } from "../model/types.js";
import { LineIndex } from "../text/line-index.js";
import { suggest } from "../text/suggest.js";
import { keepOccurrences, type PipelineStep, rulesAt, type WorkingFinding } from "./pipeline.js";

export const IGNORE_MARKER = "clientleak-ignore";
/** Characters allowed between a secret and the comment that silences it (one snippet's width). */
export const ADJACENT_GAP = 80;

const NEXT_LINE_SUFFIX = "-next-line";
/** Comment openers, longest first, that may stand before the marker (with spaces, `!` or `*` between). */
const OPENERS = ["<!--", "//", "/*", "#"] as const;
const CLOSERS: Readonly<Record<string, string>> = { "/*": "*/", "<!--": "-->" };
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,99}$/;

export interface IgnoreDirective {
  kind: "same-line" | "next-line";
  ruleId: string;
  reason: string;
  /** 1-based line the directive is written on. */
  line: number;
  /** Offsets of the whole comment, opener to closer (or end of line). */
  commentStart: number;
  commentEnd: number;
}

export interface ParsedDirectives {
  directives: IgnoreDirective[];
  /** Directives written without a reason or a rule id: they silence nothing. */
  malformed: { line: number; problem: string }[];
}

/** Every directive in a text. Linear: one indexOf pass for the marker, bounded work per hit. */
export function parseDirectives(text: string, lines: LineIndex = new LineIndex(text)): ParsedDirectives {
  const parsed: ParsedDirectives = { directives: [], malformed: [] };
  for (
    let at = text.indexOf(IGNORE_MARKER);
    at !== -1;
    at = text.indexOf(IGNORE_MARKER, at + IGNORE_MARKER.length)
  ) {
    const line = lines.position(at).line;
    const lineStart = lines.lineStart(line);
    const opener = commentOpenerBefore(text, lineStart, at);
    if (!opener) continue;
    const lineEnd = endOfLine(text, at);
    const closer = CLOSERS[opener.token];
    const closeAt = closer ? text.indexOf(closer, at) : -1;
    const bodyEnd = closeAt !== -1 && closeAt < lineEnd ? closeAt : lineEnd;
    const commentEnd = closeAt !== -1 && closeAt < lineEnd ? closeAt + closer!.length : lineEnd;
    let body = text.slice(at + IGNORE_MARKER.length, bodyEnd);
    const kind = body.startsWith(NEXT_LINE_SUFFIX) ? "next-line" : "same-line";
    if (kind === "next-line") body = body.slice(NEXT_LINE_SUFFIX.length);
    if (body !== "" && !/^\s/.test(body)) continue; // `clientleak-ignored`, `clientleak-ignore-foo`: not ours
    const separator = body.indexOf(" --");
    const ruleId = (separator === -1 ? body : body.slice(0, separator)).trim();
    const reason = separator === -1 ? "" : body.slice(separator + 3).trim();
    // `clientleak-ignore <rule-id> -- <reason>` (or `clientleak-ignore …`) is the syntax written out in
    // docs and comments, not a directive: it silences nothing and is no mistake to warn about.
    // Only the first word is looked at: the rest of a prose line (a closing backtick, more text) is not ours.
    if (/^(?:<[^<>\s]{1,40}>|…|\.\.\.)[`'")\].,;:]*$/.test(ruleId.split(/\s/, 1)[0]!)) continue;
    if (!RULE_ID.test(ruleId)) {
      parsed.malformed.push({
        line,
        problem: `${IGNORE_MARKER} needs a rule id: ${IGNORE_MARKER} <rule-id> -- <reason>`,
      });
    } else if (reason === "") {
      parsed.malformed.push({
        line,
        problem: `${IGNORE_MARKER} ${ruleId} needs a reason after " -- "; it silences nothing without one`,
      });
    } else {
      parsed.directives.push({ kind, ruleId, reason, line, commentStart: opener.start, commentEnd });
    }
  }
  return parsed;
}

function commentOpenerBefore(
  text: string,
  lineStart: number,
  markerAt: number,
): { token: string; start: number } | undefined {
  let cursor = markerAt;
  while (cursor > lineStart && /[ \t!*]/.test(text[cursor - 1]!)) cursor--;
  for (const token of OPENERS) {
    const start = cursor - token.length;
    if (start >= lineStart && text.startsWith(token, start)) return { token, start };
  }
  // `/*! clientleak-ignore …` and `/** clientleak-ignore …`: the `*` and `!` were skipped above.
  const slash = text.lastIndexOf("/*", markerAt);
  if (slash >= lineStart && /^\/\*[ \t!*]*$/.test(text.slice(slash, markerAt)))
    return { token: "/*", start: slash };
  return undefined;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  const end = newline === -1 ? text.length : newline;
  return text[end - 1] === "\r" ? end - 1 : end;
}

/** An occurrence's place in one file as offsets; several occurrences may share a place (bundle → original). */
interface Span {
  start: number;
  end: number;
  startLine: number;
  occurrence: Occurrence;
  finding: WorkingFinding;
}

interface ObservedFile {
  text: string;
  lines: LineIndex;
  directives: IgnoreDirective[];
}

export interface InlineSuppressions {
  /** Called with the text of every scanned file (staged or committed content in the git modes). */
  observe(path: string, text: string): void;
  /** The pipeline step: drops silenced occurrences, and findings left with none. */
  step: PipelineStep;
  /** Malformed, unknown-rule and (after the step ran) unused directives. */
  diagnostics(): Diagnostic[];
}

export function createInlineSuppressions(knownRuleIds: ReadonlySet<string>): InlineSuppressions {
  const files = new Map<string, ObservedFile>();
  const diagnostics: Diagnostic[] = [];
  const unused: Diagnostic[] = [];

  const observe = (path: string, text: string) => {
    if (!text.includes(IGNORE_MARKER)) return;
    const lines = new LineIndex(text);
    const { directives, malformed } = parseDirectives(text, lines);
    for (const { line, problem } of malformed)
      diagnostics.push({ code: "missing-ignore-reason", path: `${path}:${line}`, message: problem });
    const known = directives.filter((directive) => {
      if (knownRuleIds.has(directive.ruleId)) return true;
      diagnostics.push({
        code: "unknown-rule-in-ignore",
        path: `${path}:${directive.line}`,
        message: unknownRuleMessage(directive.ruleId, knownRuleIds),
      });
      return false;
    });
    if (known.length > 0) files.set(path, { text, lines, directives: known });
  };

  const step: PipelineStep = (findings) => {
    const silenced = new Set<Occurrence>();
    for (const [path, file] of files) {
      const spans = spansIn(path, file, findings);
      for (const directive of file.directives) {
        const targets =
          directive.kind === "same-line"
            ? adjacentSpans(directive, spans, file.text)
            : nextLineSpans(directive, spans);
        for (const span of targets) silenced.add(span.occurrence);
        if (targets.length === 0) {
          unused.push({
            code: "unused-ignore",
            path: `${path}:${directive.line}`,
            message: `${IGNORE_MARKER} ${directive.ruleId} silences nothing (remove it)`,
          });
        }
      }
    }
    return keepOccurrences(findings, "inline ignore", (_finding, occurrence) => !silenced.has(occurrence));
  };

  return { observe, step, diagnostics: () => [...diagnostics, ...unused] };
}

/** Every occurrence positioned in `path`: physically there, or mapped there from a bundle through a source map. */
function spansIn(path: string, file: ObservedFile, findings: readonly WorkingFinding[]): Span[] {
  const spans: Span[] = [];
  const add = (location: Location | undefined, occurrence: Occurrence, finding: WorkingFinding) => {
    if (!location || location.path !== path || location.virtualSource !== undefined) return;
    const start = file.lines.lineStart(location.start.line) + location.start.column - 1;
    const end = file.lines.lineStart(location.end.line) + location.end.column - 1;
    spans.push({ start, end, startLine: location.start.line, occurrence, finding });
  };
  for (const finding of findings) {
    for (const occurrence of finding.occurrences) {
      add(occurrence.location, occurrence, finding);
      add(occurrence.original, occurrence, finding);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function gapBetween(span: Span, directive: IgnoreDirective): { from: number; to: number; before: boolean } {
  if (span.end <= directive.commentStart) return { from: span.end, to: directive.commentStart, before: true };
  if (span.start >= directive.commentEnd)
    return { from: directive.commentEnd, to: span.start, before: false };
  return { from: span.start, to: span.start, before: true };
}

function adjacentSpans(directive: IgnoreDirective, spans: readonly Span[], text: string): Span[] {
  let best: { spans: Span[]; size: number; before: boolean } | undefined;
  for (const span of spans) {
    if (!names(directive, span)) continue;
    const gap = gapBetween(span, directive);
    const size = gap.to - gap.from;
    if (size > ADJACENT_GAP || text.slice(gap.from, gap.to).includes("\n")) continue;
    if (spans.some((other) => other.start >= gap.from && other.end <= gap.to)) continue;
    const better = !best || size < best.size || (size === best.size && gap.before && !best.before);
    if (better) best = { spans: [span], size, before: gap.before };
    else if (best && size === best.size && gap.before === best.before && sameSpot(best.spans[0]!, span))
      best.spans.push(span);
  }
  return best?.spans ?? [];
}

function nextLineSpans(directive: IgnoreDirective, spans: readonly Span[]): Span[] {
  const onNextLine = spans.filter((span) => names(directive, span) && span.startLine === directive.line + 1);
  const first = onNextLine[0];
  return first ? onNextLine.filter((span) => sameSpot(span, first)) : [];
}

/**
 * A directive applies to an occurrence when it names the finding's rule or any rule that matched that
 * copy: after one secret's copies became one finding under its most specific rule, an ignore written
 * with the generic rule id next to a copy only that rule matched still applies.
 */
function names(directive: IgnoreDirective, span: Span): boolean {
  return (
    span.finding.ruleId === directive.ruleId ||
    rulesAt(span.finding, span.occurrence).includes(directive.ruleId)
  );
}

/** The same secret at the same place, seen twice (in the file itself and through a bundle's source map). */
function sameSpot(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end && a.finding === b.finding;
}

/**
 * What is written where a rule id belongs may be anything, a pasted key included: the message names the
 * place (the diagnostic's path and line) and the closest known ids, never the text itself.
 */
function unknownRuleMessage(written: string, knownRuleIds: ReadonlySet<string>): string {
  const closest = suggest(written, [...knownRuleIds]);
  return closest.length > 0
    ? `${IGNORE_MARKER} names an unknown rule. Did you mean ${closest.join(", ")}?`
    : `${IGNORE_MARKER} names an unknown rule (see clientleak rules)`;
}
