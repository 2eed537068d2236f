import fs from "node:fs";
import path from "node:path";
import type fg from "fast-glob";
import type { ScanSettings } from "../config/resolve.js";
import { describeError, UsageError } from "../model/errors.js";
import { readRegularFile } from "../model/safe-read.js";
import type { Diagnostic } from "../model/types.js";
import { compareStrings } from "../text/compare.js";
import { skipReasonByName } from "./classify.js";
import { createPathMatcher, toPosix } from "./path-match.js";
import type { FileSource } from "./source.js";

/** Never useful to scan and expensive to walk. Build output (`dist/`, `.next/`) is scanned: it is the point. */
export const DEFAULT_IGNORED_DIRECTORIES = ["**/.git/**", "**/node_modules/**"];

export interface WalkResult {
  files: FileSource[];
  diagnostics: Diagnostic[];
}

/**
 * Whether a file is scanned: include/exclude globs, skipped types and the size limit. Shared by the walker
 * and the git modes (staged blobs, files of a diff), so every source of files is filtered the same way.
 * Skips that the user should know about are pushed to `diagnostics`.
 */
export function createFileAdmission(
  settings: ScanSettings,
  diagnostics: Diagnostic[],
): (absolutePath: string, size: number) => boolean {
  const included = createPathMatcher(settings.include, settings.globBases);
  const excluded = createPathMatcher(settings.exclude, settings.globBases);
  return (absolutePath, size) => {
    const display = displayPath(settings.cwd, absolutePath);
    if (settings.include.length > 0 && !included(absolutePath)) return false;
    if (excluded(absolutePath)) return false;
    const reason = isOwnConfig(settings, absolutePath)
      ? "the clientleak config itself (its custom rules' examples are test values, proven at load)"
      : skipReasonByName(display);
    if (reason) {
      diagnostics.push({
        code: "skipped-excluded-type",
        path: display,
        message: `skipped: ${reason}`,
        skipped: true,
      });
      return false;
    }
    if (size > settings.maxFileSizeBytes) {
      diagnostics.push({
        code: "skipped-too-large",
        path: display,
        message: `skipped: ${(size / 1048576).toFixed(1)} MB is over --max-file-size ${(settings.maxFileSizeBytes / 1048576).toFixed(0)} MB`,
        skipped: true,
      });
      return false;
    }
    return true;
  };
}

/** The config that defines custom rules holds their examples, which look exactly like leaks. */
function isOwnConfig(settings: ScanSettings, absolutePath: string): boolean {
  return settings.customRules.length > 0 && settings.configFile === absolutePath;
}

export async function walkRoots(settings: ScanSettings): Promise<WalkResult> {
  const diagnostics: Diagnostic[] = [];
  const admits = createFileAdmission(settings, diagnostics);
  const byPath = new Map<string, FileSource>();

  const consider = (absolutePath: string, size: number) => {
    if (byPath.has(absolutePath) || !admits(absolutePath, size)) return;
    const display = displayPath(settings.cwd, absolutePath);
    // Read through safe-read: the file may have become a link, a FIFO or a bigger file since the walk.
    byPath.set(absolutePath, {
      path: display,
      absolutePath,
      size,
      read: () => readRegularFile(absolutePath, settings.maxFileSizeBytes),
    });
  };

  for (const root of settings.roots) {
    const absoluteRoot = path.resolve(settings.cwd, root);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(absoluteRoot);
    } catch (error) {
      throw new UsageError(
        `cannot scan ${root}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : describeError(error)}`,
      );
    }
    if (stats.isFile()) consider(absoluteRoot, stats.size);
    else if (stats.isDirectory()) await walkDirectory(absoluteRoot, settings.cwd, consider, diagnostics);
    else throw new UsageError(`cannot scan ${root}: not a file or directory`);
  }
  const files = [...byPath.values()].sort((a, b) => compareStrings(a.path, b.path));
  return { files, diagnostics };
}

async function walkDirectory(
  root: string,
  cwd: string,
  consider: (absolutePath: string, size: number) => void,
  diagnostics: Diagnostic[],
): Promise<void> {
  // Loaded here, not at start-up: a pre-commit scan of staged files never walks a directory (25 modules).
  const { default: glob } = await import("fast-glob");
  const entries = await glob("**/*", {
    cwd: root,
    absolute: true,
    dot: true,
    onlyFiles: false,
    objectMode: true,
    stats: true,
    followSymbolicLinks: false,
    ignore: DEFAULT_IGNORED_DIRECTORIES,
    fs: reportingFileSystem(cwd, diagnostics),
  });
  for (const entry of entries.sort((a, b) => compareStrings(a.path, b.path))) {
    const stats = entry.stats!;
    if (stats.isDirectory()) continue;
    const display = displayPath(cwd, entry.path);
    if (stats.isSymbolicLink()) {
      diagnostics.push({
        code: "skipped-symlink",
        path: display,
        message: "skipped: symbolic link (not followed, so nothing outside the scan roots is read)",
        skipped: true,
      });
    } else if (!stats.isFile()) {
      diagnostics.push({
        code: "skipped-not-a-file",
        path: display,
        message: "skipped: not a regular file",
        skipped: true,
      });
    } else {
      consider(entry.path, stats.size);
    }
  }
}

/**
 * fast-glob would either throw on an unreadable directory (ending the scan) or, with suppressErrors,
 * drop it silently. Wrapping readdir turns each failure into a diagnostic and walks on.
 */
function reportingFileSystem(cwd: string, diagnostics: Diagnostic[]): Partial<fg.FileSystemAdapter> {
  // fast-glob calls readdir(dir, callback) when it collects stats and readdir(dir, options, callback)
  // otherwise: both forms must come through here, or the error reaches fast-glob and ends the scan.
  const readdir = ((directory: string, ...rest: unknown[]) => {
    const callback = rest.pop() as (error: Error | null, entries: unknown[]) => void;
    const report = (error: NodeJS.ErrnoException | null, entries: unknown[]) => {
      if (error) {
        diagnostics.push({
          code: "skipped-unreadable",
          path: displayPath(cwd, directory),
          message: `directory not readable (${error.code ?? describeError(error)})`,
          skipped: true,
        });
        callback(null, []);
      } else callback(null, entries);
    };
    (fs.readdir as unknown as (d: string, ...a: unknown[]) => void)(directory, ...rest, report);
  }) as unknown as typeof fs.readdir;
  return { readdir };
}

export function displayPath(cwd: string, absolutePath: string): string {
  const relative = path.relative(cwd, absolutePath);
  return toPosix(relative === "" ? path.basename(absolutePath) : relative);
}
