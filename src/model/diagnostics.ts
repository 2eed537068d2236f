import type { Diagnostic, DiagnosticCode } from "./types.js";

/**
 * Skips by design: files clientleak does not read because they cannot hold code a browser runs (images,
 * fonts, media, lockfiles, other binaries) or because following them would leave the scan roots
 * (symbolic links, devices). Every run has them, so outputs count them and list them only when asked
 * (`--verbose`); the skips a user should act on (too large, unreadable) are always listed.
 */
const ROUTINE_SKIPS: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  "skipped-excluded-type",
  "skipped-binary",
  "skipped-symlink",
  "skipped-not-a-file",
]);

export function isRoutineSkip(diagnostic: Pick<Diagnostic, "code">): boolean {
  return ROUTINE_SKIPS.has(diagnostic.code);
}
