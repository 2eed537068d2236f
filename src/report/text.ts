/**
 * The report people read in a terminal or a CI log, and screenshot into an incident channel: one block
 * per finding, most severe first, saying what leaked (redacted), where it came from, where it shipped,
 * and what to do; then a summary of the scan. Colour and Unicode only when `context.color` is set (a
 * TTY without NO_COLOR); otherwise plain ASCII apart from what the scanned files themselves contain.
 */

import { isRoutineSkip } from "../model/diagnostics.js";
import {
  atLeast,
  type Finding,
  type FrameLine,
  type Occurrence,
  type ScanResult,
  SEVERITIES,
  type Severity,
} from "../model/types.js";
import { printableLine } from "../text/printable.js";
import { formatBytes, formatDuration } from "../text/units.js";
import { headlineGroups, plural } from "./headline.js";
import { commitNote } from "./message.js";
import { type Placement, placeOccurrences } from "./placements.js";
import type { Reporter } from "./types.js";

/** Places listed per finding before the rest are only counted; the JSON report has every one. */
const PLACES_SHOWN = 8;
/** Skipped files listed by name in the summary before the rest are only counted. */
const SKIPS_SHOWN = 10;
/** Width of the label column (`what to do` plus a space); values and frames line up after it. */
const LABEL_WIDTH = 11;
const INDENT = "  ";

const ANSI = {
  reset: "\x1b[0m",
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  badge: {
    critical: "\x1b[1;97;45m",
    high: "\x1b[1;97;41m",
    medium: "\x1b[1;30;43m",
    low: "\x1b[1;97;44m",
    info: "\x1b[1;30;47m",
  } satisfies Record<Severity, string>,
  severity: {
    critical: "\x1b[1;35m",
    high: "\x1b[1;31m",
    medium: "\x1b[33m",
    low: "\x1b[34m",
    info: "\x1b[2m",
  } satisfies Record<Severity, string>,
};

const UNICODE_GLYPHS = { ellipsis: "…", gutter: "│", pointer: "›", separator: " · ", done: "✔" };
const ASCII_GLYPHS = { ellipsis: "...", gutter: "|", pointer: ">", separator: ", ", done: "OK" };

interface Theme {
  paint(style: string, text: string): string;
  glyphs: typeof UNICODE_GLYPHS;
  badge(severity: Severity): string;
}

function themeFor(styled: boolean): Theme {
  if (!styled) {
    return {
      paint: (_style, text) => text,
      glyphs: ASCII_GLYPHS,
      badge: (severity) => `[${severity.toUpperCase()}]`,
    };
  }
  return {
    paint: (style, text) => `${style}${text}${ANSI.reset}`,
    glyphs: UNICODE_GLYPHS,
    badge: (severity) => `${ANSI.badge[severity]} ${severity.toUpperCase()} ${ANSI.reset}`,
  };
}

/** `path:line:column`; inside a source map, the original source it carries and the map it is in. */
export function where(occurrence: Pick<Occurrence, "location">): string {
  const { location } = occurrence;
  const position = `${location.start.line}:${location.start.column}`;
  return location.virtualSource
    ? `${location.virtualSource}:${position} (inside ${location.path})`
    : `${location.path}:${position}`;
}

function labelled(label: string, value: string, theme: Theme): string {
  return `${INDENT}${theme.paint(ANSI.dim, label.padEnd(LABEL_WIDTH))}${value}`;
}

function renderFinding(finding: Finding, theme: Theme): string[] {
  const lines = [
    `${theme.badge(finding.severity)} ${theme.paint(ANSI.bold, finding.title)}  ${theme.paint(ANSI.dim, finding.ruleId)}`,
  ];
  if (finding.message !== finding.title) lines.push(`${INDENT}${printableLine(finding.message)}`);
  if (finding.exposure) lines.push(labelled("exposure", printableLine(finding.exposure.summary), theme));
  lines.push(
    labelled(
      finding.evidence === "code" ? "found" : "secret",
      theme.paint(ANSI.severity[finding.severity], finding.secret ?? finding.redacted),
      theme,
    ),
  );

  const placements = placeOccurrences(finding.occurrences);
  for (const placement of placements.slice(0, PLACES_SHOWN))
    lines.push(...renderPlacement(placement, finding, theme));
  const more = placements.length - PLACES_SHOWN;
  if (more > 0) {
    const places = more === 1 ? "place" : "places";
    lines.push(
      `${INDENT}${" ".repeat(LABEL_WIDTH)}${theme.glyphs.ellipsis} and ${more} more ${places} (all of them are in --format json)`,
    );
  }
  if (finding.remediation) lines.push(labelled("what to do", finding.remediation, theme));
  return lines;
}

function renderPlacement(placement: Placement, finding: Finding, theme: Theme): string[] {
  const { occurrence } = placement;
  let value = printableLine(where(placement));
  if (placement.mappedFrom)
    value += theme.paint(ANSI.dim, ` (mapped from ${printableLine(placement.mappedFrom)})`);
  if (occurrence?.keyPath) value += theme.paint(ANSI.dim, `  ${printableLine(occurrence.keyPath)}`);
  const lines = [labelled(placement.role, value, theme)];
  if (occurrence) {
    // The source gets its context lines; a shipped copy is evidence, its one line is enough.
    const frame = occurrence.frame ?? [
      { line: occurrence.location.start.line, text: occurrence.snippet, match: true },
    ];
    const shown = placement.role === "source" ? frame : frame.filter((line) => line.match);
    lines.push(...renderFrame(shown, finding.redacted, theme));
    for (const note of occurrence.notes ?? [])
      lines.push(labelled("", theme.paint(ANSI.dim, `note: ${printableLine(note)}`), theme));
    if (occurrence.commit) lines.push(labelled("commit", printableLine(commitNote(occurrence)), theme));
  }
  return lines;
}

function renderFrame(frame: readonly FrameLine[], redacted: string, theme: Theme): string[] {
  const width = Math.max(...frame.map((line) => String(line.line).length));
  const { glyphs } = theme;
  return frame.map((line) => {
    const pointer = line.match ? theme.paint(ANSI.bold, glyphs.pointer) : " ";
    const gutter = theme.paint(ANSI.dim, `${String(line.line).padStart(width)} ${glyphs.gutter}`);
    const text = printableLine(line.text);
    const body = line.match
      ? text.replace(redacted, () => theme.paint(ANSI.bold + ANSI.yellow, redacted))
      : theme.paint(ANSI.dim, text);
    const start = line.clippedStart ? theme.paint(ANSI.dim, glyphs.ellipsis) : "";
    const end = line.clippedEnd ? theme.paint(ANSI.dim, glyphs.ellipsis) : "";
    return `${INDENT}${" ".repeat(LABEL_WIDTH - 2)}${pointer} ${gutter} ${start}${body}${end}`.trimEnd();
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * Secrets and code findings counted apart, by severity; a word when none of them reaches `--fail-on`
 * (they are reported, but the scan passes); what was scanned, what was hidden, every skipped file.
 */
function renderSummary(result: ScanResult, theme: Theme, failOn: Severity, verbose: boolean): string[] {
  const { stats } = result;
  const { glyphs } = theme;
  const groups = headlineGroups(result.findings).map(
    ({ label, bySeverity }) =>
      `${theme.paint(ANSI.bold, label)}: ${bySeverity
        .map(({ severity, count }) => theme.paint(ANSI.severity[severity], `${count} ${severity}`))
        .join(glyphs.separator)}`,
  );
  const lines = [
    result.findings.length === 0
      ? theme.paint(ANSI.green + ANSI.bold, `${glyphs.done} No findings`)
      : groups.join("; "),
  ];
  if (result.findings.length > 0 && !result.findings.some((finding) => atLeast(finding.severity, failOn))) {
    lines.push(
      `All below the fail-on threshold (${failOn}): reported, but they do not fail the scan (--fail-on ${mostSevereFound(result)} would).`,
    );
  }
  lines.push(
    `Scanned ${plural(stats.filesScanned, "file")} (${formatBytes(stats.bytesScanned)}) in ${formatDuration(stats.durationMs)}`,
  );
  const hidden = Object.entries(stats.suppressed).filter(([, count]) => count > 0);
  if (hidden.length)
    lines.push(`Hidden: ${hidden.map(([reason, count]) => `${count} ${reason}`).join(glyphs.separator)}`);

  const skipped = result.diagnostics.filter((diagnostic) => diagnostic.skipped);
  if (skipped.length) {
    const byReason = countBy(skipped, (diagnostic) => diagnostic.code.replace(/^skipped-/, ""));
    const reasons = [...byReason].map(([reason, count]) => `${count} ${reason}`).join(glyphs.separator);
    // Skips by design (images, fonts, lockfiles) are only counted unless asked for: every run has them.
    const listed = verbose ? skipped : skipped.filter((diagnostic) => !isRoutineSkip(diagnostic));
    const routine = skipped.length - listed.length;
    lines.push(`Skipped ${plural(skipped.length, "file")} (${reasons})${listed.length ? ":" : ""}`);
    const shown = verbose ? listed : listed.slice(0, SKIPS_SHOWN);
    for (const diagnostic of shown) {
      lines.push(
        `${INDENT}${printableLine(diagnostic.path ?? "(no path)")}  ${theme.paint(ANSI.dim, printableLine(diagnostic.message.replace(/^skipped: /, "")))}`,
      );
    }
    if (listed.length > shown.length)
      lines.push(`${INDENT}${glyphs.ellipsis} and ${listed.length - shown.length} more`);
    if (routine > 0)
      lines.push(
        `${INDENT}${theme.paint(ANSI.dim, `${plural(routine, "file")} skipped by type (images, fonts, media, lockfiles, binaries): --verbose lists them`)}`,
      );
  }
  return lines;
}

/** The most severe level found: the `--fail-on` that would make these findings fail the scan. */
function mostSevereFound(result: ScanResult): Severity {
  return SEVERITIES.find((severity) => result.findings.some((finding) => finding.severity === severity))!;
}

export const textReporter: Reporter = (result, context) => {
  const theme = themeFor(context.color);
  const blocks = result.findings.flatMap((finding) => [...renderFinding(finding, theme), ""]);
  return `${[...blocks, ...renderSummary(result, theme, context.failOn, context.verbose ?? false)].join("\n")}\n`;
};
