/**
 * `--shard <i>/<n>`: split one scan across n CI jobs. A file belongs to exactly one shard, chosen by a
 * hash of its display path (relative to the working directory), so every job agrees on the partition
 * without talking to the others, and a file keeps its shard when others are added or removed.
 */
import { UsageError } from "../model/errors.js";
import type { Diagnostic } from "../model/types.js";

export interface Shard {
  /** 1-based, as CI matrices count. */
  index: number;
  count: number;
}

const SHARD_SHAPE = /^(\d{1,4})\/(\d{1,4})$/;

export function parseShard(value: string): Shard {
  const match = SHARD_SHAPE.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: "${value}" is not <i>/<n> with 1 ≤ i ≤ n (for example 2/4)`);
  }
  return { index, count };
}

/** FNV-1a over UTF-16 code units: tiny, stable across platforms and Node versions, well spread. */
function pathHash(path: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

export function inShard(path: string, shard: Shard): boolean {
  return pathHash(path) % shard.count === shard.index - 1;
}

/**
 * The files of one shard, and the walker's diagnostics about its paths (so a skipped file is reported by
 * one shard, not all of them). Diagnostics without a path concern the whole scan and stay in every shard;
 * `clientleak merge` collapses the copies.
 */
export function selectShard<F extends { path: string }>(
  walked: { files: readonly F[]; diagnostics: readonly Diagnostic[] },
  shard: Shard,
): { files: F[]; diagnostics: Diagnostic[] } {
  return {
    files: walked.files.filter((file) => inShard(file.path, shard)),
    diagnostics: walked.diagnostics.filter(
      (diagnostic) => diagnostic.path === undefined || inShard(diagnostic.path, shard),
    ),
  };
}
