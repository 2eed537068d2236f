/**
 * Progress of a scan, counted where every path of the scanner passes: the read of each file. Reads happen
 * on the main thread whether files are scanned inline or in the worker pool, and the pool reads a file
 * only when a worker is about to take it, so "read" is "being scanned now" to within a file or two.
 */
import type { ScanProgress } from "../model/types.js";
import type { FileSource } from "../walk/source.js";

export type ProgressListener = (progress: ScanProgress) => void;

/** `files`, each reporting to `listener` once its read has finished (or failed: a skip is done too). */
export function trackProgress(
  files: readonly FileSource[],
  listener?: ProgressListener,
): readonly FileSource[] {
  if (!listener) return files;
  const progress: ScanProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((sum, file) => sum + file.size, 0),
  };
  return files.map((file) => ({
    ...file,
    read: async () => {
      try {
        return await file.read();
      } finally {
        progress.filesDone++;
        progress.bytesDone += file.size;
        listener({ ...progress });
      }
    },
  }));
}
