/**
 * Diff mode (`--diff`, `--since`, the Action on a pull request): an occurrence on a line the range added
 * is "new"; anywhere else in a changed file it is "existing" — already there before the change, reported
 * but failing the run only with `--fail-on-existing`.
 */
import type { Finding, Occurrence } from "../model/types.js";
import type { LineRanges } from "../walk/git.js";
import type { PipelineStep } from "./pipeline.js";

export function rangesInclude(ranges: LineRanges, line: number): boolean {
  return ranges.some(([start, end]) => line >= start && line <= end);
}

/**
 * A position inside a source map's embedded original source is not a line of the `.map` file, so such an
 * occurrence is new when its file gained any line (a rebuilt map is rewritten whole). Files that are not
 * in `addedLines` (scanned in full next to the diff) are new.
 */
function statusOf(occurrence: Occurrence, addedLines: ReadonlyMap<string, LineRanges>): "new" | "existing" {
  const ranges = addedLines.get(occurrence.location.path);
  if (!ranges) return "new";
  if (occurrence.location.virtualSource !== undefined) return ranges.length > 0 ? "new" : "existing";
  const { start, end } = occurrence.location;
  for (let line = start.line; line <= end.line; line++) if (rangesInclude(ranges, line)) return "new";
  return "existing";
}

export function createDiffStatusStep(addedLines: () => ReadonlyMap<string, LineRanges>): PipelineStep {
  return (findings) => {
    const lines = addedLines();
    return {
      findings: findings.map((finding) => ({
        ...finding,
        occurrences: finding.occurrences.map((occurrence) => ({
          ...occurrence,
          status: statusOf(occurrence, lines),
        })),
      })),
    };
  };
}

/** Findings without a status come from a full scan: everything in them is new. */
export function isNewFinding(finding: Finding): boolean {
  return finding.occurrences.some((occurrence) => occurrence.status !== "existing");
}
