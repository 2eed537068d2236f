/**
 * A Markdown report: the GitHub job summary (`GITHUB_STEP_SUMMARY`) and anything else that renders
 * GitHub-flavoured Markdown. A table of findings — severity, what, the redacted secret, where it is in the
 * source and where it shipped — then what to do, rule by rule. Every value from the scan (paths can hold
 * `|`, backticks, `<`, newlines) goes through `cell`/`code`, so no file name can break the table or inject
 * markup. Always redacted.
 */
import type { Finding, ScanResult } from "../model/types.js";
import { headlineCounts } from "./headline.js";
import { commitNote } from "./message.js";
import { type Placement, placeOccurrences } from "./placements.js";
import type { Reporter } from "./types.js";

/** Places listed per finding before the rest are only counted. */
const PLACES_SHOWN = 4;

/**
 * Control characters (a newline in a file name) and bidirectional controls (Trojan Source: a file name
 * that reads backwards) shown as visible escapes, never acted on.
 */
function printable(value: string): string {
  return value.replace(
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Text for a table cell: Markdown and HTML specials escaped, `|` escaped so the cell does not split. */
export function cell(value: string): string {
  return printable(value)
    .replace(/[\\`*_{}[\]()#+!~>|-]/g, (character) => `\\${character}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;");
}

/** Inline code in a table cell: a fence longer than any backtick run inside, `|` escaped (GFM tables). */
export function code(value: string): string {
  const text = printable(value).replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function where(placement: Placement): string {
  const { location } = placement;
  const position = `${location.path}:${location.start.line}:${location.start.column}`;
  const place = location.virtualSource ? `${location.virtualSource} (inside ${location.path})` : position;
  const commit = placement.occurrence?.commit ? `<br>${cell(commitNote(placement.occurrence))}` : "";
  return `${placement.role === "shipped" ? "shipped: " : ""}${code(place)}${commit}`;
}

function places(finding: Finding): string {
  const placements = placeOccurrences(finding.occurrences);
  const shown = placements.slice(0, PLACES_SHOWN).map(where);
  if (placements.length > PLACES_SHOWN) shown.push(`and ${placements.length - PLACES_SHOWN} more`);
  return shown.join("<br>");
}

function status(finding: Finding): string {
  return finding.occurrences.some((occurrence) => occurrence.status !== "existing") ? "new" : "existing";
}

function heading(result: ScanResult): string {
  const { findings } = result;
  if (findings.length === 0) return "## clientleak: no leaked credentials found";
  return `## clientleak: ${headlineCounts(findings)}`;
}

function table(findings: readonly Finding[]): string[] {
  const withStatus = findings.some((finding) =>
    finding.occurrences.some((occurrence) => occurrence.status !== undefined),
  );
  const header = ["Severity", "Finding", "Secret (redacted)", "Where", ...(withStatus ? ["Status"] : [])];
  const rows = findings.map((finding) => [
    `**${finding.severity}**`,
    `${cell(finding.title)}<br>${code(finding.ruleId)}${finding.exposure ? `<br>${cell(finding.exposure.summary)}` : ""}`,
    code(finding.redacted),
    places(finding),
    ...(withStatus ? [status(finding)] : []),
  ]);
  return [header, header.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`);
}

function whatToDo(findings: readonly Finding[]): string[] {
  const byRule = new Map<string, Finding>();
  for (const finding of findings) if (!byRule.has(finding.ruleId)) byRule.set(finding.ruleId, finding);
  return [
    "### What to do",
    "",
    "A credential that reached client-side code is public: removing it from the code is not enough.",
    "",
    "1. **Rotate it first** — revoke the key and issue a new one (for Medblocks keys: the Medblocks dashboard, Settings → API Keys).",
    "2. **Move the call to your backend** — the browser talks to your server; your server holds the key and calls the API.",
    "3. **Rebuild and redeploy**, so no old bundle or source map still carries the secret.",
    "",
    ...[...byRule.values()].map(
      (finding) => `- ${cell(finding.title)} (${code(finding.ruleId)}): ${cell(finding.remediation)}`,
    ),
  ];
}

function footer(result: ScanResult): string {
  const { stats } = result;
  const parts = [`${stats.filesScanned} files scanned`, `${stats.filesSkipped} skipped`];
  const hidden = Object.entries(stats.suppressed).map(([reason, count]) => `${count} ${cell(reason)}`);
  if (hidden.length) parts.push(`hidden: ${hidden.join(", ")}`);
  return `<sub>${parts.join(" · ")}</sub>`;
}

export const markdownReporter: Reporter = (result) => {
  const lines = [heading(result), ""];
  if (result.findings.length > 0) lines.push(...table(result.findings), "", ...whatToDo(result.findings), "");
  lines.push(footer(result));
  return `${lines.join("\n")}\n`;
};
