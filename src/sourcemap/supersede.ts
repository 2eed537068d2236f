/**
 * A map's `sourcesContent` is JSON: the raw text of the `.map` holds each original source with its
 * quotes and line breaks escaped once more. The virtual file already shows the original as written, so
 * a raw match in the map that is merely the escaped spelling of a secret found in one of its virtual
 * files is the same leak seen worse (another secret value, so another finding): it is dropped. A raw
 * match the virtual files did not reproduce is kept — the raw layer stays the safety net.
 */
import type { SourceText } from "../extract/fragment.js";

interface Match {
  source: SourceText;
  candidate: { rule: { id: string }; secret: string; fragment: { layer: string } };
}

/** Characters a raw match and a spelling share at their start, to find the spellings worth comparing. */
const HEAD = 12;

/**
 * Indexed by map, rule and the first characters of each spelling, so N distinct keys in one map cost N
 * look-ups (it was N × N substring searches: 10k keys took 27 s, 20k 118 s). A raw match that starts in
 * the middle of a spelling is not matched and stays reported: an extra finding, never a lost one.
 */
export function dropSupersededMapMatches<T extends Match>(matches: readonly T[]): T[] {
  const spellingsByHead = new Map<string, string[]>();
  for (const { source, candidate } of matches) {
    if (source.virtualSource === undefined) continue;
    for (const spelling of [JSON.stringify(candidate.secret).slice(1, -1), candidate.secret]) {
      const key = [source.path, candidate.rule.id, spelling.slice(0, HEAD)].join("\0");
      const list = spellingsByHead.get(key) ?? [];
      if (!list.includes(spelling) && list.length < 64) list.push(spelling);
      spellingsByHead.set(key, list);
    }
  }
  if (spellingsByHead.size === 0) return [...matches];
  return matches.filter(({ source, candidate }) => {
    // Only the map's own text: with an inline map the virtual files share the bundle's path, and the
    // bundle's copy of a secret is the shipped one, never a duplicate.
    if (
      source.virtualSource !== undefined ||
      candidate.fragment.layer !== "raw" ||
      !source.path.endsWith(".map")
    )
      return true;
    const key = [source.path, candidate.rule.id, candidate.secret.slice(0, HEAD)].join("\0");
    const spellings = spellingsByHead.get(key);
    return !spellings?.some((spelling) => spelling.includes(candidate.secret));
  });
}
