/**
 * Build output names carry a content hash (`dist/assets/index-uS6a5i1m.js`, `main.4d1e9f2a.chunk.js`,
 * `_next/static/chunks/pages/index-0123abcd4567ef89.js`), so a one-word change anywhere renames every
 * file. A baseline entry bound to such a name would stop matching on the next build; the baseline
 * compares build output paths with each hash replaced by `[hash]` instead.
 *
 * A hash is recognised by shape, not by bundler: the tail after the last `-` of the name's first part
 * (Rollup/Vite/esbuild `[name]-[hash]`: 8 characters of `[A-Za-z0-9_-]`, so `index--rjuayF8` is `index` +
 * `-rjuayF8`, and esbuild's `HWDMHLPV`; webpack/Next hex of 8 to 64), a whole dot-separated part of the
 * file name, or a whole directory name (Next's build id). A tail must not be a lower-case word
 * (`-polyfill`); a whole part or directory must mix digits and letters (`_buildManifest`, `vendors`,
 * `chunk` stay as they are).
 */

export const HASH_PLACEHOLDER = "[hash]";

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const ROLLUP_TAIL = /^(.+)-([A-Za-z0-9_-]{8})$/;
const HEX_TAIL = /^(.+)-([0-9a-f]{8,64})$/;
const WORD = /^[a-z]+$/;

/** A whole name part or directory: long enough, and digits mixed with letters. */
function looksLikeHash(token: string): boolean {
  return TOKEN.test(token) && /[0-9]/.test(token) && /[A-Za-z]/.test(token);
}

/** The part before the first dot, with a `-hash` tail (or the whole part, if it is a hash) replaced. */
function stemOf(first: string): string {
  const rollup = ROLLUP_TAIL.exec(first);
  if (rollup && !WORD.test(rollup[2]!)) return `${rollup[1]}-${HASH_PLACEHOLDER}`;
  const hex = HEX_TAIL.exec(first);
  if (hex && /[0-9]/.test(hex[2]!)) return `${hex[1]}-${HASH_PLACEHOLDER}`;
  return looksLikeHash(first) ? HASH_PLACEHOLDER : first;
}

function fileName(name: string): string {
  const [first = "", ...rest] = name.split(".");
  const stem = stemOf(first);
  // The last part is the extension; parts between may be a hash (`main.4d1e9f2a.chunk.js`).
  const middle = rest.map((part, index) =>
    index < rest.length - 1 && looksLikeHash(part) ? HASH_PLACEHOLDER : part,
  );
  return [stem, ...middle].join(".");
}

/** `path` (forward slashes) with every content hash in its directory and file names replaced by `[hash]`. */
export function withoutContentHashes(path: string): string {
  const segments = path.split("/");
  return segments
    .map((segment, index) =>
      index === segments.length - 1 ? fileName(segment) : looksLikeHash(segment) ? HASH_PLACEHOLDER : segment,
    )
    .join("/");
}
