/**
 * Source maps as scannable text. Each `sourcesContent[i]` becomes a virtual file, named by the map and
 * the original source (`dist/assets/app.js.map ⇒ src/lib/medblocks.ts`), with positions inside that
 * original text; JSON.parse has already decoded its escapes, so a PEM whose line breaks were written
 * `\\n` in the map reads as the original source wrote it. The same loaded map also maps bundle positions
 * back (scan-file.ts), so a map is read and parsed once per bundle.
 */

import { SourceText } from "../extract/fragment.js";
import type { EmbeddedSource, Extraction } from "../extract/types.js";
import type { Diagnostic, FileKind } from "../model/types.js";
import { CLASSIFY_HEAD_CHARS, classify } from "../walk/classify.js";
import { type LoadedSourceMap, loadSourceMap } from "./load.js";
import { findMapReference } from "./reference.js";

export interface MapExtraction {
  map?: LoadedSourceMap;
  embedded: Iterable<EmbeddedSource>;
  diagnostics: Diagnostic[];
}

/**
 * The original sources a map ships, as virtual files of the map at `location` (its path, or the bundle's);
 * `forBundle` when the map will also translate a bundle's positions.
 */
export function mapContents(
  location: string,
  mapPath: string,
  mapText: string,
  forBundle: boolean,
): MapExtraction {
  const loaded = loadSourceMap(mapPath, mapText, forBundle);
  if ("error" in loaded) {
    return {
      embedded: [],
      diagnostics: [
        { code: "sourcemap-invalid", path: mapPath, message: `source map ignored: ${loaded.error}` },
      ],
    };
  }
  const { map } = loaded;
  const diagnostics = mapProblems(mapPath, map.problems);
  const outside = map.originals.filter((original) => original.outside).map((original) => original.path);
  if (outside.length) {
    diagnostics.push({
      code: "sourcemap-outside-root",
      path: mapPath,
      message: `names ${outside.length} source${outside.length > 1 ? "s" : ""} outside the scanned tree (${outside.slice(0, 3).join(", ")}${outside.length > 3 ? ", …" : ""}): used as labels only, never opened`,
    });
  }
  return { map, embedded: embeddedSources(map, location, location === mapPath), diagnostics };
}

/** The map's original sources, read one at a time as they are asked for (never all held at once). */
function* embeddedSources(
  map: LoadedSourceMap,
  location: string,
  inMapFile: boolean,
): Generator<EmbeddedSource> {
  for (let index = 0; index < map.originals.length; index++) {
    const content = map.content(index);
    if (content === null) continue;
    const name = map.originals[index]!.path;
    yield {
      // A map file's own text places the secret for SARIF; an inline map's is not the bundle's text.
      source: new SourceText(location, content, name, inMapFile ? map.contentRegions(index) : undefined),
      kind: classify(name, content.slice(0, CLASSIFY_HEAD_CHARS)),
    };
  }
}

/** What is wrong with a map that is still used: its sources are scanned, bundle positions are not mapped. */
export function mapProblems(mapPath: string, problems: readonly string[]): Diagnostic[] {
  return problems.map((problem) => ({
    code: "sourcemap-invalid",
    path: mapPath,
    message: `${problem}; its sources are still scanned, bundle positions are not mapped`,
  }));
}

/** The extractor for a `.map` file scanned on its own (no bundle of its own in the scan). */
export function extractSourceMapContents(source: SourceText, _kind: FileKind): Extraction {
  const { embedded, diagnostics } = mapContents(source.path, source.path, source.text, false);
  return { fragments: [], embedded, diagnostics };
}

/**
 * The map a bundle comes with: the companion file the scanner paired it with, or else a map inlined
 * in the bundle's `sourceMappingURL` data URL.
 */
export function bundleMap(
  bundlePath: string,
  bundleText: string,
  companion?: { path: string; text: string },
): MapExtraction {
  if (companion) return mapContents(companion.path, companion.path, companion.text, true);
  let reference: ReturnType<typeof findMapReference>;
  try {
    reference = findMapReference(bundleText);
  } catch {
    return {
      embedded: [],
      diagnostics: [
        { code: "sourcemap-invalid", path: bundlePath, message: "inline source map is not decodable" },
      ],
    };
  }
  if (!reference || !("inline" in reference)) return { embedded: [], diagnostics: [] };
  return mapContents(bundlePath, `${bundlePath} (inline map)`, reference.inline, true);
}
