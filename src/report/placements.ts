/**
 * Where a finding came from and where it went. A developer acts on the original source (the line to
 * delete), so reports lead with it; the shipped copies (bundles, source maps and the original code a map
 * carries) are listed below it as the evidence of what reached the browser.
 */
import { isShipped } from "../findings/shipped.js";
import type { Location, Occurrence } from "../model/types.js";

export type Role = "source" | "shipped";

export interface Placement {
  role: Role;
  location: Location;
  /** The occurrence found at `location`; absent for an original location known only through a source map. */
  occurrence?: Occurrence;
  /** For an original location known only through a source map: the shipped file that maps to it. */
  mappedFrom?: string;
}

function lineKey(location: Location): string {
  return `${location.path}\0${location.virtualSource ?? ""}\0${location.start.line}`;
}

/**
 * Source placements first (files in the repository, then original locations that only a source map
 * names), shipped ones after; each group keeps the order the occurrences came in. An original location is
 * listed once even when several bundles map to it, and not at all when its file was scanned itself.
 */
export function placeOccurrences(occurrences: readonly Occurrence[]): Placement[] {
  const sources: Placement[] = [];
  const shipped: Placement[] = [];
  for (const occurrence of occurrences) {
    const role = isShipped(occurrence) ? "shipped" : "source";
    (role === "shipped" ? shipped : sources).push({ role, location: occurrence.location, occurrence });
  }
  const listed = new Set(sources.map((placement) => lineKey(placement.location)));
  for (const { occurrence } of shipped) {
    const original = occurrence?.original;
    if (!original || listed.has(lineKey(original))) continue;
    listed.add(lineKey(original));
    sources.push({ role: "source", location: original, mappedFrom: occurrence.location.path });
  }
  return [...sources, ...shipped];
}
