import { atLeast, type Finding, type Severity } from "../model/types.js";

export const EXIT = {
  /** Nothing at or above --fail-on. */
  clean: 0,
  /** At least one finding at or above --fail-on. */
  findings: 1,
  /** Usage error, invalid config, unreadable root, internal error. */
  error: 2,
} as const;

export function getExitCode(findings: readonly Finding[], failOn: Severity): number {
  return findings.some((finding) => atLeast(finding.severity, failOn)) ? EXIT.findings : EXIT.clean;
}
