/**
 * The one way clientleak reads a file named by its input (a walked file, a config, a baseline, a
 * framework's config, a shard report). A path in a repository can be a symlink to `/dev/zero`, a FIFO
 * that never ends, or a file swapped for either after the walk looked at it; so every read opens without
 * following a final symlink and without blocking, checks what it opened (a regular file, not too big)
 * and reads at most that many bytes, whatever the file does meanwhile.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Why a file was not read: a Node error code (`ELOOP` for a symlink) or one of these. */
export type SafeReadCode = "ENOTREG" | "EFBIG";

export class SafeReadError extends Error {
  override name = "SafeReadError";
  constructor(
    readonly code: SafeReadCode,
    message: string,
  ) {
    super(message);
  }
}

function notRegular(): SafeReadError {
  return new SafeReadError("ENOTREG", "not a regular file");
}

function tooLarge(maxBytes: number): SafeReadError {
  return new SafeReadError("EFBIG", `larger than ${maxBytes} bytes`);
}

/** A regular file's bytes, at most `maxBytes` of them (more is an `EFBIG` error, never a cut read). */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(file, FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular();
    if (stats.size > maxBytes) throw tooLarge(maxBytes);
    // One byte more than allowed, to notice a file that grew since fstat.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooLarge(maxBytes);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The same, synchronous: for the few small files read before a scan starts. */
export function readRegularFileSync(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, FLAGS);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular();
    if (stats.size > maxBytes) throw tooLarge(maxBytes);
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooLarge(maxBytes);
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Text of a regular file of at most `maxBytes`. */
export function readTextFileSync(file: string, maxBytes: number): string {
  return readRegularFileSync(file, maxBytes).toString("utf8");
}

/** Why a read failed, in words, from the error's code only (its message names the path). */
export function readFailure(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  switch (code) {
    case "ELOOP":
      return "a symbolic link (not followed)";
    case "ENOTREG":
      return "not a regular file";
    case "EFBIG":
      return (error as Error).message;
    default:
      return typeof code === "string" ? code : "unreadable";
  }
}
