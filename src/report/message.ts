/**
 * The one-paragraph message of a finding where a format has only a string (SARIF's `message.text`, a
 * GitHub annotation): whole sentences joined with spaces, so a rule message that ends in a full stop
 * never reads "…to a vendor.: whsec_…".
 */
import type { Finding, Occurrence } from "../model/types.js";

/** `text` as a sentence: trimmed, first letter upper-cased, ending in one full stop (or ? / !). */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.:;,\s]+$/, "");
  if (trimmed === "") return "";
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[?!]$/.test(trimmed) ? "" : "."}`;
}

/** Sentences, empty ones dropped, joined with single spaces. */
export function sentences(...parts: readonly string[]): string {
  return parts.map(sentence).filter(Boolean).join(" ");
}

/** What leaked and where it lives: the rule's message, the redacted value, the exposure case. */
export function findingSummary(finding: Finding): string {
  const value = finding.evidence === "code" ? `Found: ${finding.redacted}` : `Secret: ${finding.redacted}`;
  return sentences(finding.message, value, finding.exposure?.summary ?? "");
}

/**
 * `--diff`/`--since`: the commit of the range that added a copy, and the one that removed it again (the
 * copy is then not at head, but it is in the history, so the secret must still be rotated).
 */
export function commitNote(occurrence: Pick<Occurrence, "commit">, place?: string): string {
  const { commit } = occurrence;
  if (!commit) return "";
  const subject = commit.subject.length > 60 ? `${commit.subject.slice(0, 59)}…` : commit.subject;
  const added = `added ${place ? `to ${place} ` : ""}in ${commit.short} (${commit.date.slice(0, 10)}, "${subject}")`;
  return commit.removedIn
    ? `${added} and removed in ${commit.removedIn.short}: still in the git history, rotate it`
    : added;
}

/** Every copy was removed inside the range: no line at head to point at. */
export function onlyInHistory(finding: Finding): boolean {
  return finding.occurrences.every((occurrence) => occurrence.commit?.removedIn !== undefined);
}
