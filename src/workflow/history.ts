/**
 * The commits of a `--diff`/`--since` range, scanned one by one (#15): each commit's added lines are
 * scanned as the file they were added to, in batches, so a key that one
 * commit added and the next deleted is found although the head is clean. The result joins the head scan in
 * one pipeline step: a secret still at head keeps its head findings and learns which commit added it; a
 * secret that is gone is reported where it was added, with the commit that removed it, since it stays in
 * the history and must be rotated. One secret stays one finding.
 */
import path from "node:path";
import type { ScanSettings } from "../config/resolve.js";
import { type ScanOptions, scanSources } from "../engine/scan.js";
import type { PipelineStep, WorkingFinding } from "../findings/pipeline.js";
import type { SecretRedactor } from "../findings/redact.js";
import type { CommitRef, Diagnostic, Occurrence } from "../model/types.js";
import { displayPathOf } from "../walk/git.js";
import { type CommitFileAdditions, rangeAdditions } from "../walk/history.js";
import { createFileAdmission } from "../walk/walker.js";

/** Added text scanned per engine call: large enough to amortise the call, small enough to stay bounded. */
const BATCH_BYTES = 8 * 1024 * 1024;
/** Copies of one secret kept from the history; the first ones name where it came in. */
const MAX_OCCURRENCES = 20;
/** Files named to git in the removal pass; past this the pass reads the whole roots. */
const MAX_REMOVAL_PATHS = 200;
/**
 * The batch's commit subjects, scanned as one more text so that a key pasted into a commit message is
 * known to the redactor (reports print subjects). Under `.git/`, where no scanned file can be; its own
 * matches are not history findings (no line of a file added them).
 */
const SUBJECTS_PATH = ".git/clientleak-commit-subjects.txt";

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

/**
 * The lines the batch's commits added to one path, one after another (a blank line between runs that are
 * not adjacent in their commit's file), and for each line of this text where it came from.
 */
interface PathText {
  path: string;
  absolutePath: string;
  parts: string[];
  /** Per line of the text (0-based): the commit's additions it came from (-1: a separator) and its line. */
  origin: number[];
  line: number[];
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
  // All commits' additions to a path go into one text, so a batch is one engine call however many commits
  // it spans (one call per commit cost ~100 ms each: rules compiled, project and git states read again).
  let texts = new Map<string, PathText>();
  let commits: CommitFileAdditions[] = [];
  let batchBytes = 0;
  // Every batch's redactor: what one batch found must not be printed through another's subjects.
  const redactors: SecretRedactor[] = [];
  const redact = <T>(value: T): T => redactors.reduce((current, redactor) => redactor.deep(current), value);

  const flush = async () => {
    if (texts.size === 0) return;
    const batch = texts;
    const origins = commits;
    texts = new Map();
    commits = [];
    batchBytes = 0;
    const captured: WorkingFinding[] = [];
    const subjects = [...new Set(origins.map((additions) => additions.commit.subject))].join("\n");
    const scanned = [
      ...[...batch.values()].map((text) => ({ ...text, content: `${text.parts.join("\n")}\n` })),
      { path: SUBJECTS_PATH, absolutePath: path.join(settings.cwd, SUBJECTS_PATH), content: `${subjects}\n` },
    ];
    const result = await scanSources(
      scanned.map((text) => {
        const bytes = Buffer.from(text.content, "utf8");
        return {
          path: text.path,
          absolutePath: text.absolutePath,
          size: bytes.length,
          read: async () => bytes,
        };
      }),
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
    redactors.push(result.redactor);
    for (const finding of captured) {
      if (finding.evidence === "code") continue;
      for (const occurrence of finding.occurrences) {
        const text = batch.get(occurrence.location.path);
        const placed = text && placeInCommit(occurrence, text, origins);
        if (placed) record(secrets, finding, redact(placed.occurrence), placed.additions);
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
    if (batchBytes > BATCH_BYTES) await flush();
    let text = texts.get(display);
    if (!text) {
      text = { path: display, absolutePath, parts: [], origin: [], line: [] };
      texts.set(display, text);
    }
    const slot = commits.push(additions) - 1;
    let previous = -1;
    for (const { line, text: content } of additions.lines) {
      if (text.parts.length > 0 && line !== previous + 1) {
        text.parts.push("");
        text.origin.push(-1);
        text.line.push(0);
      }
      text.parts.push(content);
      text.origin.push(slot);
      text.line.push(line);
      previous = line;
      batchBytes += content.length + 1;
    }
  }
  await flush();
  if (secrets.size > 0) await findRemovals(stream, secrets, redact);
  return { secrets, diagnostics };
}

/**
 * An occurrence in a batch text, moved to the commit and line it was added at. Only the line that holds
 * the secret is kept of its frame: the text around it is other runs, not the file's context.
 */
function placeInCommit(
  occurrence: Occurrence,
  text: PathText,
  origins: readonly CommitFileAdditions[],
): { occurrence: Occurrence; additions: CommitFileAdditions } | undefined {
  const { location } = occurrence;
  // Inside a map's embedded source the position is not a line of the text: the first run stands for it.
  const inText = location.virtualSource === undefined;
  const index = inText ? location.start.line - 1 : text.origin.findIndex((slot) => slot >= 0);
  const additions = origins[text.origin[index] ?? -1];
  if (!additions) return undefined;
  const start = inText ? text.line[index]! : location.start.line;
  const end = start + (location.end.line - location.start.line);
  const { frame, ...rest } = occurrence;
  const matched = frame
    ?.filter((line) => line.match)
    .map((line, offset) => ({ ...line, line: (inText ? start : line.line) + offset }));
  return {
    additions,
    occurrence: {
      ...rest,
      location: {
        ...location,
        start: { ...location.start, line: start },
        end: { ...location.end, line: end },
      },
      ...(matched ? { frame: matched } : {}),
      commit: additions.commit,
    },
  };
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
  // Within a batch findings come by path, not by commit: the earliest commit is the one that added it.
  if (additions.commitIndex < entry.introducedIndex) {
    entry.introducedIndex = additions.commitIndex;
    entry.occurrences.unshift(occurrence);
    entry.occurrences.length = Math.min(entry.occurrences.length, MAX_OCCURRENCES);
  } else if (entry.occurrences.length < MAX_OCCURRENCES) entry.occurrences.push(occurrence);
}

/**
 * Which later commit of the range deleted each secret: a second pass over the log, reading removed lines,
 * run only when the first found secrets, and only from the first commit that added one and over the
 * files they were added to (git spends its time producing patches, so this pass is short).
 */
async function findRemovals(
  stream: Parameters<typeof rangeAdditions>[0],
  secrets: Map<string, HistorySecret>,
  redact: <T>(value: T) => T,
): Promise<void> {
  const entries = [...secrets.entries()].map(([secret, entry]) => ({
    secret,
    entry,
    introducedBy: entry.occurrences[0]!.commit!.sha,
  }));
  const earliest = entries.reduce((first, item) =>
    item.entry.introducedIndex < first.entry.introducedIndex ? item : first,
  );
  const paths = [...new Set(entries.flatMap(({ entry }) => entry.occurrences.map((o) => o.location.path)))];
  // The range starts after the earliest introducing commit: what it added is looked for from the start;
  // what a later commit added, from the commit after it.
  let active = entries.filter((item) => item.introducedBy === earliest.introducedBy);
  let previous: string | undefined;
  const removals = rangeAdditions({
    ...stream,
    base: earliest.introducedBy,
    pathspecs: paths.length <= MAX_REMOVAL_PATHS ? paths : stream.pathspecs,
    onCommit: (commit) => {
      if (previous !== undefined)
        active = [...active, ...entries.filter((item) => item.introducedBy === previous)];
      previous = commit.sha;
    },
    onRemoved: ({ commit, text }) => {
      for (const { secret, entry } of active)
        if (entry.removedIn === undefined && text.includes(secret)) entry.removedIn = redact(commit);
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
        occurrences: entry.occurrences.map((occurrence) => ({
          ...occurrence,
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
