/**
 * The progress line of a long scan, on stderr only (stdout is the report). On a terminal it appears once a
 * scan has run for half a second and is redrawn in place; in CI logs it never appears unless asked for
 * with `--progress`, and then as an occasional plain line, since a log cannot redraw.
 */

import type { ScanProgress } from "../model/types.js";
import { formatBytes, formatDuration } from "../text/units.js";
import type { CliIo } from "../workflow/io.js";

export type ProgressMode = "redraw" | "lines";

export interface ProgressStream {
  write(text: string): unknown;
  /** Terminal width, when the stream is one; the line is cut to fit so a redraw never wraps. */
  columns?: number;
}

export interface ProgressOptions {
  mode: ProgressMode;
  /** Milliseconds on a monotonic clock; injectable so tests control time. */
  now?: () => number;
  /** Quiet start: scans shorter than this never show a line. */
  delayMs?: number;
  /** Least time between two lines (default: 100 ms redrawn, 10 s as log lines). */
  intervalMs?: number;
}

export interface ProgressLine {
  update(progress: ScanProgress): void;
  /** Clears a redrawn line so the report and diagnostics start on a clean line. */
  finish(): void;
}

const DEFAULT_DELAY_MS = 500;
const DEFAULT_INTERVAL_MS: Readonly<Record<ProgressMode, number>> = { redraw: 100, lines: 10_000 };
const CLEAR_LINE = "\r\x1b[K";

/**
 * Whether and how to show progress: `--progress` forces it (redrawn on a terminal, lines otherwise),
 * `--no-progress` and `--quiet` turn it off, and by default only a terminal outside CI gets it.
 */
export function progressMode(
  io: Pick<CliIo, "stderr" | "env">,
  flags: { progress?: boolean; quiet?: boolean },
): ProgressMode | undefined {
  const terminal = io.stderr.isTTY === true;
  if (flags.progress === true) return terminal ? "redraw" : "lines";
  if (flags.progress === false || flags.quiet || io.env.CI !== undefined) return undefined;
  return terminal ? "redraw" : undefined;
}

export function describeProgress(progress: ScanProgress, elapsedMs: number): string {
  const { filesDone, filesTotal, bytesDone, bytesTotal } = progress;
  const parts = [
    `scanning ${filesDone}/${filesTotal} files`,
    `${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`,
  ];
  // Time per byte so far predicts the rest; with no bytes yet there is nothing to predict from.
  if (bytesDone > 0 && bytesDone < bytesTotal) {
    parts.push(`about ${formatDuration((elapsedMs * (bytesTotal - bytesDone)) / bytesDone)} left`);
  }
  return `clientleak: ${parts.join(", ")}`;
}

export function createProgressLine(stream: ProgressStream, options: ProgressOptions): ProgressLine {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS[options.mode];
  const started = now();
  let lastDrawn: number | undefined;

  return {
    update(progress) {
      const time = now();
      if (time - started < delayMs) return;
      if (lastDrawn !== undefined && time - lastDrawn < intervalMs) return;
      lastDrawn = time;
      const line = describeProgress(progress, time - started);
      if (options.mode === "lines") stream.write(`${line}\n`);
      else stream.write(`${CLEAR_LINE}${stream.columns ? line.slice(0, stream.columns - 1) : line}`);
    },
    finish() {
      if (options.mode === "redraw" && lastDrawn !== undefined) stream.write(CLEAR_LINE);
    },
  };
}

/** The progress line this run should show, if any. */
export function startProgress(
  io: Pick<CliIo, "stderr" | "env">,
  flags: { progress?: boolean; quiet?: boolean },
): ProgressLine | undefined {
  const mode = progressMode(io, flags);
  return mode ? createProgressLine(io.stderr, { mode }) : undefined;
}
