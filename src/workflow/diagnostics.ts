/**
 * What the CLI, the Action and `merge` share when they talk to a terminal: whether to colour, and how
 * diagnostics reach stderr.
 */
import { isRoutineSkip } from "../model/diagnostics.js";
import type { Diagnostic } from "../model/types.js";
import { printableLine } from "../text/printable.js";
import type { CliIo } from "./io.js";

/** How many diagnostics are written to stderr before the rest are only counted. */
const DIAGNOSTICS_SHOWN = 20;

export function useColor(io: CliIo, flags: { color: boolean; output?: string }): boolean {
  if (!flags.color || flags.output || io.env.NO_COLOR !== undefined || io.env.CI !== undefined) return false;
  return io.stdout.isTTY === true;
}

export interface DiagnosticsOptions {
  /** List skips by design too (images, fonts, lockfiles): `--verbose`. */
  verbose?: boolean;
  /** The text report already lists the skipped files: stderr does not repeat them. */
  skipsInReport?: boolean;
}

/** What reaches stderr: every problem, the skips a user should act on, and each of them once. */
export function diagnosticsToWrite(
  diagnostics: readonly Diagnostic[],
  options: DiagnosticsOptions = {},
): Diagnostic[] {
  return diagnostics.filter((diagnostic) => {
    if (!diagnostic.skipped) return true;
    if (options.skipsInReport) return false;
    return options.verbose === true || !isRoutineSkip(diagnostic);
  });
}

export function writeDiagnostics(
  all: readonly Diagnostic[],
  io: CliIo,
  options: DiagnosticsOptions = {},
): void {
  const diagnostics = diagnosticsToWrite(all, options);
  for (const diagnostic of diagnostics.slice(0, DIAGNOSTICS_SHOWN)) {
    // A file name can hold a newline or a terminal escape: printed raw, it could forge log lines.
    const where = diagnostic.path ? `${printableLine(diagnostic.path)}: ` : "";
    io.stderr.write(`clientleak: ${where}${printableLine(diagnostic.message)}\n`);
  }
  if (diagnostics.length > DIAGNOSTICS_SHOWN) {
    io.stderr.write(
      `clientleak: … ${diagnostics.length - DIAGNOSTICS_SHOWN} more diagnostics (all of them are in --format json)\n`,
    );
  }
}
