/**
 * The hashes a report and a baseline publish about a secret. They are keyed (HMAC-SHA256): a plain
 * SHA-256 next to the secret's exact length lets anyone holding the report test guesses offline, and a
 * short password (`Summer2024x`) falls to a dictionary in seconds. Without the key, a hash says nothing.
 *
 * Every keyed hash is taken over the secret's plain SHA-256 hex (never printed) rather than the secret
 * itself: a config allowlist names secrets by that digest, and a baseline written before hashes were keyed
 * (entries holding the plain digest) converts to keyed entries without a rescan.
 *
 * Keys:
 * - reports: `CLIENTLEAK_HASH_KEY` when it is set (stable across runs, and the same in every shard job so
 *   `clientleak merge` can join one secret's copies), else a random key per run;
 * - baselines: a random key stored in the baseline file, so an entry written yesterday matches today.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";

export const HASH_KEY_ENV = "CLIENTLEAK_HASH_KEY";

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export interface SecretHasher {
  /** Keyed hash of the secret alone: what baselines match on, and one secret's identity in a report. */
  secretHash(secret: string): string;
  /**
   * A finding's identity: a value finding is its secret, whatever rule names it (one secret, one finding,
   * so shards that named a copy by different rules still agree); code evidence is its rule and value.
   */
  fingerprint(finding: { ruleId: string; evidence?: "code" }, secret: string): string;
  /** `secretHash` from the secret's plain SHA-256 hex (an allowlist digest, an old baseline entry). */
  fromSha256(digest: string): string;
  /**
   * Names the key without revealing it or any secret: reports carry it so `clientleak merge` can tell
   * shards hashed with different keys (their copies of one secret would never join) and refuse them.
   */
  keyId: string;
}

export function keyedHasher(key: string): SecretHasher {
  const hmac = (label: string, digest: string) =>
    createHmac("sha256", key).update(`clientleak/${label}\0${digest}`, "utf8").digest("hex");
  return {
    secretHash: (secret) => hmac("secret", sha256Hex(secret)),
    fromSha256: (digest) => hmac("secret", digest),
    keyId: hmac("key-id", "").slice(0, 16),
    fingerprint: (finding, secret) =>
      finding.evidence === "code"
        ? hmac(`code\0${finding.ruleId}`, sha256Hex(secret))
        : hmac("value", sha256Hex(secret)),
  };
}

/** A fresh random key, as a baseline file stores it. */
export function randomHashKey(): string {
  return randomBytes(32).toString("hex");
}

let runKey: string | undefined;

/** The report key of this process: `CLIENTLEAK_HASH_KEY`, or one random key for the whole run. */
export function runHasher(): SecretHasher {
  runKey ??= process.env[HASH_KEY_ENV] || randomHashKey();
  return keyedHasher(runKey);
}

/** The hasher of a scan: its explicit key (a baseline's), else the run's report key. */
export function hasherFor(key: string | undefined): SecretHasher {
  return key === undefined ? runHasher() : keyedHasher(key);
}

/** Whether report hashes are stable across runs and processes (shards need that to be merged). */
export function hasSharedHashKey(): boolean {
  return Boolean(process.env[HASH_KEY_ENV]);
}
