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

export function dropSupersededMapMatches<T extends Match>(matches: readonly T[]): T[] {
  const virtualSpellings = new Map<string, string[]>();
  for (const { source, candidate } of matches) {
    if (source.virtualSource === undefined) continue;
    const spellings = virtualSpellings.get(source.path) ?? [];
    spellings.push(
      `${candidate.rule.id}\0${JSON.stringify(candidate.secret).slice(1, -1)}`,
      `${candidate.rule.id}\0${candidate.secret}`,
    );
    virtualSpellings.set(source.path, spellings);
  }
  if (virtualSpellings.size === 0) return [...matches];
  return matches.filter(({ source, candidate }) => {
    // Only the map's own text: with an inline map the virtual files share the bundle's path, and the
    // bundle's copy of a secret is the shipped one, never a duplicate.
    if (
      source.virtualSource !== undefined ||
      candidate.fragment.layer !== "raw" ||
      !source.path.endsWith(".map")
    )
      return true;
    const spellings = virtualSpellings.get(source.path);
    if (!spellings) return true;
    const needle = `${candidate.rule.id}\0`;
    return !spellings.some(
      (spelling) => spelling.startsWith(needle) && spelling.includes(candidate.secret, needle.length),
    );
  });
}
