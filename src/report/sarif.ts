import { createHash } from "node:crypto";
import { withoutContentHashes } from "../findings/content-hash.js";
import type { Finding, Location, Occurrence, Severity } from "../model/types.js";
import { TOOL } from "../model/version.js";
import type { RuleMeta } from "../rule-kit/index.js";
import { commitNote, findingSummary, sentences } from "./message.js";
import type { Reporter } from "./types.js";

/** GitHub code scanning ranks security alerts by this number (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** Repository-relative URI: each segment percent-encoded, slashes kept. */
export function toRelativeUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function sarifRule(rule: RuleMeta) {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nWhat to do: ${rule.remediation}`,
      markdown: `${rule.description}\n\n**What to do:** ${rule.remediation}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: rule.confidence === "exact" ? "very-high" : "medium",
      tags: ["security", "secret", "external/cwe/cwe-798", rule.id.split("/")[0]!],
    },
    ...(rule.references?.length ? { helpUri: rule.references[0] } : {}),
  };
}

/**
 * A region is only meaningful for text that is in the file at that position. A position inside a source
 * map's embedded original source is not a position in the `.map` file: that location's region is where
 * the scan found the same text in the map's JSON (`inFile`, escapes counted), or none when unknown.
 */
function physicalLocation(location: Location) {
  const region = location.virtualSource ? location.inFile : location;
  return {
    artifactLocation: { uri: toRelativeUri(location.path), uriBaseId: "%SRCROOT%" },
    ...(region
      ? {
          region: {
            startLine: region.start.line,
            startColumn: region.start.column,
            endLine: region.end.line,
            endColumn: region.end.column,
          },
        }
      : {}),
  };
}

function describeLocation(occurrence: Occurrence): string {
  const { location } = occurrence;
  const where = `${location.path}:${location.start.line}:${location.start.column}`;
  const inside = location.virtualSource ? `${location.virtualSource} (inside ${where})` : where;
  const original = occurrence.original;
  return original
    ? `${inside}, mapped from ${original.path}:${original.start.line}:${original.start.column}`
    : inside;
}

/**
 * The primary location is where a developer fixes the leak: the first occurrence (sources lead), or,
 * when that is a shipped copy whose source map names an original file in the repository, that file; the
 * shipped copies then become related locations.
 */
function primaryAndRelated(finding: Finding): { primary: Location; related: Occurrence[] } {
  const [first, ...rest] = finding.occurrences;
  if (first?.original && first.originalInRepository)
    return { primary: first.original, related: finding.occurrences };
  return { primary: first!.location, related: rest };
}

/**
 * What code scanning tracks an alert by, run to run. The finding's own fingerprint is keyed with the
 * run's key (a random one unless CLIENTLEAK_HASH_KEY is set), so it would make every run's alerts new;
 * this is a digest of what the result already prints (rule, primary file with content hashes replaced,
 * redacted value): stable across runs and rebuilds, and it tells a reader nothing the result does not.
 */
function alertIdentity(finding: Finding, primary: Location): string {
  return createHash("sha256")
    .update([finding.ruleId, withoutContentHashes(primary.path), finding.redacted].join("\0"), "utf8")
    .digest("hex");
}

function result(finding: Finding, ruleIndex: number) {
  const { primary, related: others } = primaryAndRelated(finding);
  const elsewhere = others.length
    ? `Also found in ${others.length} other place${others.length > 1 ? "s" : ""}`
    : "";
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: {
      text: sentences(
        findingSummary(finding),
        commitNote(finding.occurrences[0] ?? {}),
        elsewhere,
        finding.remediation,
      ),
    },
    locations: [{ physicalLocation: physicalLocation(primary) }],
    ...(others.length
      ? {
          relatedLocations: others.map((occurrence, index) => ({
            id: index + 1,
            physicalLocation: physicalLocation(occurrence.location),
            message: { text: `Same secret in ${describeLocation(occurrence)}` },
          })),
        }
      : {}),
    partialFingerprints: { "clientleakFingerprint/v2": alertIdentity(finding, primary) },
    properties: {
      severity: finding.severity,
      secretLength: finding.secretLength,
      ...(finding.exposure ? { exposure: finding.exposure.case } : {}),
      ...(finding.occurrences[0]?.commit ? { commit: finding.occurrences[0].commit } : {}),
    },
  };
}

export const sarifReporter: Reporter = (scan, context) => {
  const rules = [...context.rules];
  const indexById = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            informationUri: TOOL.informationUri,
            rules: rules.map(sarifRule),
          },
        },
        columnKind: "utf16CodeUnits",
        results: scan.findings.map((finding) => result(finding, indexById.get(finding.ruleId) ?? -1)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
