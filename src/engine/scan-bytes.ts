/**
 * The unit of work: one file's bytes in, its secrets and diagnostics out (decode, classify, scan).
 * `scanFileBytes` does no I/O, so it runs the same inline on the main thread and inside a pool worker;
 * the bytes are read once, on the main thread, by `readFileSource`.
 */

import { PackError } from "../archive/limits.js";
import type { CompiledRules } from "../match/engine.js";
import { describeError } from "../model/errors.js";
import { readFailure } from "../model/safe-read.js";
import { timing } from "../model/timing.js";
import type { Diagnostic, DiagnosticCode, FoundSecret } from "../model/types.js";
import type { PublicEnvFramework } from "../rule-kit/public-env.js";
import { CLASSIFY_HEAD_CHARS, classify } from "../walk/classify.js";
import { decodeFile } from "../walk/decode.js";
import type { FileSource } from "../walk/source.js";
import type { CompanionMap } from "./bundle-unit.js";
import { scanFileText } from "./scan-file.js";
import { scanPackedBytes } from "./scan-packed.js";

/** How much of a file's start is looked at to classify it (minified? "use client"?). */

export interface FileScanContext {
  compiled: CompiledRules;
  isClient(path: string, head: string): boolean;
  /** The env prefixes this project's frameworks publish (all known ones when none was detected). */
  publicEnv: readonly PublicEnvFramework[];
}

export interface FileResult {
  found: FoundSecret[];
  diagnostics: Diagnostic[];
  /** Bytes scanned; 0 when the file was skipped (binary, unreadable). */
  bytesScanned: number;
  scanned: boolean;
}

export function skippedFile(diagnostic: Diagnostic): FileResult {
  return { found: [], diagnostics: [diagnostic], bytesScanned: 0, scanned: false };
}

/** What safe-read refused, under the codes the walker uses for the same things. */
const READ_FAILURE_CODES: Readonly<Record<string, DiagnosticCode>> = {
  ELOOP: "skipped-symlink",
  ENOTREG: "skipped-not-a-file",
  EFBIG: "skipped-too-large",
};

/** The file's bytes, or why it could not be read. */
export async function readFileSource(file: FileSource): Promise<Uint8Array | FileResult> {
  const started = timing?.start() ?? 0;
  try {
    return await file.read();
  } catch (error) {
    // An archive member or .gz/.br asset that hit a limit or is damaged says so under its own code.
    if (error instanceof PackError)
      return skippedFile({ code: error.code, path: file.path, message: error.message, skipped: true });
    return skippedFile({
      code: READ_FAILURE_CODES[(error as NodeJS.ErrnoException).code ?? ""] ?? "skipped-unreadable",
      path: file.path,
      message: `skipped: cannot read (${readFailure(error)})`,
      skipped: true,
    });
  } finally {
    timing?.stop("read", started);
  }
}

/** A bundle's source map, read on the main thread with the bundle; a Diagnostic when it could not be read. */
export type CompanionBytes = { path: string; bytes: Uint8Array } | Diagnostic;

export async function readCompanion(file: FileSource): Promise<CompanionBytes | undefined> {
  if (!file.companion) return undefined;
  const bytes = await readFileSource(file.companion);
  return bytes instanceof Uint8Array ? { path: file.companion.path, bytes } : bytes.diagnostics[0];
}

/**
 * One file's failure is that file's diagnostic: whatever throws inside the scan of a file (a hostile map,
 * a parser's stack overflow) costs that file, never the scan. Used inline and in the pool worker alike.
 */
export function scanFileIsolated(
  path: string,
  bytes: Uint8Array,
  context: FileScanContext,
  companion?: CompanionBytes,
): FileResult {
  try {
    return scanFileBytes(path, bytes, context, companion);
  } catch (error) {
    return scanFailed(path, describeError(error));
  }
}

/** The diagnostic for a file whose scan failed; `reason` must already be free of input (describeError). */
export function scanFailed(path: string, reason: string): FileResult {
  return skippedFile({
    code: "scan-failed",
    path,
    message: `not scanned: the scan of this file failed (${reason}); the other files were scanned`,
    skipped: true,
  });
}

export function scanFileBytes(
  path: string,
  bytes: Uint8Array,
  context: FileScanContext,
  companion?: CompanionBytes,
): FileResult {
  // Hermes bytecode and native binaries are bytes with strings in them, not text.
  const packed = scanPackedBytes(
    { path, isClient: context.isClient(path, ""), publicEnv: context.publicEnv },
    bytes,
    context.compiled,
  );
  if (packed) return { ...packed, bytesScanned: bytes.byteLength, scanned: true };
  const decodeStarted = timing?.start() ?? 0;
  const decoded = decodeFile(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  timing?.stop("decode", decodeStarted);
  if ("skipped" in decoded) return skippedFile(decoded.skipped);
  const head = decoded.text.slice(0, CLASSIFY_HEAD_CHARS);
  const map = decodeCompanion(companion);
  const output = scanFileText(
    {
      path,
      text: decoded.text,
      kind: classify(path, head),
      isClient: context.isClient(path, head),
      publicEnv: context.publicEnv,
      ...(map.map ? { map: map.map } : {}),
    },
    context.compiled,
  );
  const diagnostics = [decoded.diagnostic, map.diagnostic].filter((diagnostic) => diagnostic !== undefined);
  return {
    found: output.found,
    diagnostics: [...diagnostics, ...output.diagnostics],
    bytesScanned: bytes.byteLength + map.bytes,
    scanned: true,
  };
}

function decodeCompanion(companion: CompanionBytes | undefined): {
  map?: CompanionMap;
  diagnostic?: Diagnostic;
  bytes: number;
} {
  if (!companion) return { bytes: 0 };
  if (!("bytes" in companion)) return { diagnostic: companion, bytes: 0 };
  const decoded = decodeFile(
    companion.path,
    Buffer.from(companion.bytes.buffer, companion.bytes.byteOffset, companion.bytes.byteLength),
  );
  if ("skipped" in decoded) return { diagnostic: decoded.skipped, bytes: 0 };
  return {
    map: { path: companion.path, text: decoded.text },
    ...(decoded.diagnostic ? { diagnostic: decoded.diagnostic } : {}),
    bytes: companion.bytes.byteLength,
  };
}
