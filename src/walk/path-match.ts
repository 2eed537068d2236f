import path from "node:path";
import picomatch from "picomatch";

export function toPosix(value: string): string {
  return value.split(path.sep).join("/");
}

/**
 * A glob list tested against a file's path relative to each of several base directories (the working
 * directory, the scan root, the config file's directory). Users write globs from wherever they stand;
 * any base that makes the glob match counts. A glob without a slash also matches the file name alone.
 */
export function createPathMatcher(
  globs: readonly string[],
  bases: readonly string[],
): (absolutePath: string) => boolean {
  if (globs.length === 0) return () => false;
  const isMatch = picomatch([...globs], { dot: true, basename: false });
  const baseNameGlobs = globs.filter((glob) => !glob.includes("/"));
  const isBaseNameMatch = baseNameGlobs.length > 0 ? picomatch(baseNameGlobs, { dot: true }) : () => false;
  const uniqueBases = [...new Set(bases)];
  return (absolutePath) => {
    if (isBaseNameMatch(path.basename(absolutePath))) return true;
    for (const base of uniqueBases) {
      const relative = path.relative(base, absolutePath);
      if (relative.startsWith("..") || path.isAbsolute(relative)) continue;
      if (isMatch(toPosix(relative))) return true;
    }
    return false;
  };
}
