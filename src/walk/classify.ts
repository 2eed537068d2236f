import path from "node:path";
import type { FileKind } from "../model/types.js";

const BY_EXTENSION: Readonly<Record<string, FileKind>> = {
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".map": "sourcemap",
  ".json": "json",
  ".html": "html",
  ".htm": "html",
  ".vue": "html",
  ".svelte": "html",
  ".astro": "html",
};

/** React Native / Expo ship their JavaScript under these names. */
const NATIVE_BUNDLES = new Set(["index.android.bundle", "index.ios.bundle", "main.jsbundle"]);

/** How much of a file's start `classify` reads (as characters): enough for a first line and a shebang. */
export const CLASSIFY_HEAD_CHARS = 4096;

/** A line this long in the first bytes means minified output, whatever the file is called. */
const MINIFIED_LINE = 1000;

export function classify(filePath: string, head: string): FileKind {
  const base = path.posix.basename(filePath);
  if (NATIVE_BUNDLES.has(base)) return "bundle";
  if (base === ".env" || base.startsWith(".env.")) return "env";
  const kind = BY_EXTENSION[path.posix.extname(base).toLowerCase()] ?? "text";
  if (kind === "js" && (base.includes(".min.") || looksMinified(head))) return "bundle";
  return kind;
}

function looksMinified(head: string): boolean {
  let lineStart = 0;
  for (let nl = head.indexOf("\n"); nl !== -1; nl = head.indexOf("\n", nl + 1)) {
    if (nl - lineStart > MINIFIED_LINE) return true;
    lineStart = nl + 1;
  }
  return head.length - lineStart > MINIFIED_LINE;
}

/** Files skipped by type before they are read: they cannot hold source text a bundler ships as code. */
const SKIPPED_EXTENSIONS = new Set([
  ...[".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tiff", ".psd"],
  ...[".woff", ".woff2", ".ttf", ".otf", ".eot"],
  ...[".mp3", ".mp4", ".webm", ".ogg", ".wav", ".mov", ".pdf", ".zip", ".gz", ".br", ".tgz", ".wasm"],
]);
const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lock",
  "bun.lockb",
]);

/** Why a file is skipped by name alone, or undefined when it is scanned. */
export function skipReasonByName(filePath: string): string | undefined {
  const base = path.posix.basename(filePath);
  if (LOCKFILES.has(base)) return "lockfile (integrity hashes, no source)";
  const ext = path.posix.extname(base).toLowerCase();
  if (SKIPPED_EXTENSIONS.has(ext)) return `${ext} file (image, font, media or archive)`;
  return undefined;
}
