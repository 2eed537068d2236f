/**
 * From per-file secrets to the findings a user sees, as an ordered list of small pure steps (secretlint's
 * cleanupMessages is the model): merge by fingerprint → rule overrides → allowlists → redact → sort.
 * Each step returns the findings that survive and counts what it hid, so nothing disappears silently.
 */

import type { FoundSecret } from "../model/types.js";
import { type Finding, type Occurrence, SEVERITY_RANK, type Severity } from "../model/types.js";
import { compareStrings } from "../text/compare.js";
import { applyExposure, type FileStates } from "./exposure.js";
import { hasherFor, type SecretHasher, sha256Hex } from "./fingerprint.js";
import { isShipped } from "./shipped.js";
import { CONTEXT_RULES, mostSpecific } from "./specificity.js";

/** A finding that still carries its secret; only `redact` turns it into a printable Finding. */
export type WorkingFinding = Finding & { secret: string };

/**
 * While the pipeline runs, an occurrence also knows every rule that matched that copy (a value named
 * `medblocks/webhook-secret` may sit where only `webhook/signing-secret` matched): an inline ignore may
 * name any of them. Dropped before output.
 */
type WorkingOccurrence = Occurrence & { matchedRules?: readonly string[] };

/** The rule ids an inline ignore may name to silence this occurrence of `finding`. */
export function rulesAt(finding: Pick<Finding, "ruleId">, occurrence: Occurrence): readonly string[] {
  return (occurrence as WorkingOccurrence).matchedRules ?? [finding.ruleId];
}

export interface PipelineContext {
  remediation(ruleId: string): string;
  severityOverrides: ReadonlyMap<string, Severity | "off">;
  isAllowedPath(path: string): boolean;
  /** Plain sha256 hex digests of secrets to hide (config `allow.secrets`); compared, never printed. */
  allowedSecretHashes: ReadonlySet<string>;
  showSecrets: boolean;
  /**
   * Key of the published hashes (`secretHash`, `fingerprint`); default the run's key (fingerprint.ts).
   * `baseline create` passes the baseline's own key, so its entries are the findings' hashes.
   */
  hashKey?: string;
  /** Git's view of files, for severity by exposure; without it every file counts as outside git. */
  fileStates?: FileStates;
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
    applyExposureStep,
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

/**
 * One secret, one finding: found secrets are grouped by their value (code evidence by rule and value),
 * the most specific rule any copy earned names the group (specificity.ts), and copies of one place found
 * by several rules become one occurrence. A context rule's match adds its context to that occurrence.
 */
export function merge(
  found: readonly FoundSecret[],
  context: Pick<PipelineContext, "remediation" | "hashKey">,
): WorkingFinding[] {
  const hasher = hasherFor(context.hashKey);
  const groups = new Map<string, FoundSecret[]>();
  for (const item of found) {
    const key = item.evidence === "code" ? `code\0${item.ruleId}\0${item.secret}` : `value\0${item.secret}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].map((group) => mergeGroup(group, context, hasher));
}

function mergeGroup(
  group: readonly FoundSecret[],
  context: Pick<PipelineContext, "remediation">,
  hasher: SecretHasher,
) {
  const named = mostSpecific(group);
  const byPlace = new Map<string, Occurrence>();
  const rulesByPlace = new Map<string, Set<string>>();
  let severity = named.severity;
  for (const item of group) {
    if (SEVERITY_RANK[item.severity] > SEVERITY_RANK[severity]) severity = item.severity;
    const occurrence = withRuleContext(item, named.ruleId);
    const key = placeKey(occurrence);
    const existing = byPlace.get(key);
    byPlace.set(key, existing ? combineOccurrences(existing, occurrence) : occurrence);
    const rules = rulesByPlace.get(key);
    if (rules) rules.add(item.ruleId);
    else rulesByPlace.set(key, new Set([named.ruleId, item.ruleId]));
  }
  const occurrences = [...byPlace].map(
    ([key, occurrence]): WorkingOccurrence => ({ ...occurrence, matchedRules: [...rulesByPlace.get(key)!] }),
  );
  const finding: WorkingFinding = {
    ruleId: named.ruleId,
    title: named.title,
    severity,
    fingerprint: hasher.fingerprint(named, named.secret),
    secretHash: hasher.secretHash(named.secret),
    redacted: named.redacted,
    ...(named.evidence === undefined ? {} : { evidence: named.evidence }),
    secretLength: named.secret.length,
    message: named.message ?? named.title,
    remediation: context.remediation(named.ruleId),
    occurrences,
    secret: named.secret,
  };
  return finding;
}

/** A context rule's occurrence under another rule's name carries what the context rule said, as a note. */
function withRuleContext(item: FoundSecret, namedRuleId: string): Occurrence {
  const label = CONTEXT_RULES.get(item.ruleId);
  if (label === undefined) return item.occurrence;
  const marked: Occurrence = { ...item.occurrence, publicEnv: true };
  if (item.ruleId === namedRuleId) return marked;
  // The rule's own note says how the value is published; its message repeats the same under its name.
  const [how, ...rest] = item.occurrence.notes ?? [item.message ?? item.title];
  return { ...marked, notes: [`${label}. ${how}`, ...rest] };
}

function placeKey(occurrence: Occurrence): string {
  const { location } = occurrence;
  return [location.path, location.virtualSource ?? "", location.start.line, location.start.column].join("\0");
}

/** Two rules' view of one place: one occurrence, with the notes and markers of both. */
function combineOccurrences(kept: Occurrence, other: Occurrence): Occurrence {
  const notes = [...new Set([...(kept.notes ?? []), ...(other.notes ?? [])])];
  return {
    ...other,
    ...kept,
    ...(notes.length ? { notes } : {}),
    ...(kept.publicEnv || other.publicEnv ? { publicEnv: true } : {}),
  };
}

const applyExposureStep: PipelineStep = (findings, { fileStates }) => ({
  findings: applyExposure(findings, fileStates ?? (() => undefined)),
});

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
  if (allowedSecretHashes.size === 0) return { findings };
  const kept = findings.filter((finding) => !allowedSecretHashes.has(sha256Hex(finding.secret)));
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
  const occurrences = rest.occurrences.map(
    ({ matchedRules: _rules, ...occurrence }: WorkingOccurrence) => occurrence,
  );
  return showSecrets ? { ...rest, occurrences, secret } : { ...rest, occurrences };
}
