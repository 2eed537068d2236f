/**
 * Which map belongs to which bundle, decided before anything is scanned: `X.map` next to `X` is X's map,
 * the convention of Vite, Rollup, esbuild, webpack and terser; a bundle whose `sourceMappingURL` names
 * another map in its own directory gets that one. The pair is one unit of work, so the map is read and
 * parsed once and serves both as scanned text and to map the bundle's positions back. A map with no
 * bundle in the scan is scanned on its own, and a map is never looked for outside the file list (nothing
 * outside the scan roots is opened).
 */
import { open } from "node:fs/promises";
import path from "node:path";
import type { FileSource } from "../walk/source.js";
import { findMapReference } from "./reference.js";

/** Bundlers write the `sourceMappingURL` comment last; this much of a file's end holds it. */
const TAIL_BYTES = 1024;
const SCRIPT = /\.(?:[cm]?js|bundle|jsbundle)$/;

export async function pairBundlesWithMaps(files: readonly FileSource[]): Promise<FileSource[]> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const companionOf = new Map<string, FileSource>();
  for (const file of files) {
    const map = byPath.get(`${file.path}.map`) ?? plainMapOfCompressed(file.path, byPath);
    if (map && !file.path.endsWith(".map")) companionOf.set(file.path, map);
  }
  await pairByReference(files, byPath, companionOf);
  if (companionOf.size === 0) return [...files];
  const claimed = new Set([...companionOf.values()].map((map) => map.path));
  return files
    .filter((file) => !claimed.has(file.path))
    .map((file) => {
      const companion = companionOf.get(file.path);
      return companion ? { ...file, companion } : file;
    });
}

/**
 * `main.js.gz` (or `.br`) holds `main.js`, whose map is `main.js.map`, usually not compressed. When the
 * plain `main.js` is in the scan too, it keeps the map (a map is one unit's), and the compressed copy's
 * findings join the plain copy's as further occurrences.
 */
function plainMapOfCompressed(
  filePath: string,
  byPath: ReadonlyMap<string, FileSource>,
): FileSource | undefined {
  const plain = filePath.replace(/\.(?:gz|br)$/, "");
  if (plain === filePath || byPath.has(plain)) return undefined;
  return byPath.get(`${plain}.map`);
}

/**
 * Maps nobody claimed by name may be named by a bundle's `sourceMappingURL` (`app.js` → `app.min.map`).
 * Only scripts in a directory holding such a map are asked, by reading the last kilobyte of each, so a
 * conventional build (every map claimed) costs nothing.
 */
async function pairByReference(
  files: readonly FileSource[],
  byPath: ReadonlyMap<string, FileSource>,
  companionOf: Map<string, FileSource>,
): Promise<void> {
  const claimed = new Set([...companionOf.values()].map((map) => map.path));
  const directories = new Set(
    files
      .filter((file) => file.path.endsWith(".map") && !claimed.has(file.path))
      .map((file) => path.posix.dirname(file.path)),
  );
  if (directories.size === 0) return;
  for (const file of files) {
    if (
      companionOf.has(file.path) ||
      !SCRIPT.test(file.path) ||
      !directories.has(path.posix.dirname(file.path))
    )
      continue;
    const reference = findMapReference(await tail(file.absolutePath));
    if (!reference || !("url" in reference) || /^[a-z][a-z0-9+.-]{0,20}:|^\//i.test(reference.url)) continue;
    const target = path.posix.join(path.posix.dirname(file.path), safelyDecoded(reference.url));
    const map = byPath.get(target);
    if (map && target.endsWith(".map") && !claimed.has(target)) {
      companionOf.set(file.path, map);
      claimed.add(target);
    }
  }
}

/** The end of a file on disk; empty when it cannot be read (the scan reports that file itself). */
async function tail(absolutePath: string): Promise<string> {
  try {
    const handle = await open(absolutePath, "r");
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return "";
  }
}

/** A URL's path with %-escapes decoded; as written when an escape is malformed. */
function safelyDecoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
