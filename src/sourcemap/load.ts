/**
 * A source map read once and checked: the decoded mappings (through @jridgewell/trace-mapping, which
 * also flattens index maps with `sections`), each source's display name and its embedded content.
 * A broken map is an error message, never an exception: the bundle it belongs to is scanned anyway.
 */

import { describeError } from "../model/errors.js";
import { jsonStringRegions, type RegionInText } from "../text/json-string-offsets.js";
import { LineIndex } from "../text/line-index.js";
import { sourcesContentSpans } from "./contents-span.js";
import { type OriginalName, originalName } from "./paths.js";
import { type TraceMap, traceMapping } from "./trace-mapping.js";

export interface LoadedSourceMap {
  /** Display path of the map file, or `<bundle> (inline map)`. */
  path: string;
  trace: TraceMap;
  /** Per source index: the display name of the original source. */
  originals: OriginalName[];
  /**
   * The original text of source `index` shipped in `sourcesContent`, when it is: read from the map's text
   * at each call, so that no more than the source being scanned is held.
   */
  content(index: number): string | null;
  /** Source `index`'s offsets → the place of that text in the map's own JSON (when its span is known). */
  contentRegions(index: number): ((start: number, end: number) => RegionInText) | undefined;
  /**
   * Whether `mappings` decode to positions that point at real sources; if not, only contents are used.
   * Decoded and checked on first call: most bundles have no finding to locate, and the decoded segments
   * of a large map are millions of small arrays (CPU and memory for nothing). A problem found then is
   * added to `problems`.
   */
  mappingsUsable(): boolean;
  /** What is wrong with the map but did not stop it from being used. */
  problems: string[];
}

export type MapLoad = { map: LoadedSourceMap } | { error: string };

/**
 * `forBundle`: the map will translate a bundle's positions, so its mappings are decoded and checked. A map
 * scanned on its own only ships sources; decoding megabytes of VLQ for it would be wasted.
 */
export function loadSourceMap(mapPath: string, text: string, forBundle = true): MapLoad {
  // Parsed without its sources when they can be found in the text (contents-span.ts), else whole.
  const spans = sourcesContentSpans(text);
  let json: unknown;
  try {
    json = JSON.parse(spans ? `${text.slice(0, spans.start)}null${text.slice(spans.end)}` : text);
  } catch (error) {
    return { error: `not valid JSON (${describeError(error)})` };
  }
  if (!isRecord(json) || json.version !== 3) return { error: "not a version 3 source map" };
  if (!Array.isArray(json.sections) && !Array.isArray(json.sources))
    return { error: "no `sources` and no `sections`" };
  let trace: TraceMap;
  try {
    const { AnyMap } = traceMapping();
    trace = new AnyMap(json as unknown as ConstructorParameters<typeof AnyMap>[0]);
  } catch (error) {
    return { error: `cannot be decoded (${describeError(error)})` };
  }
  const problems: string[] = [];
  // A map is input: `sources` and `sourcesContent` entries that are not strings are named and skipped.
  const sourceNames = trace.resolvedSources.map((source, index) => {
    const name = source ?? trace.sources[index];
    return typeof name === "string" ? name : `source-${index}`;
  });
  const content = (index: number): string | null => {
    if (index >= sourceNames.length) return null;
    let value: unknown = null;
    if (!spans) value = trace.sourcesContent?.[index] ?? null;
    else {
      const span = spans.elements[index];
      if (span) value = JSON.parse(text.slice(span.start, span.end));
    }
    return typeof value === "string" ? value : null;
  };
  let mapLines: LineIndex | undefined;
  const contentRegions = (index: number) => {
    const span = spans?.elements[index];
    return span && jsonStringRegions(text, span.start, span.end, () => (mapLines ??= new LineIndex(text)));
  };
  // The character check is one regex pass, so a corrupt map says so at once; the decode waits for a use.
  const vlqOnly = forBundle && onlyVlqCharacters(json.mappings, problems);
  let usable: boolean | undefined;
  return {
    map: {
      path: mapPath,
      trace,
      originals: sourceNames.map((source) => originalName(mapPath, source)),
      content,
      contentRegions,
      mappingsUsable: () => {
        usable ??= vlqOnly && checkMappings(trace, sourceNames.length, problems);
        return usable;
      },
      problems,
    },
  };
}

/** The decoder reads a character outside base64 as some number and carries on; say so instead. */
function onlyVlqCharacters(mappings: unknown, problems: string[]): boolean {
  if (typeof mappings !== "string" || /^[A-Za-z0-9+/,;]*$/.test(mappings)) return true;
  problems.push("mappings are corrupt (characters outside base64 VLQ)");
  return false;
}

/**
 * The VLQ decoder accepts garbage without complaint, so check what came out: every segment must have
 * whole, non-negative numbers and point at a source that exists.
 */
function checkMappings(trace: TraceMap, sourceCount: number, problems: string[]): boolean {
  let lines: ReturnType<ReturnType<typeof traceMapping>["decodedMappings"]>;
  try {
    lines = traceMapping().decodedMappings(trace);
  } catch (error) {
    problems.push(`mappings cannot be decoded (${describeError(error)})`);
    return false;
  }
  for (const line of lines) {
    for (const segment of line) {
      const bad = segment.some((value) => !Number.isInteger(value) || value < 0);
      if (bad || (segment.length >= 4 && (segment[1] as number) >= sourceCount)) {
        problems.push("mappings are corrupt (a segment with a bad number or a source that does not exist)");
        return false;
      }
    }
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
