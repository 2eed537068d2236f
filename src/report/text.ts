import { type Finding, type Occurrence, SEVERITIES, type ScanResult, type Severity } from "../types.js";
import type { Reporter } from "./types.js";

const ANSI = { reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", red: "\x1b[31m", yellow: "\x1b[33m", blue: "\x1b[34m", magenta: "\x1b[35m" };

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  critical: ANSI.magenta + ANSI.bold,
  high: ANSI.red + ANSI.bold,
  medium: ANSI.yellow,
  low: ANSI.blue,
  info: ANSI.dim,
};

type Paint = (style: string, text: string) => string;

export function where(occurrence: Occurrence): string {
  const { location } = occurrence;
  const position = `${location.start.line}:${location.start.column}`;
  return location.virtualSource ? `${location.virtualSource}:${position} (inside ${location.path})` : `${location.path}:${position}`;
}

function renderFinding(finding: Finding, paint: Paint): string[] {
  const badge = paint(SEVERITY_COLOR[finding.severity], finding.severity.toUpperCase().padEnd(8));
  const lines = [`${badge} ${paint(ANSI.bold, finding.title)}  ${paint(ANSI.dim, finding.ruleId)}`];
  if (finding.message !== finding.title) lines.push(`  ${finding.message}`);
  lines.push(`  secret   ${finding.secret ?? finding.redacted}`);
  finding.occurrences.forEach((occurrence, index) => {
    lines.push(`  ${index === 0 ? "at      " : "also at "} ${where(occurrence)}`);
    lines.push(`           ${paint(ANSI.dim, occurrence.snippet)}`);
    for (const note of occurrence.notes ?? []) lines.push(`           ${paint(ANSI.dim, `note: ${note}`)}`);
  });
  if (finding.remediation) lines.push(`  fix      ${finding.remediation}`);
  return lines;
}

export function summaryLine(result: ScanResult): string {
  const counts = SEVERITIES.map((severity) => [severity, result.findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  const findings = result.findings.length === 1 ? "1 finding" : `${result.findings.length} findings`;
  const { stats } = result;
  const parts = [
    `${findings}${counts.length ? ` (${counts.join(", ")})` : ""}`,
    `${stats.filesScanned} files scanned (${formatBytes(stats.bytesScanned)})`,
    `${stats.filesSkipped} skipped${skippedReasons(result)}`,
  ];
  const suppressed = Object.entries(stats.suppressed).map(([reason, count]) => `${count} ${reason}`);
  if (suppressed.length) parts.push(`hidden: ${suppressed.join(", ")}`);
  parts.push(`${Math.round(stats.durationMs)} ms`);
  return parts.join(" · ");
}

/** ` (2 binary, 1 symlink)`: why files were skipped, by diagnostic code. */
function skippedReasons(result: ScanResult): string {
  const byReason = new Map<string, number>();
  for (const diagnostic of result.diagnostics) {
    if (!diagnostic.skipped) continue;
    const reason = diagnostic.code.replace(/^skipped-/, "");
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  return byReason.size ? ` (${[...byReason].map(([reason, count]) => `${count} ${reason}`).join(", ")})` : "";
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export const textReporter: Reporter = (result, context) => {
  const paint: Paint = context.color ? (style, text) => `${style}${text}${ANSI.reset}` : (_style, text) => text;
  const blocks = result.findings.map((finding) => renderFinding(finding, paint).join("\n"));
  const lines = [...blocks.flatMap((block) => [block, ""])];
  lines.push(summaryLine(result));
  return `${lines.join("\n")}\n`;
};
