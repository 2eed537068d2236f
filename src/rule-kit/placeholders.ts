/**
 * Values that have the shape of a secret but are documentation, templates or test stand-ins.
 * Applied to every pattern rule unless it opts out. Exact documentation samples are data of the rule they
 * belong to (`knownSamples`); this module holds only what is generic.
 */

/** Medblocks' documentation ULID, reused in nearly every doc example. */
const DOC_ULID = "01J9YR9N3X4VZ6P2K5RH7M3LMP";

/** Template and elision markers: never part of an issued credential. */
const ELISION = /\.\.\.|…|<|>|\{\{|\$\{/;

/**
 * Words that stand in for a value. A random base62 body of 40 characters contains one of the
 * four-letter ones by chance about once in 10^4 keys, which is why the check is limited to token-sized
 * values: in a 1,600-character PEM body a word like `fake` occurs by chance far too often.
 */
const PLACEHOLDER_WORDS =
  /your|example|placeholder|changeme|change_me|dummy|fake|redacted|replace|sample|secret_here|key_here/gi;
const WORD_CHECK_MAX_LENGTH = 128;

/**
 * A person writes a stand-in word in one case: `your`, `YOUR`, `Your`. Random base62 spells a word in
 * mixed case sixteen times as often as in lower case alone (`…EoKYoURZl…` in a seeded live key was
 * dropped as a placeholder), so only a consistently cased spelling counts.
 */
function isWrittenWord(word: string): boolean {
  const rest = word.slice(1);
  return word === word.toLowerCase() || word === word.toUpperCase() || rest === rest.toLowerCase();
}

function hasPlaceholderWord(value: string): boolean {
  PLACEHOLDER_WORDS.lastIndex = 0;
  for (let m = PLACEHOLDER_WORDS.exec(value); m !== null; m = PLACEHOLDER_WORDS.exec(value)) {
    if (isWrittenWord(m[0])) return true;
  }
  return false;
}

/** Six or more of the same character in a row: `xxxxxx`, `000000`, `******`. */
const LONG_RUN = /(.)\1{5}/;

/** Sequential filler such as `abcdefgh`, `12345678`, `ABCDEFGH`. */
function isAscendingRun(body: string): boolean {
  if (body.length < 8) return false;
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    run = body.charCodeAt(i) === body.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

/** `true` when `value` (the whole captured secret) is a placeholder, template or documentation sample. */
export function isPlaceholder(value: string): boolean {
  if (value.includes(DOC_ULID)) return true;
  if (ELISION.test(value)) return true;
  if (value.length <= WORD_CHECK_MAX_LENGTH && hasPlaceholderWord(value)) return true;
  if (LONG_RUN.test(value)) return true;
  return isAscendingRun(value);
}
