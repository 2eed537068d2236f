/**
 * The baseline: known findings a team has accepted for now, so a scan fails only on what is new.
 *
 * The file holds a random key and one entry per known finding: the rule that named it, a keyed hash of
 * the secret (HMAC-SHA256 with that key, fingerprint.ts), and optionally a path (relative to the
 * baseline file). No raw secret, no plain digest a dictionary could reverse, no line numbers (a moved
 * line keeps its entry), no timestamps. The key stays with the file, so an entry written yesterday
 * matches today; `baseline create` keeps the key of the file it replaces. Entries are JSON, one per line,
 * sorted, so two branches that each add an entry merge without conflict.
 *
 * An entry matches a finding by its secret, whatever rule names the finding now (a value first named by
 * `webhook/signing-secret` may later be named `medblocks/webhook-secret`); code evidence (which has no
 * secret, only a shape) matches by rule and value. A path-bound entry hides the secret only in that file:
 * the same secret showing up in a NEW file is still reported.
 *
 * Version 1 files held the plain sha256 of each secret. They are still read (an entry converts to the
 * keyed hash exactly, since keyed hashes are taken over that digest), with a note asking to rewrite the
 * file with `clientleak baseline update`.
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
import { withoutContentHashes } from "./content-hash.js";
import { keyedHasher, randomHashKey } from "./fingerprint.js";
import { keepOccurrences, type PipelineStep, type WorkingFinding } from "./pipeline.js";
import { isShipped } from "./shipped.js";

export const DEFAULT_BASELINE_FILE = ".clientleak-baseline.json";
const FORMAT = "clientleak-baseline";
const VERSION = 2;
const HEX64 = /^[0-9a-f]{64}$/;

export interface BaselineEntry {
  ruleId: string;
  /** HMAC-SHA256 of the secret's sha256 hex, keyed with the baseline's key. */
  secretHash: string;
  /** Relative to the baseline file's directory, forward slashes. Absent: the secret anywhere. */
  path?: string;
}

export interface Baseline {
  /** 64 hex characters of random key; every entry's hash is keyed with it. */
  key: string;
  entries: BaselineEntry[];
  /** Read from a version 1 file (plain sha256 entries, converted): it should be rewritten. */
  legacy?: boolean;
}

/** Where the baseline lives and where the scan's display paths start, to compare paths between them. */
export interface BaselinePlaces {
  baselineFile: string;
  cwd: string;
}

export function readBaseline(file: string): Baseline {
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
  const document = parsed as { format?: unknown; version?: unknown; key?: unknown; entries?: unknown };
  const known = document?.format === FORMAT && Array.isArray(document.entries);
  if (known && document.version === 1) return legacyBaseline(document.entries as unknown[], file);
  if (!known || document.version !== VERSION) {
    throw new UsageError(
      `baseline ${file} is not a clientleak baseline (expected {"format": "${FORMAT}", "version": ${VERSION}, "key": "…", "entries": [...]})`,
    );
  }
  if (typeof document.key !== "string" || !HEX64.test(document.key))
    throw new UsageError(`${file}: key must be 64 lower-case hex characters`);
  const entries = (document.entries as unknown[]).map((entry, index) =>
    validEntry(
      entry,
      `${file}: entries[${index}]`,
      "secretHash",
      "a keyed hash (64 lower-case hex characters)",
    ),
  );
  return { key: document.key, entries };
}

/** A version 1 file: each plain sha256 becomes the keyed hash under a fresh key. */
function legacyBaseline(entries: readonly unknown[], file: string): Baseline {
  const key = randomHashKey();
  const hasher = keyedHasher(key);
  return {
    key,
    legacy: true,
    entries: entries.map((entry, index) => {
      const valid = validEntry(
        entry,
        `${file}: entries[${index}]`,
        "secretSha256",
        "a lower-case sha256 hex digest",
      );
      return { ...valid, secretHash: hasher.fromSha256(valid.secretHash) };
    }),
  };
}

function validEntry(value: unknown, where: string, hashField: string, hashShape: string): BaselineEntry {
  const entry = value as Record<string, unknown> | null;
  if (typeof entry?.ruleId !== "string" || entry.ruleId === "")
    throw new UsageError(`${where}.ruleId must be a rule id`);
  const hash = entry[hashField];
  if (typeof hash !== "string" || !HEX64.test(hash))
    throw new UsageError(`${where}.${hashField} must be ${hashShape}`);
  if (entry.path !== undefined && (typeof entry.path !== "string" || entry.path === ""))
    throw new UsageError(`${where}.path must be a path`);
  return {
    ruleId: entry.ruleId,
    secretHash: hash,
    ...(entry.path === undefined ? {} : { path: entry.path }),
  };
}

/** What a scan with this baseline says about the file itself: how to rewrite an old one. */
export function baselineFileNote(baseline: Baseline, name: string): string | undefined {
  if (!baseline.legacy) return undefined;
  return (
    `baseline ${name} is in the old format: each entry holds the plain sha256 of its secret, which a ` +
    `dictionary reverses for a short password. It still applies. Rewrite it with keyed hashes: clientleak baseline update`
  );
}

/** The key a new baseline at `file` uses: the one already there (stable bytes, calm merges), else a new one. */
export function baselineKeyFor(file: string): string {
  if (!existsSync(file)) return randomHashKey();
  try {
    const existing = readBaseline(file);
    return existing.legacy ? randomHashKey() : existing.key;
  } catch {
    return randomHashKey();
  }
}

/** Sorted, de-duplicated, one entry per line. */
export function serializeBaseline(baseline: Pick<Baseline, "key" | "entries">): string {
  const lines = [
    ...new Map(sortEntries(baseline.entries).map((entry) => [entryKey(entry), entry])).values(),
  ].map((entry) =>
    JSON.stringify({
      ruleId: entry.ruleId,
      secretHash: entry.secretHash,
      ...(entry.path === undefined ? {} : { path: entry.path }),
    }),
  );
  const body = lines.length ? `\n    ${lines.join(",\n    ")}\n  ` : "";
  return `{\n  "format": "${FORMAT}",\n  "version": ${VERSION},\n  "key": "${baseline.key}",\n  "entries": [${body}]\n}\n`;
}

function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort(
    (a, b) =>
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.secretHash, b.secretHash) ||
      compareStrings(a.path ?? "", b.path ?? ""),
  );
}

function entryKey(entry: BaselineEntry): string {
  return [entry.ruleId, entry.secretHash, entry.path ?? ""].join("\0");
}

/** An occurrence's path as the baseline writes it: relative to the baseline file's directory. */
function baselinePath(occurrence: Occurrence, places: BaselinePlaces): string {
  const absolute = path.resolve(places.cwd, occurrence.location.path);
  const relative = toPosix(
    path.relative(path.dirname(path.resolve(places.cwd, places.baselineFile)), absolute),
  );
  // Build output is renamed by every build: bound to `index-[hash].js`, an entry survives the next one.
  return isShipped(occurrence) ? withoutContentHashes(relative) : relative;
}

/** The entries that describe `findings`: one per finding and file, or one per finding with `anyPath`. */
export function entriesFor(
  findings: readonly Finding[],
  places: BaselinePlaces,
  anyPath = false,
): BaselineEntry[] {
  return findings.flatMap((finding) => {
    const base = { ruleId: finding.ruleId, secretHash: finding.secretHash };
    if (anyPath) return [base];
    return [...new Set(finding.occurrences.map((occurrence) => baselinePath(occurrence, places)))].map(
      (file) => ({ ...base, path: file }),
    );
  });
}

type Matcher = (
  finding: Pick<Finding, "ruleId" | "evidence">,
  secretHash: string,
  occurrence: Occurrence,
) => BaselineEntry | undefined;

/**
 * Which entry, if any, covers one occurrence of a finding whose secret hashes to `secretHash` under the
 * baseline's key: by secret (any rule) for a value, by rule and value for code evidence; anywhere, or in
 * the occurrence's file.
 */
function createMatcher(entries: readonly BaselineEntry[], places: BaselinePlaces): Matcher {
  const lookup = (finding: Pick<Finding, "ruleId" | "evidence">, hash: string, file: string) =>
    [finding.evidence === "code" ? finding.ruleId : "", hash, file].join("\0");
  const byKey = new Map<string, BaselineEntry>();
  for (const entry of entries) {
    // An entry written with a build's hashed name (before names were normalised) matches later builds too.
    const paths = entry.path === undefined ? [""] : [entry.path, withoutContentHashes(entry.path)];
    for (const file of paths) {
      byKey.set(["", entry.secretHash, file].join("\0"), entry);
      byKey.set([entry.ruleId, entry.secretHash, file].join("\0"), entry);
    }
  }
  return (finding, hash, occurrence) =>
    byKey.get(lookup(finding, hash, "")) ??
    byKey.get(lookup(finding, hash, baselinePath(occurrence, places)));
}

/** The pipeline step for `--baseline`: hides known occurrences, and findings left with none. */
export function createBaselineFilter(baseline: Baseline, places: BaselinePlaces): PipelineStep {
  const matches = createMatcher(baseline.entries, places);
  const hasher = keyedHasher(baseline.key);
  const hashes = new WeakMap<WorkingFinding, string>();
  const hashOf = (finding: WorkingFinding) => {
    const known = hashes.get(finding);
    if (known !== undefined) return known;
    const hash = hasher.secretHash(finding.secret);
    hashes.set(finding, hash);
    return hash;
  };
  return (findings) =>
    keepOccurrences(
      findings,
      "baseline",
      (finding, occurrence) => !matches(finding, hashOf(finding), occurrence),
    );
}

export interface BaselineUpdate {
  entries: BaselineEntry[];
  added: number;
  pruned: number;
}

/**
 * `baseline update`: keep the entries that still match something (path-less ones stay path-less), add
 * entries for what no entry covers, and drop the stale ones whose secret is gone. `findings` were
 * hashed with the baseline's key (the scan ran with it).
 */
export function updateBaseline(
  existing: Baseline,
  findings: readonly Finding[],
  places: BaselinePlaces,
  anyPath = false,
): BaselineUpdate {
  const matches = createMatcher(existing.entries, places);
  const kept = new Set<BaselineEntry>();
  const uncovered: Finding[] = [];
  for (const finding of findings) {
    const occurrences = finding.occurrences.filter((occurrence) => {
      const entry = matches(finding, finding.secretHash, occurrence);
      if (entry) kept.add(entry);
      return !entry;
    });
    if (occurrences.length > 0) uncovered.push({ ...finding, occurrences });
  }
  const added = entriesFor(uncovered, places, anyPath);
  return {
    entries: [...kept, ...added],
    added: added.length,
    pruned: existing.entries.length - kept.size,
  };
}
