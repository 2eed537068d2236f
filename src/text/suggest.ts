import { compareStrings } from "./compare.js";

/** "Did you mean": the candidates closest to what was typed, for unknown names on the command line. */

/** Longer input than this is not a typo of a name; it also bounds the quadratic distance below. */
const MAX_INPUT = 100;

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to `limit` candidates, best first: those containing the input (`live-api` → `medblocks/live-api-key`),
 * then those holding every word of it (`aws/secret-key` → `aws/secret-access-key`), then those within a
 * few edits of it, compared whole and, for `family/name` ids, by name alone.
 */
export function suggest(input: string, candidates: readonly string[], limit = 3): string[] {
  const typed = input.toLowerCase().slice(0, MAX_INPUT);
  if (!typed) return [];
  const threshold = Math.max(2, Math.floor(typed.length / 4));
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    const name = lower.slice(lower.indexOf("/") + 1);
    const score = lower.includes(typed)
      ? 0
      : containsWords(lower, typed)
        ? 1
        : Math.min(editDistance(typed, lower), editDistance(typed, name));
    return { candidate, score };
  });
  return scored
    .filter(({ score }) => score <= threshold)
    .sort((a, b) => a.score - b.score || compareStrings(a.candidate, b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

function containsWords(candidate: string, typed: string): boolean {
  const words = new Set(candidate.split(/[/_-]/));
  return typed.split(/[/_-]/).every((word) => words.has(word));
}
