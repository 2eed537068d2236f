/**
 * From per-file secrets to the findings a user sees, as an ordered list of small pure steps (secretlint's
 * cleanupMessages is the model): merge by fingerprint → rule overrides → allowlists → redact → sort.
 * Each step returns the findings that survive and counts what it hid, so nothing disappears silently.
 */

import type { FoundSecret } from "../model/types.js";
import { type Finding, type Occurrence, SEVERITY_RANK, type Severity } from "../model/types.js";
import { compareStrings } from "../text/compare.js";
import { fingerprint, sha256Hex } from "./fingerprint.js";
import { isShipped } from "./shipped.js";

/** A finding that still carries its secret; only `redact` turns it into a printable Finding. */
export type WorkingFinding = Finding & { secret: string };

export interface PipelineContext {
  remediation(ruleId: string): string;
  severityOverrides: ReadonlyMap<string, Severity | "off">;
  isAllowedPath(path: string): boolean;
  allowedSecretHashes: ReadonlySet<string>;
  showSecrets: boolean;
  /** Extra steps (inline suppressions, baseline) run after the allowlists, in order. */
  extraSteps?: readonly PipelineStep[];
}

export interface StepResult {
  findings: WorkingFinding[];
  /** Reason → number of findings hidden by this step. */
  hidden?: Record<string, number>;
}

export type PipelineStep = (findings: WorkingFinding[], context: PipelineContext) => StepResult;

export function buildFindings(
  found: readonly FoundSecret[],
  context: PipelineContext,
): { findings: Finding[]; suppressed: Record<string, number> } {
  const steps: PipelineStep[] = [
    applyRuleOverrides,
    applyPathAllowlist,
    applySecretAllowlist,
    ...(context.extraSteps ?? []),
  ];
  let findings = merge(found, context);
  const suppressed: Record<string, number> = {};
  for (const step of steps) {
    const result = step(findings, context);
    findings = result.findings;
    for (const [reason, count] of Object.entries(result.hidden ?? {})) {
      if (count > 0) suppressed[reason] = (suppressed[reason] ?? 0) + count;
    }
  }
  return {
    findings: sortFindings(findings).map((finding) => redact(finding, context.showSecrets)),
    suppressed,
  };
}

export function merge(
  found: readonly FoundSecret[],
  context: Pick<PipelineContext, "remediation">,
): WorkingFinding[] {
  const byFingerprint = new Map<string, WorkingFinding>();
  for (const item of found) {
    const id = fingerprint(item.ruleId, item.secret);
    const existing = byFingerprint.get(id);
    if (existing) {
      existing.occurrences.push(item.occurrence);
      if (SEVERITY_RANK[item.severity] > SEVERITY_RANK[existing.severity]) existing.severity = item.severity;
      continue;
    }
    byFingerprint.set(id, {
      ruleId: item.ruleId,
      title: item.title,
      severity: item.severity,
      fingerprint: id,
      secretHash: sha256Hex(item.secret),
      redacted: item.redacted,
      ...(item.evidence === undefined ? {} : { evidence: item.evidence }),
      secretLength: item.secret.length,
      message: item.message ?? item.title,
      remediation: context.remediation(item.ruleId),
      occurrences: [item.occurrence],
      secret: item.secret,
    });
  }
  return [...byFingerprint.values()];
}

const applyRuleOverrides: PipelineStep = (findings, { severityOverrides }) => {
  let off = 0;
  const kept: WorkingFinding[] = [];
  for (const finding of findings) {
    const override = severityOverrides.get(finding.ruleId);
    if (override === "off") off++;
    else kept.push(override ? { ...finding, severity: override } : finding);
  }
  return { findings: kept, hidden: { "rule off": off } };
};

/**
 * The shape every occurrence-level filter shares (inline ignores, baseline): drop the occurrences
 * `keep` rejects, drop findings left with none, and count those under `reason`.
 */
export function keepOccurrences(
  findings: readonly WorkingFinding[],
  reason: string,
  keep: (finding: WorkingFinding, occurrence: WorkingFinding["occurrences"][number]) => boolean,
): StepResult {
  let hidden = 0;
  const kept: WorkingFinding[] = [];
  for (const finding of findings) {
    const occurrences = finding.occurrences.filter((occurrence) => keep(finding, occurrence));
    if (occurrences.length === 0) hidden++;
    else kept.push(occurrences.length === finding.occurrences.length ? finding : { ...finding, occurrences });
  }
  return { findings: kept, hidden: { [reason]: hidden } };
}

const applyPathAllowlist: PipelineStep = (findings, { isAllowedPath }) =>
  keepOccurrences(
    findings,
    "allowlisted path",
    (_finding, occurrence) => !isAllowedPath(occurrence.location.path),
  );

const applySecretAllowlist: PipelineStep = (findings, { allowedSecretHashes }) => {
  const kept = findings.filter((finding) => !allowedSecretHashes.has(finding.secretHash));
  const hidden = findings.length - kept.length;
  return { findings: kept, hidden: { "allowlisted secret": hidden } };
};

/** The code a developer edits first, then the copies that shipped (bundles, maps); by place within each. */
function compareOccurrences(a: Occurrence, b: Occurrence): number {
  const left = a.location;
  const right = b.location;
  return (
    Number(isShipped(a)) - Number(isShipped(b)) ||
    compareStrings(left.path, right.path) ||
    compareStrings(left.virtualSource ?? "", right.virtualSource ?? "") ||
    left.start.line - right.start.line ||
    left.start.column - right.start.column
  );
}

/** Most severe first; then by rule and first location, so output is identical run to run. */
export function sortFindings<T extends Finding>(findings: T[]): T[] {
  for (const finding of findings) finding.occurrences.sort(compareOccurrences);
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareOccurrences(a.occurrences[0]!, b.occurrences[0]!) ||
      compareStrings(a.fingerprint, b.fingerprint),
  );
}

function redact(finding: WorkingFinding, showSecrets: boolean): Finding {
  const { secret, ...rest } = finding;
  return showSecrets ? { ...rest, secret } : rest;
}
