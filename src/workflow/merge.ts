/**
 * `clientleak merge`: shard reports (JSON, schemaVersion 1) back into one result. Findings are merged by
 * fingerprint, as the pipeline merges them within a scan: one finding per rule and secret, every distinct
 * occurrence kept, the highest severity wins. Reports are already redacted; nothing here sees a secret
 * unless the shards were run with --show-secrets.
 */

import { sortFindings } from "../findings/pipeline.js";
import { describeError, UsageError } from "../model/errors.js";
import {
  type Diagnostic,
  type Finding,
  type Occurrence,
  type ScanResult,
  type ScanStats,
  SEVERITY_RANK,
  type Severity,
} from "../model/types.js";

export interface JsonReport {
  schemaVersion: 1;
  failOn: Severity;
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: ScanStats;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFinding(value: unknown): value is Finding {
  return (
    isRecord(value) &&
    typeof value.fingerprint === "string" &&
    typeof value.severity === "string" &&
    Array.isArray(value.occurrences)
  );
}

export function parseJsonReport(text: string, name: string): JsonReport {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name}: not JSON (${describeError(error)})`);
  }
  if (!isRecord(report) || report.schemaVersion !== 1) {
    throw new UsageError(
      `${name}: not a clientleak JSON report with schemaVersion 1 (scan with --format json)`,
    );
  }
  if (
    !Array.isArray(report.findings) ||
    !report.findings.every(isFinding) ||
    !Array.isArray(report.diagnostics) ||
    !isRecord(report.stats)
  ) {
    throw new UsageError(`${name}: malformed clientleak report (findings, diagnostics or stats missing)`);
  }
  return report as unknown as JsonReport;
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

export function mergeReports(reports: readonly JsonReport[]): ScanResult {
  const diagnostics = new Map<string, Diagnostic>();
  for (const diagnostic of reports.flatMap((report) => report.diagnostics))
    diagnostics.set(diagnosticKey(diagnostic), diagnostic);
  return {
    findings: mergeFindings(reports),
    diagnostics: [...diagnostics.values()],
    stats: mergeStats(reports),
  };
}

/** The threshold the shards agreed on; if they differ, the strictest (lowest) one. */
export function mergedFailOn(reports: readonly JsonReport[]): Severity {
  return reports
    .map((report) => report.failOn)
    .reduce((lowest, failOn) => (SEVERITY_RANK[failOn] < SEVERITY_RANK[lowest] ? failOn : lowest));
}
