/**
 * The commits of a `--diff`/`--since` range, scanned one by one (#15): each commit's added lines are
 * scanned as the file they were added to (blank lines keep the line numbers), in batches, so a key that one
 * commit added and the next deleted is found although the head is clean. The result joins the head scan in
 * one pipeline step: a secret still at head keeps its head findings and learns which commit added it; a
 * secret that is gone is reported where it was added, with the commit that removed it, since it stays in
 * the history and must be rotated. One secret stays one finding.
 */
import path from "node:path";
import type { ScanSettings } from "../config/resolve.js";
import { type ScanOptions, scanSources } from "../engine/scan.js";
import type { PipelineStep, WorkingFinding } from "../findings/pipeline.js";
import type { CommitRef, Diagnostic, Occurrence } from "../model/types.js";
import { displayPathOf } from "../walk/git.js";
import { type CommitFileAdditions, rangeAdditions } from "../walk/history.js";
import type { FileSource } from "../walk/source.js";
import { createFileAdmission } from "../walk/walker.js";

/** Added text scanned per engine call: large enough to amortise the call, small enough to stay bounded. */
const BATCH_BYTES = 8 * 1024 * 1024;
/** Copies of one secret kept from the history; the first ones name where it came in. */
const MAX_OCCURRENCES = 20;

interface HistorySecret {
  finding: WorkingFinding;
  occurrences: Occurrence[];
  introducedIndex: number;
  removedIn?: CommitRef;
}

export interface History {
  /** Raw secret → what the range's commits added of it. */
  secrets: ReadonlyMap<string, HistorySecret>;
  diagnostics: Diagnostic[];
}

export interface HistoryOptions extends Pick<ScanOptions, "rules" | "jobs" | "showSecrets"> {
  prefix: string;
  range: { base: string; head: string };
}

/** The secrets the commits of the range added, each with the commit that added it and, if so, removed it. */
export async function scanHistory(settings: ScanSettings, options: HistoryOptions): Promise<History> {
  const secrets = new Map<string, HistorySecret>();
  const diagnostics: Diagnostic[] = [];
  // Excluded and by-name skipped paths are left out as at head; what they say was said by the head scan.
  const admits = createFileAdmission(settings, []);
  const stream = {
    cwd: settings.cwd,
    ...options.range,
    pathspecs: settings.roots,
    maxBytes: settings.maxFileSizeBytes,
  };
  let batch: { source: FileSource; additions: CommitFileAdditions }[] = [];
  let batchBytes = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const byPath = new Map(batch.map((item) => [item.source.path, item.additions]));
    const captured: WorkingFinding[] = [];
    const result = await scanSources(
      batch.map((item) => item.source),
      settings,
      {
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.jobs ? { jobs: options.jobs } : {}),
        showSecrets: options.showSecrets ?? false,
        // The step sees the findings with their secrets (after allowlists); nothing more is needed.
        extraSteps: [
          (findings) => {
            for (const finding of findings) captured.push(finding);
            return { findings: [] };
          },
        ],
      },
    );
    batch = [];
    batchBytes = 0;
    for (const finding of captured) {
      if (finding.evidence === "code") continue;
      for (const occurrence of finding.occurrences) {
        const additions = byPath.get(occurrence.location.path);
        if (additions)
          record(
            secrets,
            finding,
            result.redactor.deep({ ...occurrence, commit: additions.commit }),
            additions,
          );
      }
    }
  };

  for await (const additions of rangeAdditions(stream)) {
    const display = displayPathOf(options.prefix, additions.gitPath);
    const absolutePath = path.join(settings.cwd, display);
    if (!admits(absolutePath, 0)) continue;
    if (additions.tooLarge) {
      diagnostics.push({
        code: "skipped-too-large",
        path: display,
        message: `skipped in commit ${additions.commit.short}: it added more than the size limit to this file`,
        skipped: true,
      });
      continue;
    }
    // One path per batch: an occurrence names its file by path, which must lead to one commit.
    if (batch.some((item) => item.source.path === display) || batchBytes > BATCH_BYTES) await flush();
    const bytes = Buffer.from(placedLines(additions.lines), "utf8");
    batch.push({
      source: { path: display, absolutePath, size: bytes.length, read: async () => bytes },
      additions,
    });
    batchBytes += bytes.length;
  }
  await flush();
  if (secrets.size > 0) await findRemovals(stream, secrets);
  return { secrets, diagnostics };
}

function record(
  secrets: Map<string, HistorySecret>,
  finding: WorkingFinding,
  occurrence: Occurrence,
  additions: CommitFileAdditions,
): void {
  let entry = secrets.get(finding.secret);
  if (!entry) {
    entry = { finding, occurrences: [], introducedIndex: additions.commitIndex };
    secrets.set(finding.secret, entry);
  }
  if (entry.occurrences.length < MAX_OCCURRENCES) entry.occurrences.push(occurrence);
}

/** The added lines at their line numbers, blank lines between: positions match the commit's file. */
function placedLines(lines: readonly { line: number; text: string }[]): string {
  const parts: string[] = [];
  let next = 1;
  for (const { line, text } of lines) {
    if (line > next) parts.push("\n".repeat(line - next));
    parts.push(text, "\n");
    next = line + 1;
  }
  return parts.join("");
}

/**
 * Which later commit of the range deleted each secret: a second pass over the same log, reading removed
 * lines, run only when the first found secrets (rare, and then worth the seconds).
 */
async function findRemovals(
  stream: Parameters<typeof rangeAdditions>[0],
  secrets: Map<string, HistorySecret>,
): Promise<void> {
  const pending = [...secrets.entries()];
  const removals = rangeAdditions({
    ...stream,
    onRemoved: ({ commitIndex, commit, text }) => {
      for (const [secret, entry] of pending) {
        if (entry.removedIn === undefined && commitIndex > entry.introducedIndex && text.includes(secret))
          entry.removedIn = commit;
      }
    },
  });
  for await (const _ of removals) {
    // Only the removed lines matter here; the additions were scanned in the first pass.
  }
}

/**
 * The pipeline step of the head scan that joins the history in: runs after the diff status, before the
 * suppressions and the baseline (which then apply to history findings too).
 */
export function createHistoryStep(history: () => History | undefined): PipelineStep {
  return (findings) => {
    const known = history();
    if (!known || known.secrets.size === 0) return { findings };
    const atHead = new Set(findings.map((finding) => finding.secret));
    const joined = findings.map((finding) => {
      const entry = finding.evidence === "code" ? undefined : known.secrets.get(finding.secret);
      if (!entry) return finding;
      return {
        ...finding,
        occurrences: finding.occurrences.map((occurrence) =>
          occurrence.status === "existing"
            ? occurrence
            : { ...occurrence, commit: addedBy(entry, occurrence) },
        ),
      };
    });
    for (const [secret, entry] of known.secrets) {
      if (atHead.has(secret)) continue;
      joined.push({
        ...entry.finding,
        occurrences: entry.occurrences.map(({ frame, ...occurrence }) => ({
          ...occurrence,
          // Only the commit's added lines were scanned: the frame's other lines are blanks, not context.
          ...(frame ? { frame: frame.filter((line) => line.match) } : {}),
          status: "new",
          commit: { ...occurrence.commit!, ...(entry.removedIn ? { removedIn: entry.removedIn } : {}) },
        })),
      });
    }
    return { findings: joined };
  };
}

/** The commit that added this head copy: the one that added it to this file, else the first to add it. */
function addedBy(entry: HistorySecret, occurrence: Occurrence): CommitRef {
  const samePath = entry.occurrences.find((copy) => copy.location.path === occurrence.location.path);
  return (samePath ?? entry.occurrences[0]!).commit!;
}
