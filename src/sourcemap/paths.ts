/**
 * What a map's `sources` entry names, as a display path. This is naming only: nothing here (or anywhere
 * else) opens a file because a map says so, so `../../../etc/passwd` is just a label that says where
 * the code claims to come from.
 */
import { lstatSync } from "node:fs";
import path from "node:path";

export interface OriginalName {
  /** Display path (relative to the working directory, forward slashes) or the URL as written. */
  path: string;
  /**
   * The name climbs above the directory the map's own path starts from (the working directory, or the
   * `../` the scan root sits at), is absolute where the map's path is not, or is a remote URL.
   */
  outside: boolean;
}

const WEBPACK = /^webpack:\/\/[^/]{0,200}\//;
/** Directories bundlers write to; webpack's `sources` are relative to the project, i.e. their parent. */
const BUILD_DIRS = new Set(["dist", "build", "out", ".next", "public", "static"]);

/** `scheme://user:password@`: the credentials part of a URL, which a label never needs. */
const USERINFO = /^([a-z][a-z0-9+.-]{1,20}:\/\/)[^/?#@]{0,1000}@/i;

/**
 * `source` as named in the map at `mapPath` (a display path), with `sourceRoot` already applied. A URL's
 * user name and password are cut out: the label is printed at every finding from that source.
 */
export function originalName(mapPath: string, written: string): OriginalName {
  const source = written.replace(USERINFO, "$1…@");
  if (WEBPACK.test(source)) {
    const relative = source.replace(WEBPACK, "").replace(/\?[^/]{0,200}$/, "");
    return named(mapPath, path.posix.join(projectDirOf(mapPath), relative));
  }
  if (source.startsWith("file://")) return named(mapPath, source.slice("file://".length));
  if (/^[a-z][a-z0-9+.-]{1,20}:/i.test(source)) return { path: source, outside: true };
  return named(mapPath, path.posix.join(path.posix.dirname(mapPath), source));
}

function named(mapPath: string, displayPath: string): OriginalName {
  const normal = path.posix.normalize(displayPath);
  if (path.posix.isAbsolute(mapPath)) return { path: normal, outside: false };
  return { path: normal, outside: path.posix.isAbsolute(normal) || climbs(normal) > climbs(mapPath) };
}

/** How many leading `..` segments a normalised relative path has. */
function climbs(relative: string): number {
  let count = 0;
  for (const segment of relative.split("/")) {
    if (segment !== "..") break;
    count++;
  }
  return count;
}

/**
 * webpack names sources from its `context`, the project directory, which the map does not record. The
 * usual layout puts the output in `<project>/dist/…`; without a build directory in the path, the map's
 * own directory is the best guess.
 */
function projectDirOf(mapPath: string): string {
  const segments = path.posix.dirname(mapPath).split("/");
  for (let index = segments.length - 1; index >= 0; index--) {
    if (BUILD_DIRS.has(segments[index]!)) return segments.slice(0, index).join("/") || ".";
  }
  return path.posix.dirname(mapPath);
}

/**
 * Whether a map's original exists in the checkout, for SARIF's primary location. Only a path inside the
 * working directory or a scan root is ever looked up, and only as a regular file (no link followed): a
 * map that names `../../../../etc/passwd` must not make the output say whether that file exists.
 */
export function originalInTree(displayPath: string, cwd: string, roots: readonly string[]): boolean {
  const file = path.resolve(cwd, displayPath);
  const inside = [cwd, ...roots.map((root) => path.resolve(cwd, root))].some((dir) => {
    const relative = path.relative(dir, file);
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  });
  if (!inside) return false;
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}
