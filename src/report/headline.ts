/**
 * The counts every headline gives (text summary, Markdown heading, the bundler plugins' build error):
 * leaked secrets and code findings (an SDK constructed in the browser, a secret-named variable) are
 * counted apart, so "2 secrets" means two secret values, however many files their copies sit in.
 */
import { type Finding, SEVERITIES, type Severity } from "../model/types.js";

export interface HeadlineGroup {
  /** "secret" or "code finding", already pluralised with the count: "2 secrets". */
  label: string;
  count: number;
  /** Non-zero counts, most severe first. */
  bySeverity: { severity: Severity; count: number }[];
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function group(findings: readonly Finding[], noun: string): HeadlineGroup {
  return {
    label: plural(findings.length, noun),
    count: findings.length,
    bySeverity: SEVERITIES.map((severity) => ({
      severity,
      count: findings.filter((finding) => finding.severity === severity).length,
    })).filter(({ count }) => count > 0),
  };
}

/** The secrets first, then the code findings; a group with nothing in it is left out. */
export function headlineGroups(findings: readonly Finding[]): HeadlineGroup[] {
  const code = findings.filter((finding) => finding.evidence === "code");
  const secrets = findings.filter((finding) => finding.evidence !== "code");
  return [group(secrets, "secret"), group(code, "code finding")].filter(({ count }) => count > 0);
}

/** `2 secrets (1 critical, 1 high), 1 code finding (1 medium)`. */
export function headlineCounts(findings: readonly Finding[]): string {
  return headlineGroups(findings)
    .map(
      ({ label, bySeverity }) =>
        `${label} (${bySeverity.map(({ severity, count }) => `${count} ${severity}`).join(", ")})`,
    )
    .join(", ");
}
