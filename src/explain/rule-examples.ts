/**
 * A rule's examples as they may be shown to people: each cut to a snippet around the secret with every
 * secret in it redacted. The examples are scanned with all rules to find what to redact, so an example
 * that holds another rule's secret (a webhook secret in an AWS rule's negative) is redacted too.
 */

import { compiledFor, scanText } from "../engine/scan-text.js";
import { redactSecret } from "../findings/redact.js";
import { SNIPPET_MAX } from "../findings/snippet.js";
import { hasCharacterClasses, shannonEntropy } from "../rule-kit/entropy.js";
import type { RuleMeta } from "../rule-kit/index.js";
import { isPlaceholder } from "../rule-kit/placeholders.js";
import { printableLine } from "../text/printable.js";

export interface ShownExamples {
  /** What the rule reports, one redacted snippet per positive example. */
  matches: string[];
  /** What the rule deliberately leaves alone, and why. */
  ignores: { text: string; why: string }[];
}

export function showExamples(rule: Pick<RuleMeta, "id" | "examples">): ShownExamples {
  return {
    matches: rule.examples.positive.map((example) => {
      const findings = scanText(example.text, {
        ...(example.path ? { path: example.path } : {}),
        showSecrets: true,
      });
      const own = findings.find((finding) => finding.ruleId === rule.id && finding.secret === example.secret);
      return (
        own?.occurrences[0]?.snippet ??
        redactSecret(example.secret, compiledFor().publicPrefixOf(example.secret))
      );
    }),
    ignores: rule.examples.negative.map((example) => ({
      text: shownNegative(example.text, example.path),
      why: example.why,
    })),
  };
}

/** Long runs of token characters: what a credential of a product no rule knows would look like. */
const TOKEN = /[A-Za-z0-9+/_-]{20,512}={0,2}/g;
const RANDOM_BITS_PER_CHAR = 3.5;

/**
 * A negative as written, unless some rule finds a secret in it (then that secret's redacted snippet).
 * Random-looking tokens no rule claims (another product's key, shown to prove it is left alone) are
 * redacted too: whose secret it is does not change that it should not be printed.
 */
function shownNegative(text: string, path: string | undefined): string {
  const found = scanText(text, path ? { path } : {})[0]?.occurrences[0]?.snippet;
  if (found) return found;
  const line = printableLine(text)
    .trim()
    .replace(TOKEN, (token) => (looksRandom(token) ? redactSecret(token) : token));
  return line.length <= SNIPPET_MAX ? line : `${line.slice(0, SNIPPET_MAX - 3)}...`;
}

function looksRandom(token: string): boolean {
  if (isPlaceholder(token) || compiledFor().knownSamples.has(token)) return false;
  return hasCharacterClasses(token, 3) && shannonEntropy(token) >= RANDOM_BITS_PER_CHAR;
}
