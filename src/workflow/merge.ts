/**
 * `clientleak merge`: shard reports (JSON, schemaVersion 1) back into one result. Findings are merged by
 * fingerprint, as the pipeline merges them within a scan: one finding per rule and secret, every distinct
 * occurrence kept, the highest severity wins. Reports are already redacted; nothing here sees a secret
 * unless the shards were run with --show-secrets.
 */

import { compiledFor } from "../engine/scan-text.js";
import { HASH_KEY_ENV } from "../findings/fingerprint.js";
import { sortFindings } from "../findings/pipeline.js";
import { knownSecrets, SecretRedactor } from "../findings/redact.js";
import { compareClaims } from "../findings/specificity.js";
import { describeError, oneLine, UsageError } from "../model/errors.js";
import {
  type Diagnostic,
  type Finding,
  type Occurrence,
  type ScanResult,
  type ScanStats,
  SEVERITIES,
  SEVERITY_RANK,
  type Severity,
} from "../model/types.js";

export interface JsonReport {
  schemaVersion: 1;
  failOn: Severity;
  hashKeyId?: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: ScanStats;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A shard report is input like a config: every field the reporters and the exit code read is checked,
 * and a problem names its key path (`findings[3].severity`), never the value found there (a report run
 * with --show-secrets holds secrets, and any string may hold control characters).
 */
type Check = (value: unknown, at: string, problems: string[]) => void;

const MAX_PROBLEMS = 20;

const isString: Check = (value, at, problems) => {
  if (typeof value !== "string") problems.push(`${at}: not a string`);
};
const isCount: Check = (value, at, problems) => {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    problems.push(`${at}: not a number ≥ 0`);
};
const isPositiveInteger: Check = (value, at, problems) => {
  if (!Number.isInteger(value) || (value as number) < 1) problems.push(`${at}: not a whole number ≥ 1`);
};
const isSeverity: Check = (value, at, problems) => {
  if (!(SEVERITIES as readonly unknown[]).includes(value))
    problems.push(`${at}: not one of ${SEVERITIES.join(", ")}`);
};
const oneOf =
  (...allowed: readonly unknown[]): Check =>
  (value, at, problems) => {
    if (!allowed.includes(value)) problems.push(`${at}: not one of ${allowed.join(", ")}`);
  };
const arrayOf =
  (item: Check, nonEmpty = false): Check =>
  (value, at, problems) => {
    if (!Array.isArray(value)) return void problems.push(`${at}: not an array`);
    if (nonEmpty && value.length === 0) problems.push(`${at}: empty`);
    for (let index = 0; index < value.length && problems.length < MAX_PROBLEMS; index++)
      item(value[index], `${at}[${index}]`, problems);
  };
function record(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value, at, problems) => {
    if (!isRecord(value)) return void problems.push(`${at}: not an object`);
    for (const [key, check] of Object.entries(required)) check(value[key], `${at}.${key}`, problems);
    for (const [key, check] of Object.entries(optional))
      if (value[key] !== undefined) check(value[key], `${at}.${key}`, problems);
  };
}

const position = record({ line: isPositiveInteger, column: isPositiveInteger });
const location = record({ path: isString, start: position, end: position }, { virtualSource: isString });
const frameLine = record(
  { line: isPositiveInteger, text: isString },
  { match: oneOf(true), clippedStart: oneOf(true), clippedEnd: oneOf(true) },
);
const occurrence = record(
  { location, layer: isString, snippet: isString },
  {
    original: location,
    originalInRepository: oneOf(true, false),
    keyPath: isString,
    notes: arrayOf(isString),
    status: oneOf("new", "existing"),
    frame: arrayOf(frameLine),
  },
);
const finding = record(
  {
    ruleId: isString,
    title: isString,
    severity: isSeverity,
    fingerprint: isString,
    secretHash: isString,
    redacted: isString,
    secretLength: isCount,
    message: isString,
    remediation: isString,
    occurrences: arrayOf(occurrence, true),
  },
  { evidence: oneOf("code"), secret: isString },
);
const diagnostic = record(
  { code: isString, message: isString },
  { path: isString, skipped: oneOf(true, false) },
);
const stats = record(
  { filesScanned: isCount, filesSkipped: isCount, bytesScanned: isCount },
  { durationMs: isCount },
);
const report = record(
  {
    failOn: isSeverity,
    findings: arrayOf(finding),
    diagnostics: arrayOf(diagnostic),
    stats,
  },
  { hashKeyId: isString },
);

export function parseJsonReport(text: string, name: string): JsonReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name}: not JSON (${describeError(error)})`);
  }
  if (!isRecord(parsed) || parsed.schemaVersion !== 1) {
    throw new UsageError(
      `${name}: not a clientleak JSON report with schemaVersion 1 (scan with --format json)`,
    );
  }
  const problems: string[] = [];
  report(parsed, "report", problems);
  if (isRecord(parsed.stats) && parsed.stats.suppressed !== undefined) {
    const suppressed = parsed.stats.suppressed;
    if (!isRecord(suppressed)) problems.push("report.stats.suppressed: not an object");
    else for (const count of Object.values(suppressed)) isCount(count, "report.stats.suppressed", problems);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    throw new UsageError(
      `${name}: malformed clientleak report: ${shown.join("; ")}${problems.length > shown.length ? "; …" : ""}`,
    );
  }
  return parsed as unknown as JsonReport;
}

const occurrenceKey = ({ location, layer }: Occurrence): string =>
  JSON.stringify([
    location.path,
    location.virtualSource ?? "",
    location.start.line,
    location.start.column,
    layer,
  ]);

const diagnosticKey = (diagnostic: Diagnostic): string =>
  JSON.stringify([diagnostic.code, diagnostic.path ?? "", diagnostic.message]);

function mergeFindings(reports: readonly JsonReport[]): Finding[] {
  const byFingerprint = new Map<string, { finding: Finding; seen: Set<string> }>();
  for (const finding of reports.flatMap((report) => report.findings)) {
    const entry = byFingerprint.get(finding.fingerprint);
    if (!entry) {
      byFingerprint.set(finding.fingerprint, {
        finding: { ...finding, occurrences: [...finding.occurrences] },
        seen: new Set(finding.occurrences.map(occurrenceKey)),
      });
      continue;
    }
    // A value's fingerprint is its secret alone: another shard may have named it by a more specific rule.
    if (compareClaims(finding, entry.finding) < 0) {
      const { ruleId, title, message, remediation } = finding;
      Object.assign(entry.finding, { ruleId, title, message, remediation });
    }
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.finding.severity])
      entry.finding.severity = finding.severity;
    for (const occurrence of finding.occurrences) {
      const key = occurrenceKey(occurrence);
      if (entry.seen.has(key)) continue;
      entry.seen.add(key);
      entry.finding.occurrences.push(occurrence);
    }
  }
  return sortFindings([...byFingerprint.values()].map((entry) => entry.finding));
}

function mergeStats(reports: readonly JsonReport[]): ScanStats {
  const suppressed: Record<string, number> = {};
  for (const report of reports) {
    for (const [reason, count] of Object.entries(report.stats.suppressed ?? {}))
      suppressed[reason] = (suppressed[reason] ?? 0) + count;
  }
  const sum = (field: "filesScanned" | "filesSkipped" | "bytesScanned") =>
    reports.reduce((total, report) => total + (report.stats[field] ?? 0), 0);
  return {
    filesScanned: sum("filesScanned"),
    filesSkipped: sum("filesSkipped"),
    bytesScanned: sum("bytesScanned"),
    // Shards run side by side: the merged scan took as long as its slowest shard.
    durationMs: Math.max(0, ...reports.map((report) => report.stats.durationMs ?? 0)),
    suppressed,
  };
}

/**
 * One result from the shard reports. Shards run with --show-secrets carry each secret in full: unless
 * the merge is asked to show them too, the secrets are dropped and every string is passed through a
 * redactor that knows them, as the scan itself would have done.
 */
export function mergeReports(reports: readonly JsonReport[], showSecrets = false): ScanResult {
  const hashKeyId = sharedHashKeyId(reports);
  const diagnostics = new Map<string, Diagnostic>();
  for (const diagnostic of reports.flatMap((report) => report.diagnostics))
    diagnostics.set(diagnosticKey(diagnostic), diagnostic);
  const findings = mergeFindings(reports);
  // Reports are input: a title or path holding control characters or `::` commands is printed inert.
  const merged = printableStrings({
    findings,
    diagnostics: [...diagnostics.values()],
    stats: mergeStats(reports),
    ...(hashKeyId === undefined ? {} : { hashKeyId }),
  });
  if (showSecrets) return merged;
  const secrets = merged.findings.flatMap((finding) =>
    finding.secret === undefined ? [] : [{ secret: finding.secret, evidence: finding.evidence }],
  );
  const redactor = new SecretRedactor(
    knownSecrets(secrets, (secret) => compiledFor().publicPrefixOf(secret)),
  );
  return {
    ...merged,
    findings: redactor.deep(merged.findings.map(({ secret: _secret, ...finding }) => finding)),
    diagnostics: redactor.deep(merged.diagnostics),
  };
}

/**
 * The key every shard hashed with. Shards keyed differently (CLIENTLEAK_HASH_KEY unset or not the same in
 * every job) give one secret a different fingerprint in each shard: merged, it would count as several
 * findings, so the merge stops instead of reporting wrong numbers. Reports without an id (written before
 * hashes were keyed) are not checked.
 */
function sharedHashKeyId(reports: readonly JsonReport[]): string | undefined {
  const ids = new Set(
    reports.flatMap((report) => (report.hashKeyId === undefined ? [] : [report.hashKeyId])),
  );
  if (ids.size > 1)
    throw new UsageError(
      `the shard reports were hashed with ${ids.size} different keys, so their findings cannot be joined: set ${HASH_KEY_ENV} to the same secret value in every shard job and scan again`,
    );
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** The threshold the shards agreed on; if they differ, the strictest (lowest) one. */
export function mergedFailOn(reports: readonly JsonReport[]): Severity {
  return reports
    .map((report) => report.failOn)
    .reduce((lowest, failOn) => (SEVERITY_RANK[failOn] < SEVERITY_RANK[lowest] ? failOn : lowest));
}

/** Every string in a merged result as one printable line; the secret (under --show-secrets) as it is. */
function printableStrings<T>(value: T): T {
  const walk = (item: unknown, key?: string): unknown => {
    if (typeof item === "string") return key === "secret" ? item : oneLine(item);
    if (Array.isArray(item)) return item.map((entry) => walk(entry));
    if (!isRecord(item)) return item;
    return Object.fromEntries(Object.entries(item).map(([name, entry]) => [name, walk(entry, name)]));
  };
  return walk(value) as T;
}
