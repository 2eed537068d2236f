/**
 * What a pre-commit hook says when it stops a commit. The report above it lists the findings; this is
 * the headline a developer in the middle of `git commit` needs: the commit did not happen, why, how to
 * silence a false positive, and what the escape hatch costs.
 */
import { IGNORE_MARKER } from "../findings/suppress.js";
import { atLeast, type Finding, type Severity } from "../model/types.js";
import { printableLine } from "../text/printable.js";

/** Whether this scan runs as a commit hook: `--staged` (install-hook, husky) or the pre-commit framework. */
export function runsAsCommitHook(flags: { staged?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return flags.staged === true || env.PRE_COMMIT === "1";
}

/** The lines to print after the report when findings block the commit; empty when nothing blocks. */
export function commitBlockedMessage(findings: readonly Finding[], failOn: Severity): string {
  const blocking = findings.filter((finding) => atLeast(finding.severity, failOn));
  const first = blocking[0];
  if (!first) return "";
  const where = first.occurrences[0]?.location;
  const place = where ? ` in ${printableLine(where.path)}:${where.start.line}` : "";
  const count = blocking.length === 1 ? "1 finding" : `${blocking.length} findings`;
  return [
    "",
    `clientleak: COMMIT BLOCKED: ${count} at or above "${failOn}" in what is being committed (first: ${first.ruleId}${place}).`,
    "  Fix: take the secret out of the file and stage it again; a key that must stay secret belongs on your server.",
    `  A false positive? Say so in a comment on that line: // ${IGNORE_MARKER} ${first.ruleId} -- <why it is safe>`,
    "  `git commit --no-verify` skips this check (and every other pre-commit hook): the secret then enters the",
    "  repository's history, and getting it out means revoking it and rewriting history.",
    "",
  ].join("\n");
}
