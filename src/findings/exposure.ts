/**
 * Severity by where the value lives (#15 item 4). The same key is three different problems:
 *
 * - `client`: a copy ships to the browser (build output, client code, a variable behind a public env
 *   prefix). Everyone who loads the page has it: the rule's severity stands.
 * - `repository`: every copy is in server-only places (an env file without a public prefix, server code)
 *   and at least one of those files is tracked by git. It never reaches a browser, but everyone with
 *   the repository or its history has it: at most high, with its own message and remediation.
 * - `local`: every copy is in server-only places git does not track (ignored or untracked), or there is
 *   no repository. That is the backend setup the remediation text recommends, not a leak: `info` for an
 *   env file, `low` for server code (which is usually committed next).
 *
 * Git's view comes from one batched lookup for the few files that need it (walk/git.ts).
 */
import type { Finding, Occurrence, Severity } from "../model/types.js";
import { SEVERITY_RANK } from "../model/types.js";
import { classify } from "../walk/classify.js";
import type { GitFileState } from "../walk/git.js";
import { isShipped } from "./shipped.js";

export type ExposureCase = NonNullable<Finding["exposure"]>["case"];

/** Git's view of display paths; undefined when there is no repository to ask. */
export type FileStates = (paths: readonly string[]) => ReadonlyMap<string, GitFileState> | undefined;

const REPOSITORY_CAP: Severity = "high";

const REPOSITORY_REMEDIATION =
  "Rotate the value (git history keeps every committed copy), delete it from the tracked file and keep " +
  "it in an untracked, git-ignored .env file or a secret store that only the server reads.";
const LOCAL_REMEDIATION =
  "Nothing ships to the browser: keep the file out of git (add it to .gitignore if it is not ignored yet) " +
  "and keep the value out of client code and out of publicly prefixed variables.";

function isEnvFile(occurrence: Occurrence): boolean {
  return classify(occurrence.location.path, "") === "env";
}

/** Why copies reach the browser, the most telling first. */
const CLIENT_REASONS = [
  "behind a public env prefix, the bundler publishes it",
  "in client code",
  "in build output that ships to the browser",
] as const;

/** Why one copy reaches the browser, or undefined for a server-only place. */
function clientReason(occurrence: Occurrence): (typeof CLIENT_REASONS)[number] | undefined {
  if (occurrence.publicEnv) return CLIENT_REASONS[0];
  if (isShipped(occurrence)) return CLIENT_REASONS[2];
  if (isEnvFile(occurrence) || occurrence.serverOnly) return undefined;
  return CLIENT_REASONS[1];
}

function capped(severity: Severity, cap: Severity): Severity {
  return SEVERITY_RANK[severity] > SEVERITY_RANK[cap] ? cap : severity;
}

function describeState(state: GitFileState | undefined): string {
  if (state === "ignored") return "git ignores it";
  if (state === "untracked") return "git does not track it";
  return "it is not in a git repository";
}

/**
 * Each finding with its case decided from its copies and git's view of their files, its severity and its
 * wording. Code evidence (an SDK call, an env name) is about client code already and passes unchanged.
 */
export function applyExposure<T extends Finding>(findings: readonly T[], fileStates: FileStates): T[] {
  const serverOnly = findings.filter(
    (finding) => finding.evidence !== "code" && finding.occurrences.every((o) => !clientReason(o)),
  );
  const paths = [...new Set(serverOnly.flatMap((f) => f.occurrences.map((o) => o.location.path)))];
  const states = serverOnly.length ? fileStates(paths) : undefined;
  return findings.map((finding) => withExposure(finding, states));
}

function withExposure<T extends Finding>(
  finding: T,
  states: ReadonlyMap<string, GitFileState> | undefined,
): T {
  if (finding.evidence === "code") return finding;
  const reasons = new Set(finding.occurrences.map(clientReason));
  const client = CLIENT_REASONS.find((reason) => reasons.has(reason));
  if (client) return { ...finding, exposure: { case: "client", summary: `client leak: ${client}` } };
  const stateOf = (occurrence: Occurrence) => states?.get(occurrence.location.path);
  const tracked = finding.occurrences.find((occurrence) => stateOf(occurrence) === "tracked");
  if (tracked) {
    return {
      ...finding,
      severity: capped(finding.severity, REPOSITORY_CAP),
      remediation: REPOSITORY_REMEDIATION,
      exposure: {
        case: "repository",
        summary: `repository leak: tracked by git in ${tracked.location.path}; not shipped to the browser, but everyone with the repository or its history has it`,
      },
    };
  }
  const [first] = finding.occurrences;
  const onlyEnv = finding.occurrences.every(isEnvFile);
  return {
    ...finding,
    severity: capped(finding.severity, onlyEnv ? "info" : "low"),
    remediation: LOCAL_REMEDIATION,
    exposure: {
      case: "local",
      summary: `not a client leak: a server-only value in ${first!.location.path} (${describeState(stateOf(first!))}), which does not ship to the browser`,
    },
  };
}
