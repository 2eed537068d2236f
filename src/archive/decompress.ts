/**
 * `.gz` and `.br` through node:zlib, with the output capped before it is produced: zlib's
 * `maxOutputLength` makes the inflater stop (and throw) at the cap, so a 1 GB-expanding file costs the
 * cap in memory and the time to inflate the cap, not the gigabyte.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { mb, PackError, type PackLimits, RATIO_FLOOR_BYTES } from "./limits.js";

export type Compression = "gzip" | "brotli";

export function compressionOf(path: string): Compression | undefined {
  if (/\.gz$/i.test(path)) return "gzip";
  if (/\.br$/i.test(path)) return "brotli";
  return undefined;
}

export function decompress(bytes: Uint8Array, compression: Compression, limits: PackLimits): Buffer {
  const byRatio = Math.max(RATIO_FLOOR_BYTES, bytes.byteLength * limits.maxRatio);
  const cap = Math.min(limits.maxMemberBytes, byRatio);
  try {
    return compression === "gzip"
      ? gunzipSync(bytes, { maxOutputLength: cap })
      : brotliDecompressSync(bytes, { maxOutputLength: cap });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      const why =
        cap === limits.maxMemberBytes
          ? `the ${mb(cap)} size limit (--max-file-size)`
          : `${limits.maxRatio}:1, the compression-ratio limit (a decompression bomb?)`;
      throw new PackError("archive-limit", `not scanned: decompresses past ${why}`);
    }
    throw new PackError(
      "archive-invalid",
      `not scanned: not valid ${compression} data (${(error as Error).message})`,
    );
  }
}
