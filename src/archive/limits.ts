/**
 * The bounds on what a packed file may expand to. An archive or a compressed asset is untrusted input
 * whose unpacked size is chosen by whoever built it (a 1 MB zip can declare terabytes), so every unpacked
 * byte is counted against these before it is produced, and a limit hit is a diagnostic, never a crash.
 */

export interface PackLimits {
  /** Uncompressed bytes one top-level archive may expand to, nested archives included. */
  maxTotalBytes: number;
  /** Members one top-level archive may list, nested archives included. */
  maxMembers: number;
  /** Uncompressed / compressed above this marks a bomb (deflate tops out near 1032:1; minified JS is ~5:1). */
  maxRatio: number;
  /** Archives inside archives followed this deep (`.xapk` → `.apk` → `.zip` is 3). */
  maxDepth: number;
  /** One member or one decompressed file: the same bound as `--max-file-size` for plain files. */
  maxMemberBytes: number;
}

/** Below this size a member's ratio says nothing (a 2 KB run of spaces compresses 100:1 and is harmless). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

export function defaultPackLimits(maxFileSizeBytes: number): PackLimits {
  return {
    maxTotalBytes: 1024 * 1024 * 1024,
    maxMembers: 50_000,
    maxRatio: 200,
    maxDepth: 3,
    maxMemberBytes: maxFileSizeBytes,
  };
}

/** Why a packed file or member was not (fully) unpacked; becomes a diagnostic with this code. */
export class PackError extends Error {
  constructor(
    readonly code: "archive-limit" | "archive-invalid",
    message: string,
  ) {
    super(message);
    this.name = "PackError";
  }
}

/** What one top-level archive has used so far, shared by its nested archives. */
export class PackBudget {
  bytes = 0;
  members = 0;
  constructor(readonly limits: PackLimits) {}

  /** Takes one member of `size` bytes, or says which limit it would cross. */
  take(size: number): string | undefined {
    if (this.members + 1 > this.limits.maxMembers)
      return `more than ${this.limits.maxMembers} members; the rest not scanned`;
    if (this.bytes + size > this.limits.maxTotalBytes)
      return `expands past ${mb(this.limits.maxTotalBytes)} in total; the rest not scanned`;
    this.members++;
    this.bytes += size;
    return undefined;
  }
}

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
}
