/**
 * The baseline: known findings a team has accepted for now, so a scan fails only on what is new.
 *
 * An entry is a rule id and the sha256 of the secret, optionally bound to a path (relative to the
 * baseline file). No raw secret, no line numbers (a moved line keeps its entry), no timestamps. The file is
 * JSON with one entry per line, sorted, so two branches that each add an entry merge without conflict.
 * A path-bound entry hides the secret only in that file: the same secret showing up in a NEW file is
 * still reported.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describeError, UsageError } from "../model/errors.js";
import { readFailure, readTextFileSync } from "../model/safe-read.js";

/** Far above any real baseline (one short entry per finding), far below what breaks the process. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

import type { Finding, Occurrence } from "../model/types.js";
import { compareStrings } from "../text/compare.js";
import { toPosix } from "../walk/path-match.js";
import { keepOccurrences, type PipelineStep } from "./pipeline.js";

export const DEFAULT_BASELINE_FILE = ".clientleak-baseline.json";
const FORMAT = "clientleak-baseline";
const VERSION = 1;
const SHA256 = /^[0-9a-f]{64}$/;

export interface BaselineEntry {
  ruleId: string;
  secretSha256: string;
  /** Relative to the baseline file's directory, forward slashes. Absent: the secret anywhere. */
  path?: string;
}

/** Where the baseline lives and where the scan's display paths start, to compare paths between them. */
export interface BaselinePlaces {
  baselineFile: string;
  cwd: string;
}

export function readBaseline(file: string): BaselineEntry[] {
  if (!existsSync(file))
    throw new UsageError(`baseline ${file} does not exist (create it with: clientleak baseline create)`);
  let text: string;
  try {
    text = readTextFileSync(file, MAX_BASELINE_BYTES);
  } catch (error) {
    throw new UsageError(`baseline ${file} cannot be read (${readFailure(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${file} is not valid JSON (${describeError(error)})`);
  }
  const document = parsed as { format?: unknown; version?: unknown; entries?: unknown };
  if (document?.format !== FORMAT || document.version !== VERSION || !Array.isArray(document.entries)) {
    throw new UsageError(
      `baseline ${file} is not a clientleak baseline (expected {"format": "${FORMAT}", "version": ${VERSION}, "entries": [...]})`,
    );
  }
  return document.entries.map((entry, index) => validEntry(entry, `${file}: entries[${index}]`));
}

function validEntry(value: unknown, where: string): BaselineEntry {
  const entry = value as Partial<BaselineEntry> | null;
  if (typeof entry?.ruleId !== "string" || entry.ruleId === "")
    throw new UsageError(`${where}.ruleId must be a rule id`);
  if (typeof entry.secretSha256 !== "string" || !SHA256.test(entry.secretSha256)) {
    throw new UsageError(`${where}.secretSha256 must be a lower-case sha256 hex digest`);
  }
  if (entry.path !== undefined && (typeof entry.path !== "string" || entry.path === ""))
    throw new UsageError(`${where}.path must be a path`);
  return {
    ruleId: entry.ruleId,
    secretSha256: entry.secretSha256,
    ...(entry.path === undefined ? {} : { path: entry.path }),
  };
}

/** Sorted, de-duplicated, one entry per line. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const lines = [...new Map(sortEntries(entries).map((entry) => [entryKey(entry), entry])).values()].map(
    (entry) =>
      JSON.stringify({
        ruleId: entry.ruleId,
        secretSha256: entry.secretSha256,
        ...(entry.path === undefined ? {} : { path: entry.path }),
      }),
  );
  const body = lines.length ? `\n    ${lines.join(",\n    ")}\n  ` : "";
  return `{\n  "format": "${FORMAT}",\n  "version": ${VERSION},\n  "entries": [${body}]\n}\n`;
}

function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort(
    (a, b) =>
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.secretSha256, b.secretSha256) ||
      compareStrings(a.path ?? "", b.path ?? ""),
  );
}

function entryKey(entry: BaselineEntry): string {
  return [entry.ruleId, entry.secretSha256, entry.path ?? ""].join("\0");
}

/** An occurrence's path as the baseline writes it: relative to the baseline file's directory. */
function baselinePath(occurrence: Occurrence, places: BaselinePlaces): string {
  const absolute = path.resolve(places.cwd, occurrence.location.path);
  return toPosix(path.relative(path.dirname(path.resolve(places.cwd, places.baselineFile)), absolute));
}

/** The entries that describe `findings`: one per finding and file, or one per finding with `anyPath`. */
export function entriesFor(
  findings: readonly Finding[],
  places: BaselinePlaces,
  anyPath = false,
): BaselineEntry[] {
  return findings.flatMap((finding) => {
    const base = { ruleId: finding.ruleId, secretSha256: finding.secretHash };
    if (anyPath) return [base];
    return [...new Set(finding.occurrences.map((occurrence) => baselinePath(occurrence, places)))].map(
      (file) => ({ ...base, path: file }),
    );
  });
}

/** Which entry, if any, covers one occurrence of a finding. */
function createMatcher(entries: readonly BaselineEntry[], places: BaselinePlaces) {
  const byKey = new Map(entries.map((entry) => [entryKey(entry), entry]));
  return (
    finding: Pick<Finding, "ruleId" | "secretHash">,
    occurrence: Occurrence,
  ): BaselineEntry | undefined => {
    const anywhere = { ruleId: finding.ruleId, secretSha256: finding.secretHash };
    return (
      byKey.get(entryKey(anywhere)) ??
      byKey.get(entryKey({ ...anywhere, path: baselinePath(occurrence, places) }))
    );
  };
}

/** The pipeline step for `--baseline`: hides known occurrences, and findings left with none. */
export function createBaselineFilter(
  entries: readonly BaselineEntry[],
  places: BaselinePlaces,
): PipelineStep {
  const matches = createMatcher(entries, places);
  return (findings) =>
    keepOccurrences(findings, "baseline", (finding, occurrence) => !matches(finding, occurrence));
}

export interface BaselineUpdate {
  entries: BaselineEntry[];
  added: number;
  pruned: number;
}

/**
 * `baseline update`: keep the entries that still match something (path-less ones stay path-less), add
 * entries for what no entry covers, and drop the stale ones whose secret is gone.
 */
export function updateBaseline(
  existing: readonly BaselineEntry[],
  findings: readonly Finding[],
  places: BaselinePlaces,
  anyPath = false,
): BaselineUpdate {
  const matches = createMatcher(existing, places);
  const kept = new Set<BaselineEntry>();
  const uncovered: Finding[] = [];
  for (const finding of findings) {
    const occurrences = finding.occurrences.filter((occurrence) => {
      const entry = matches(finding, occurrence);
      if (entry) kept.add(entry);
      return !entry;
    });
    if (occurrences.length > 0) uncovered.push({ ...finding, occurrences });
  }
  const added = entriesFor(uncovered, places, anyPath);
  return { entries: [...kept, ...added], added: added.length, pruned: existing.length - kept.size };
}
