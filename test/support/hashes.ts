/**
 * Reports publish keyed hashes of secrets (src/findings/fingerprint.ts). Every test run sets one key
 * (vitest.config.ts `env`), so the CLI it spawns and the sources it imports hash alike, and a test can
 * name a finding by its planted secret or by the plain sha256 a fixture's expected.json records.
 */
import { HASH_KEY_ENV, keyedHasher } from "../../src/findings/fingerprint.js";

export const TEST_HASH_KEY = "clientleak-test-suite-hash-key";

function hasher() {
  if (process.env[HASH_KEY_ENV] !== TEST_HASH_KEY)
    throw new Error(`tests run with ${HASH_KEY_ENV}=${TEST_HASH_KEY} (vitest.config.ts env)`);
  return keyedHasher(TEST_HASH_KEY);
}

/** The `secretHash` a report gives the finding of `secret`. */
export function reportHashOf(secret: string): string {
  return hasher().secretHash(secret);
}

/** The `secretHash` a report gives the secret whose plain sha256 hex is `digest` (fixture manifests). */
export function reportHashOfSha256(digest: string): string {
  return hasher().fromSha256(digest);
}
