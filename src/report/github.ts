/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::…` annotation per finding,
 * placed on the original source when a bundle came from it (that is the line to change). Always redacted,
 * even with --show-secrets: an annotation is a CI log line and a PR comment.
 *
 * Escaping follows the runner (and @actions/core): in the message `%`, CR and LF are percent-encoded; in
 * a property also `:` and `,`, which would otherwise end the property.
 */
import type { Finding, Location, Severity } from "../model/types.js";
import { commitNote, findingSummary, onlyInHistory, sentences } from "./message.js";
import { placeOccurrences } from "./placements.js";
import type { Reporter } from "./types.js";

export type AnnotationLevel = "error" | "warning" | "notice";

const LEVEL: Readonly<Record<Severity, AnnotationLevel>> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "notice",
  info: "notice",
};

/** Other places named in an annotation before the rest are only counted. */
const PLACES_NAMED = 3;

export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function workflowCommand(
  command: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/**
 * A position inside a source map's embedded source is not a line of the `.map` file: such a location is
 * annotated on the file alone. Columns only make sense when the range is on one line.
 */
function positionProperties(location: Location): Record<string, number | string | undefined> {
  if (location.virtualSource !== undefined) return { file: location.path };
  const oneLine = location.start.line === location.end.line;
  return {
    file: location.path,
    line: location.start.line,
    endLine: location.end.line,
    col: oneLine ? location.start.column : undefined,
    endColumn: oneLine ? location.end.column : undefined,
  };
}

function describe(location: Location): string {
  const where = `${location.path}:${location.start.line}:${location.start.column}`;
  return location.virtualSource ? `${location.virtualSource} (inside ${location.path})` : where;
}

export function annotation(finding: Finding): string {
  const [primary, ...others] = placeOccurrences(finding.occurrences);
  const existing = finding.occurrences.every((occurrence) => occurrence.status === "existing");
  const named = others.slice(0, PLACES_NAMED).map((placement) => describe(placement.location));
  const more = others.length > PLACES_NAMED ? ` and ${others.length - PLACES_NAMED} more` : "";
  const elsewhere = named.length ? `Also in ${named.join(", ")}${more}` : "";
  const remediation = finding.remediation ? `What to do: ${finding.remediation}` : "";
  // A copy removed inside the range has no line at head: the annotation names the commit, not a line.
  const history = onlyInHistory(finding);
  const added = primary?.occurrence?.commit
    ? commitNote(primary.occurrence, history ? describe(primary.location) : undefined)
    : "";
  const message = sentences(findingSummary(finding), added, elsewhere, remediation);
  const title = `${existing ? "[existing] " : ""}${finding.severity}: ${finding.title} (${finding.ruleId})`;
  // A finding the change did not bring does not fail the step: it must not read as an error either.
  const level = existing && LEVEL[finding.severity] === "error" ? "warning" : LEVEL[finding.severity];
  const position = history ? {} : positionProperties(primary!.location);
  return workflowCommand(level, { ...position, title }, message);
}

export const githubReporter: Reporter = (result) =>
  result.findings.map((finding) => `${annotation(finding)}\n`).join("");
