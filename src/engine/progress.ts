/**
 * Progress of a scan, counted as each unit of work (a file, or a bundle with its source map) is finished,
 * inline or in a worker: "done" means scanned, not merely read or handed to a worker, so the bytes done
 * measure the work done and the estimate built on them is honest. The totals are the summary's own: files
 * skipped before the scan (by type, too large) count as done from the start, and a file that turns out
 * not to be scanned (binary, unreadable) or to hold more than its size (.gz) corrects the byte total, so
 * the last update says what the summary says.
 */
import type { ScanProgress } from "../model/types.js";
import type { FileSource } from "../walk/source.js";
import type { FileResult } from "./scan-bytes.js";

export type ProgressListener = (progress: ScanProgress) => void;

export interface ProgressTracker {
  /** The units the scan will work through, after bundles were paired with their maps. */
  start(units: readonly FileSource[]): void;
  /** One unit finished (scanned or skipped). */
  done(unit: FileSource, result: FileResult): void;
}

const unitBytes = (unit: FileSource) => unit.size + (unit.companion?.size ?? 0);

/** A tracker reporting to `listener`; `skippedBefore` files were skipped before any was read. */
export function createProgressTracker(listener: ProgressListener, skippedBefore: number): ProgressTracker {
  const progress: ScanProgress = {
    filesDone: skippedBefore,
    filesTotal: skippedBefore,
    filesSkipped: skippedBefore,
    bytesDone: 0,
    bytesTotal: 0,
  };
  return {
    start(units) {
      progress.filesTotal += units.length;
      progress.bytesTotal = units.reduce((sum, unit) => sum + unitBytes(unit), 0);
      listener({ ...progress });
    },
    done(unit, result) {
      progress.filesDone++;
      if (!result.scanned) progress.filesSkipped++;
      progress.bytesDone += result.bytesScanned;
      progress.bytesTotal += result.bytesScanned - unitBytes(unit);
      listener({ ...progress });
    },
  };
}
