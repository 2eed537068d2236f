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

/**
 * What Metro (React Native, Expo) writes first: its prelude's globals, or the first module definition
 * when the prelude is off. Anchored at the start, after comments and whitespace, so it is linear.
 */
const METRO_PRELUDE =
  /^(?:\s|\/\/[^\n]{0,1000}\n){0,20}(?:var __BUNDLE_START_TIME__|var __DEV__|__d\(function)/;

/** How much of a file's start `classify` reads (as characters): enough for a first line and a shebang. */
export const CLASSIFY_HEAD_CHARS = 4096;

/** A line this long in the first bytes means minified output, whatever the file is called. */
const MINIFIED_LINE = 1000;

export function classify(filePath: string, head: string): FileKind {
  // A precompressed asset is scanned as the file it holds: `main.js.gz` is `main.js`.
  const base = path.posix.basename(filePath).replace(COMPRESSED_SUFFIX, "");
  if (NATIVE_BUNDLES.has(base)) return "bundle";
  if (base === ".env" || base.startsWith(".env.")) return "env";
  const kind = BY_EXTENSION[path.posix.extname(base).toLowerCase()] ?? "text";
  if (kind === "js" && (base.includes(".min.") || looksMinified(head))) return "bundle";
  // A renamed React Native bundle (`app.bundle`, an OTA update's `launch-asset`) is known by its prelude.
  if (kind === "text" && METRO_PRELUDE.test(head)) return "bundle";
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
  ...[".mp3", ".mp4", ".webm", ".ogg", ".wav", ".mov", ".pdf", ".tgz", ".wasm"],
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

/**
 * Files that are not text but are scanned anyway: archives and compressed assets are unpacked first
 * (archive/), Hermes bytecode is read through its string table and native code through a strings pass
 * (engine/scan-packed.ts).
 */
export type PackedKind = "archive" | "compressed" | "hermes" | "strings";

/** Zip containers apps ship in: Android (apk, aab, xapk, apks), iOS (ipa), Java/Android libraries. */
const ARCHIVE_EXTENSIONS = new Set([".apk", ".aab", ".apks", ".xapk", ".ipa", ".zip", ".jar", ".aar"]);
const COMPRESSED_SUFFIX = /\.(?:gz|br)$/i;
/** Native libraries (Flutter's libapp.so too), Android dex code, Hermes bytecode of an unknown layout. */
const STRINGS_EXTENSIONS = new Set([".so", ".dex", ".hbc"]);
/** The Hermes bytecode magic, 0x1F1903C103BC1FC6, as it lies in the file (little-endian). */
const HERMES_MAGIC = [0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f];

export function isHermesBytecode(bytes: Uint8Array): boolean {
  return bytes.length >= HERMES_MAGIC.length && HERMES_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** How a file is unpacked or read before it is scanned; undefined for a plain (text) file. */
export function packedKind(filePath: string, head?: Uint8Array): PackedKind | undefined {
  const ext = path.posix.extname(filePath).toLowerCase();
  if (ARCHIVE_EXTENSIONS.has(ext)) return "archive";
  if (COMPRESSED_SUFFIX.test(filePath)) return "compressed";
  if (head && isHermesBytecode(head)) return "hermes";
  if (STRINGS_EXTENSIONS.has(ext)) return "strings";
  return undefined;
}
