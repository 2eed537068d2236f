import type { StepResult, WorkingFinding } from "./pipeline.js";

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
