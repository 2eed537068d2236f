/**
 * A file to scan, wherever its bytes come from: the file system, the git index (`--staged`) or a commit
 * (`--diff`). The scanner only ever sees this interface.
 */
export interface FileSource {
  /** Display path: relative to the working directory, forward slashes. */
  path: string;
  /** On-disk path when there is one; used for globs and config-relative matching. */
  absolutePath: string;
  size: number;
  read(): Promise<Buffer>;
  /** The source map scanned together with this file, as one unit (see sourcemap/companions.ts). */
  companion?: FileSource;
}
