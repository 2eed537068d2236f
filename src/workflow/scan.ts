/**
 * The scan as the CLI and the GitHub Action run it: where files come from (the tree, the git index, a
 * commit range), then the workflow steps on top of the engine — inline ignores, diff status, baseline —
 * and which findings decide the exit status.
 */
import path from "node:path";
import type { ScanSettings } from "../config/resolve.js";
import { ruleIds, type ScanOptions, type ScanOutcome, scan } from "../engine/scan.js";
import { baselineFileNote, createBaselineFilter, readBaseline } from "../findings/baseline.js";
import { createDiffStatusStep, isNewFinding } from "../findings/diff-status.js";
import type { PipelineStep } from "../findings/pipeline.js";
import { createInlineSuppressions, IGNORE_MARKER, type InlineSuppressions } from "../findings/suppress.js";
import { UsageError } from "../model/errors.js";
import type { Diagnostic, Finding } from "../model/types.js";
import { decodeFile } from "../walk/decode.js";
import {
  type GitFiles,
  type LineRanges,
  rangeFiles,
  repositoryPrefix,
  stagedFiles,
  untrackedRoots,
} from "../walk/git.js";
import type { BlobReader } from "../walk/git-blobs.js";
import type { FileSource } from "../walk/source.js";
import { walkRoots } from "../walk/walker.js";
import { EXIT, getExitCode } from "./exit-codes.js";
import { createHistoryStep, type History, scanHistory } from "./history.js";

export interface WorkflowScanOptions extends ScanOptions {
  /** Scan what is staged (the index), not the working tree. */
  staged?: boolean;
  /** Scan the files a range changed, at its head: `base...head` or `base..head`. */
  diff?: string;
  /** `--since <ref>`: the same as `--diff <ref>...HEAD`. */
  since?: string;
  /** A baseline file (relative to cwd) whose known findings are hidden. */
  baseline?: string;
  /** In diff mode, let findings that were already there before the range fail the run too. */
  failOnExisting?: boolean;
}

export interface WorkflowOutcome extends ScanOutcome {
  /** The findings that decide the exit status: all of them, or in diff mode only the new ones. */
  failing: Finding[];
  /** Unused, malformed and unknown-rule ignore directives (what `--report-unused-ignores` fails on). */
  ignoreProblems: Diagnostic[];
  /** Diff mode: the commits compared. */
  range?: { base: string; head: string };
}

export async function scanWorkflow(options: WorkflowScanOptions): Promise<WorkflowOutcome> {
  const cwd = options.cwd ?? process.cwd();
  if ([options.staged, options.diff, options.since].filter(Boolean).length > 1) {
    throw new UsageError("use only one of --staged, --diff and --since");
  }
  const range = options.diff ?? (options.since === undefined ? undefined : `${options.since}...HEAD`);
  const suppressions = createInlineSuppressions(ruleIds(options.rules));
  let addedLines: ReadonlyMap<string, LineRanges> | undefined;
  let comparedRange: { base: string; head: string } | undefined;
  let blobs: BlobReader | undefined;
  let history: History | undefined;

  const collect = async (settings: ScanSettings) => {
    const picked: GitFiles = options.staged
      ? stagedFiles(settings)
      : range
        ? await rangeAndBuildOutput(settings, range)
        : await (options.collect ?? walkRoots)(settings);
    if (picked.range) {
      // Every commit of the range, not only its head: a key added and deleted again is still in history.
      history = await scanHistory(settings, {
        prefix: repositoryPrefix(settings.cwd, "--diff"),
        range: picked.range,
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.jobs ? { jobs: options.jobs } : {}),
        showSecrets: options.showSecrets ?? false,
      });
      picked.diagnostics.push(...history.diagnostics);
    }
    addedLines = picked.addedLines;
    comparedRange = picked.range;
    blobs = picked.blobs;
    return {
      files: picked.files.map((file) => observed(file, suppressions)),
      diagnostics: picked.diagnostics,
    };
  };

  const steps: PipelineStep[] = [];
  if (range)
    steps.push(
      createDiffStatusStep(() => addedLines ?? new Map()),
      createHistoryStep(() => history),
    );
  steps.push(suppressions.step);
  let baselineNotice: string | undefined;
  if (options.baseline) {
    const file = path.resolve(cwd, options.baseline);
    const baseline = readBaseline(file);
    baselineNotice = baselineFileNote(baseline, options.baseline);
    steps.push(createBaselineFilter(baseline, { baselineFile: file, cwd }));
  }

  const outcome = await scan({
    ...options,
    cwd,
    collect,
    extraSteps: [...(options.extraSteps ?? []), ...steps],
  }).finally(() => blobs?.close());
  // A file git could not hand over was never scanned: that is an error, never a clean result.
  const gitFailure = blobs?.failure();
  if (gitFailure)
    throw new UsageError(`could not read the files from git, so nothing was scanned: ${gitFailure}`);
  // Ignore comments and file names are input: what is said of them passes through the scan's redactor.
  const ignoreProblems = outcome.redactor.deep(suppressions.diagnostics());
  const notes: Diagnostic[] = options.baseline
    ? outcome.redactor.deep([
        baselineNote(outcome.stats.suppressed.baseline ?? 0, options.baseline!),
        ...(baselineNotice ? [{ code: "baseline" as const, message: baselineNotice }] : []),
      ])
    : [];
  const failing = range && !options.failOnExisting ? outcome.findings.filter(isNewFinding) : outcome.findings;
  return {
    ...outcome,
    diagnostics: [...outcome.diagnostics, ...ignoreProblems, ...notes],
    failing,
    ignoreProblems,
    ...(comparedRange ? { range: comparedRange } : {}),
  };
}

function baselineNote(hidden: number, file: string): Diagnostic {
  return {
    code: "baseline",
    message: `${hidden} known finding${hidden === 1 ? "" : "s"} hidden by baseline ${file}`,
  };
}

/**
 * Lets the inline suppressions see the text the scanner sees (the staged blob in `--staged`), without a
 * second read: the bytes pass through on their way to the scanner, and only files that contain the
 * marker are decoded here.
 */
function observed(file: FileSource, suppressions: InlineSuppressions): FileSource {
  return {
    ...file,
    read: async () => {
      const bytes = await file.read();
      if (bytes.includes(IGNORE_MARKER)) {
        const decoded = decodeFile(file.path, bytes);
        if (!("skipped" in decoded)) suppressions.observe(file.path, decoded.text);
      }
      return bytes;
    },
  };
}

/** 1 when a failing finding is at or above fail-on, or when asked to fail on ignore problems and there are some. */
export function workflowExitCode(outcome: WorkflowOutcome, reportUnusedIgnores: boolean): number {
  const code = getExitCode(outcome.failing, outcome.settings.failOn);
  return reportUnusedIgnores && outcome.ignoreProblems.length > 0 ? Math.max(code, EXIT.findings) : code;
}

/** The files a range changed, plus every file under a root git does not track (build output), in full. */
async function rangeAndBuildOutput(settings: ScanSettings, range: string): Promise<GitFiles> {
  const changed = rangeFiles(settings, range);
  const untracked = untrackedRoots(settings);
  if (untracked.length === 0) return changed;
  const built = await walkRoots({ ...settings, roots: untracked });
  return {
    ...changed,
    files: [...changed.files, ...built.files],
    diagnostics: [...changed.diagnostics, ...built.diagnostics],
  };
}
