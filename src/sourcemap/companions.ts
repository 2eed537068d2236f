/**
 * Which map belongs to which bundle, decided from the file list alone (before anything is read): `X.map`
 * next to `X` is X's map, the convention of Vite, Rollup, esbuild, webpack and terser. The pair is one
 * unit of work, so the map is read and parsed once and serves both as scanned text and to map the
 * bundle's positions back. A map with no bundle in the scan is scanned on its own, and a map is never
 * looked for outside the file list (nothing outside the scan roots is opened).
 */
import type { FileSource } from "../walk/source.js";

export function pairBundlesWithMaps(files: readonly FileSource[]): FileSource[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const claimed = new Set<string>();
  for (const file of files) {
    const mapPath = `${file.path}.map`;
    if (!file.path.endsWith(".map") && byPath.has(mapPath)) claimed.add(mapPath);
  }
  if (claimed.size === 0) return [...files];
  return files
    .filter((file) => !claimed.has(file.path))
    .map((file) => {
      const companion = claimed.has(`${file.path}.map`) ? byPath.get(`${file.path}.map`) : undefined;
      return companion ? { ...file, companion } : file;
    });
}
