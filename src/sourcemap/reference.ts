/**
 * Where a bundle says its source map is: the last `//# sourceMappingURL=` (or the legacy `//@`, or the
 * CSS form `/*# … *\/`) in the file. Either a URL to resolve against the bundle, or the map itself in an
 * inline `data:` URL.
 */

export type MapReference = { inline: string } | { url: string };

const MARKER = "sourceMappingURL=";
const DATA_URL = /^data:application\/json(?:;charset=[\w-]{1,20})?(;base64)?,/i;
const URL_END = /[\s*'"]/;

export function findMapReference(text: string): MapReference | undefined {
  // Searched backwards: bundlers write the comment last, and an inline map can be megabytes long.
  const marker = text.lastIndexOf(MARKER);
  if (marker === -1) return undefined;
  const introducer = text.slice(Math.max(0, marker - 4), marker);
  if (!/(?:\/\/|\/\*)[#@] ?$/.test(introducer)) return undefined;
  const valueStart = marker + MARKER.length;
  const rest = text.slice(valueStart);
  const endMatch = URL_END.exec(rest);
  const value = endMatch ? rest.slice(0, endMatch.index) : rest;
  if (value === "") return undefined;
  const data = DATA_URL.exec(value);
  if (!data) return { url: value };
  const payload = value.slice(data[0].length);
  return { inline: data[1] ? Buffer.from(payload, "base64").toString("utf8") : decodeURIComponent(payload) };
}
