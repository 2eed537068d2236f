/**
 * The progress line of a long scan, on stderr only (stdout is the report). On a terminal it appears once a
 * scan has run for half a second and is redrawn in place; in CI logs it never appears unless asked for
 * with `--progress`, and then as a plain line every few seconds (a log cannot redraw) and a last line
 * whose numbers are the summary's.
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
  /** Least time between two lines (default: 100 ms redrawn, 2 s as log lines). */
  intervalMs?: number;
}

export interface ProgressLine {
  update(progress: ScanProgress): void;
  /** Draws the last progress again when a line is due: a long file must not freeze the line or the log. */
  tick(): void;
  /** Clears a redrawn line so the report and diagnostics start on a clean line; ends a log with totals. */
  finish(): void;
}

const DEFAULT_DELAY_MS = 500;
const DEFAULT_INTERVAL_MS: Readonly<Record<ProgressMode, number>> = { redraw: 100, lines: 2_000 };
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

/**
 * `scanMs` is the time since the scan of the files began (walking and setup are not part of the rate).
 * The estimate is the time per byte scanned so far applied to the bytes left; bytes count when a file
 * is finished, so a file still in a worker adds nothing yet.
 */
export function describeProgress(progress: ScanProgress, scanMs: number): string {
  const { filesDone, filesTotal, bytesDone, bytesTotal } = progress;
  const parts = [
    `scanning ${filesDone}/${filesTotal} files`,
    `${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`,
  ];
  if (bytesDone > 0 && bytesDone < bytesTotal) {
    parts.push(`about ${formatDuration((scanMs * (bytesTotal - bytesDone)) / bytesDone)} left`);
  }
  return `clientleak: ${parts.join(", ")}`;
}

/** The last line in a log: the same counts as the summary (scanned, skipped, bytes). */
export function describeDone(progress: ScanProgress, scanMs: number): string {
  const scanned = progress.filesDone - progress.filesSkipped;
  const skipped = progress.filesSkipped ? `, ${progress.filesSkipped} skipped` : "";
  return `clientleak: scanned ${scanned} file${scanned === 1 ? "" : "s"} (${formatBytes(progress.bytesDone)})${skipped} in ${formatDuration(scanMs)}`;
}

export function createProgressLine(stream: ProgressStream, options: ProgressOptions): ProgressLine {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS[options.mode];
  const started = now();
  let scanStarted: number | undefined;
  let latest: ScanProgress | undefined;
  let lastDrawn: number | undefined;

  const draw = () => {
    const time = now();
    if (!latest || time - started < delayMs) return;
    if (lastDrawn !== undefined && time - lastDrawn < intervalMs) return;
    lastDrawn = time;
    const line = describeProgress(latest, time - (scanStarted ?? started));
    if (options.mode === "lines") stream.write(`${line}\n`);
    else stream.write(`${CLEAR_LINE}${stream.columns ? line.slice(0, stream.columns - 1) : line}`);
  };

  return {
    update(progress) {
      // The first update is the start of the scan proper: the rate is measured from there.
      scanStarted ??= now();
      latest = progress;
      draw();
    },
    tick: draw,
    finish() {
      if (lastDrawn === undefined) return;
      if (options.mode === "redraw") stream.write(CLEAR_LINE);
      else if (latest) stream.write(`${describeDone(latest, now() - (scanStarted ?? started))}\n`);
    },
  };
}

/** The progress line this run should show, if any, kept moving by a timer between files. */
export function startProgress(
  io: Pick<CliIo, "stderr" | "env">,
  flags: { progress?: boolean; quiet?: boolean },
): ProgressLine | undefined {
  const mode = progressMode(io, flags);
  if (!mode) return undefined;
  const line = createProgressLine(io.stderr, { mode });
  const timer = setInterval(line.tick, DEFAULT_INTERVAL_MS[mode]);
  // The timer never keeps the process alive on its own.
  timer.unref();
  return {
    update: line.update,
    tick: line.tick,
    finish() {
      clearInterval(timer);
      line.finish();
    },
  };
}
