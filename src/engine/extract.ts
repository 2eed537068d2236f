import { extractDotenv } from "../extract/dotenv.js";
import { extractExpoExtra } from "../extract/expo-config.js";
import { type Fragment, rawFragment, SourceText } from "../extract/fragment.js";
import { extractJs } from "../extract/js-ast.js";
import { rememberLeads } from "../extract/js-leads.js";
import { extractJsonStrings } from "../extract/json-strings.js";
import { extractDevalue } from "../extract/payloads.js";
import { extractScriptBlocks } from "../extract/script-blocks.js";
import type { ExtractHints, Extraction, Extractor, Shapes } from "../extract/types.js";
import { CompiledRules } from "../match/engine.js";
import { append } from "../model/append.js";
import { describeError } from "../model/errors.js";
import { timing } from "../model/timing.js";
import type { Diagnostic, FileKind } from "../model/types.js";
import { extractSourceMapContents } from "../sourcemap/extract.js";

/** Which extractors run on which kind of file, in order. */
const EXTRACTORS: Partial<Record<FileKind, readonly Extractor[]>> = {
  sourcemap: [extractSourceMapContents],
  json: [extractJsonStrings, extractExpoExtra, extractDevalue],
  env: [extractDotenv],
  js: [extractJs],
  jsx: [extractJs],
  ts: [extractJs],
  tsx: [extractJs],
  bundle: [extractJs],
  html: [extractScriptBlocks],
};

/**
 * `keep`, when given, says which fragments of an embedded text (a map's original source) are worth
 * holding: the rest are dropped as soon as that text is extracted, so a map's sources are not all held
 * at once (scan-file.ts keeps those with a match).
 */
export function extract(
  path: string,
  text: string,
  kind: FileKind,
  hints: ExtractHints,
  keep?: FragmentFilter,
): SourceExtraction {
  return extractSource(new SourceText(path, text), kind, hints, 0, keep);
}

export type FragmentFilter = (fragment: Fragment) => boolean;

/** An extraction with its fragments gathered (an extractor's may come one at a time). */
export interface SourceExtraction extends Extraction {
  fragments: Fragment[];
}

const SEARCHED_KINDS: ReadonlySet<FileKind> = new Set(["js", "jsx", "ts", "tsx", "bundle"]);

/**
 * The raw fragment. A JavaScript text is searched once for the prefilter's keywords and the evidence
 * that opens the parser (match/file-search.ts): the windows go with the fragment, the leads to extractJs.
 */
function searchedRaw(source: SourceText, kind: FileKind, hints: ExtractHints): Fragment {
  const raw = rawFragment(source);
  if (!SEARCHED_KINDS.has(kind) || !(hints instanceof CompiledRules)) return raw;
  const started = timing?.start() ?? 0;
  const { windows, leads } = hints.searchFor(kind).search(source.text);
  timing?.stop("search", started);
  rememberLeads(source, leads);
  return { ...raw, prefiltered: { kind, windows } };
}

/** Raw fragment, extractor fragments, and the same for every embedded text (one level deep). */
export function extractSource(
  source: SourceText,
  kind: FileKind,
  hints: ExtractHints,
  depth = 0,
  keep?: FragmentFilter,
): SourceExtraction {
  const fragments: Fragment[] = [searchedRaw(source, kind, hints)];
  const diagnostics: Diagnostic[] = [];
  const shapes: Shapes[] = [];
  for (const extractor of EXTRACTORS[kind] ?? []) {
    try {
      const extractStarted = timing?.start() ?? 0;
      const extraction = extractor(source, kind, hints);
      timing?.stop(`extract:${extractor.name}`, extractStarted);
      // A loop, not push(...): a parsed bundle can yield more fragments than a call takes arguments. And
      // filtered as they come: a dotenv or JSON file's fragments are generated one at a time (#14 case 12).
      for (const fragment of extraction.fragments) if (!keep || keep(fragment)) fragments.push(fragment);
      append(diagnostics, extraction.diagnostics);
      if (extraction.nodes?.length) shapes.push({ source, nodes: extraction.nodes });
      // A map inside a map's sourcesContent is data, not another level to unpack.
      for (const embedded of depth === 0 ? (extraction.embedded ?? []) : []) {
        const inner = extractSource(embedded.source, embedded.kind, hints, depth + 1, keep);
        for (const fragment of inner.fragments) if (!keep || keep(fragment)) fragments.push(fragment);
        append(diagnostics, inner.diagnostics);
        append(shapes, inner.shapes ?? []);
      }
    } catch (error) {
      diagnostics.push({
        code: "parse-failed",
        path: source.path,
        message: `extractor failed, raw text still scanned: ${describeError(error)}`,
      });
    }
  }
  return { fragments, diagnostics, shapes };
}
