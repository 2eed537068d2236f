/**
 * Optional per-stage timing, for the benchmark's breakdown (walk, read, prefilter, regex, extractors,
 * findings, report). `CLIENTLEAK_TIMING=<file>` turns it on; the main thread writes the totals there as
 * JSON when the process exits. Off by default, when `timing` is undefined and every call site costs one
 * optional-chaining check.
 *
 * Totals are milliseconds summed over calls: in a pooled scan the workers' stages add up across threads,
 * so they measure work done, not wall time.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

export type StageTotals = Record<string, number>;

export class StageTimer {
  private totals: StageTotals = {};

  start(): number {
    return performance.now();
  }

  /** Adds the time since `startedAt` (a value from `start()`) to `stage`. */
  stop(stage: string, startedAt: number): void {
    this.totals[stage] = (this.totals[stage] ?? 0) + (performance.now() - startedAt);
  }

  /** Adds totals measured elsewhere (a worker thread). */
  add(totals: StageTotals): void {
    for (const [stage, ms] of Object.entries(totals)) this.totals[stage] = (this.totals[stage] ?? 0) + ms;
  }

  /** Returns the totals so far and starts again from zero (a worker hands them over per task). */
  take(): StageTotals {
    const taken = this.totals;
    this.totals = {};
    return taken;
  }
}

const target = process.env.CLIENTLEAK_TIMING;

export const timing: StageTimer | undefined = target ? new StageTimer() : undefined;

if (timing && target && isMainThread) {
  process.on("exit", () => {
    const rounded = Object.fromEntries(
      Object.entries(timing.take()).map(([stage, ms]) => [stage, Math.round(ms * 10) / 10]),
    );
    writeFileSync(target, `${JSON.stringify(rounded)}\n`);
  });
}
