/**
 * `clientleak scan -`: standard input as one file, as other scanners allow (`cat bundle.js | clientleak
 * scan - --stdin-filename dist/app.js`). The label is the file's name in every report and decides how it
 * is read (`.env`, `.map`, `.js`), so an editor or a pipeline can name what it pipes in.
 */
import path from "node:path";
import type { ScanSettings } from "../config/resolve.js";
import { UsageError } from "../model/errors.js";
import type { WalkResult } from "../walk/walker.js";

/** What a report calls standard input when no --stdin-filename names it. */
export const STDIN_LABEL = "<stdin>";

export type StdinStream = AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

/** `paths` asks for standard input: exactly `-`; `-` next to other paths is a usage error. */
export function wantsStdin(paths: readonly string[]): boolean {
  if (!paths.includes("-")) return false;
  if (paths.length > 1)
    throw new UsageError("`-` (standard input) cannot be scanned together with other paths");
  return true;
}

/** A collect step for the scan workflow that yields standard input as the one file to scan. */
export function stdinFiles(stream: StdinStream, label: string | undefined) {
  return async (settings: ScanSettings): Promise<WalkResult> => {
    const name = label ?? STDIN_LABEL;
    const display = name.split(path.sep).join("/");
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      // Over the limit the rest is drained unread, so memory stays bounded like any other file's.
      if (size <= settings.maxFileSizeBytes) chunks.push(bytes);
    }
    if (size > settings.maxFileSizeBytes) {
      return {
        files: [],
        diagnostics: [
          {
            code: "skipped-too-large",
            path: display,
            message: `skipped: ${(size / 1048576).toFixed(1)} MB is over --max-file-size ${(settings.maxFileSizeBytes / 1048576).toFixed(0)} MB`,
            skipped: true,
          },
        ],
      };
    }
    const bytes = Buffer.concat(chunks);
    return {
      files: [
        { path: display, absolutePath: path.resolve(settings.cwd, name), size, read: async () => bytes },
      ],
      diagnostics: [],
    };
  };
}
