/**
 * A bundle and its source map as one unit of work: the map is parsed once, its original sources are
 * scanned as virtual files, its own text is matched raw (a secret in `names` or `file` is still a
 * leak), and the parsed mappings locate bundle findings in the original code. A pure function of the
 * bundle's path and text and the map's text, so it runs wherever scanFileText runs.
 */

import { type Fragment, rawFragment, SourceText } from "../extract/fragment.js";
import type { ExtractHints } from "../extract/types.js";
import { append } from "../model/append.js";
import type { Diagnostic, FileKind } from "../model/types.js";
import { bundleMap, mapProblems } from "../sourcemap/extract.js";
import { createOriginalLocator, type OriginalLocator } from "../sourcemap/original.js";
import { extractSource, type FragmentFilter } from "./extract.js";

export interface CompanionMap {
  path: string;
  text: string;
}

export interface BundleUnit {
  fragments: Fragment[];
  diagnostics: Diagnostic[];
  /** Maps a secret found in the bundle's own text to its original location. */
  locateOriginal?: OriginalLocator;
  /**
   * What locating found wrong with the map (its mappings are decoded at the first finding to locate):
   * asked once the bundle's findings are located.
   */
  laterDiagnostics?: () => Diagnostic[];
}

/** Kinds whose files can carry a `sourceMappingURL` inline map. */
const MAPPED_KINDS: ReadonlySet<FileKind> = new Set(["js", "bundle"]);

export function bundleUnit(
  input: {
    path: string;
    text: string;
    kind: FileKind;
    map?: CompanionMap;
  },
  hints: ExtractHints,
  keep?: FragmentFilter,
): BundleUnit {
  if (!input.map && !MAPPED_KINDS.has(input.kind)) return { fragments: [], diagnostics: [] };
  const extraction = bundleMap(input.path, input.text, input.map);
  const fragments: Fragment[] = input.map
    ? [rawFragment(new SourceText(input.map.path, input.map.text))]
    : [];
  const diagnostics = [...extraction.diagnostics];
  for (const embedded of extraction.embedded) {
    // Depth 1: what a map's sources carry is not unpacked again (a map inside a map is data).
    const inner = extractSource(embedded.source, embedded.kind, hints, 1);
    // Each source is let go once read: only its fragments with a match stay (see extract.ts).
    for (const fragment of inner.fragments) if (!keep || keep(fragment)) fragments.push(fragment);
    append(diagnostics, inner.diagnostics);
  }
  const map = extraction.map;
  if (!map) return { fragments, diagnostics };
  const known = map.problems.length;
  return {
    fragments,
    diagnostics,
    locateOriginal: createOriginalLocator(map),
    laterDiagnostics: () => mapProblems(map.path, map.problems.slice(known)),
  };
}
