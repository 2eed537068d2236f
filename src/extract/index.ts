import { describeError } from "../findings/redact.js";
import type { JsNode } from "../rule-kit.js";
import { timing } from "../timing.js";
import type { Diagnostic, FileKind } from "../types.js";
import { extractDotenv } from "./dotenv.js";
import { type Fragment, rawFragment, SourceText } from "./fragment.js";
import { extractJs } from "./js-ast.js";
import { extractJsonStrings } from "./json-strings.js";
import { extractScriptBlocks } from "./script-blocks.js";
import { extractSourceMapContents } from "./sourcemap.js";

/** What extractors learn from one file: the fragments to match and anything worth telling the user. */
export interface Extraction {
  fragments: Fragment[];
  diagnostics: Diagnostic[];
  /** Whole texts carried inside the file (a source map's `sourcesContent`), extracted in turn by their own kind. */
  embedded?: EmbeddedSource[];
  /** Code shapes of parsed JavaScript, for code-shape rules; offsets are into the extractor's source. */
  nodes?: JsNode[];
  /** The same, collected per source across embedded texts (set by `extractSource`). */
  shapes?: Shapes[];
}

export interface Shapes {
  source: SourceText;
  nodes: JsNode[];
}

export interface EmbeddedSource {
  source: SourceText;
  kind: FileKind;
}

/**
 * An extractor reads one file's text and returns extra fragments: cooked strings, folded expressions,
 * env values, source-map contents. The raw text is always matched as well (the safety net), so an
 * extractor that fails costs understanding, never coverage.
 */
export type Extractor = (source: SourceText, kind: FileKind, hints: ExtractHints) => Extraction;

/** What the rules tell the extractors, so that costly understanding is spent only where a rule can use it. */
export interface ExtractHints {
  /** Keywords of the code-shape rules (an SDK name, `kty:`, a public env prefix): where one occurs, parse. */
  readonly shapeKeywords: readonly string[];
}

/** Which extractors run on which kind of file, in order. */
const EXTRACTORS: Partial<Record<FileKind, readonly Extractor[]>> = {
  sourcemap: [extractSourceMapContents],
  json: [extractJsonStrings],
  env: [extractDotenv],
  js: [extractJs],
  jsx: [extractJs],
  ts: [extractJs],
  tsx: [extractJs],
  bundle: [extractJs],
  html: [extractScriptBlocks],
};

export function extract(path: string, text: string, kind: FileKind, hints: ExtractHints): Extraction {
  return extractSource(new SourceText(path, text), kind, hints);
}

/** Raw fragment, extractor fragments, and the same for every embedded text (one level deep). */
export function extractSource(
  source: SourceText,
  kind: FileKind,
  hints: ExtractHints,
  depth = 0,
): Extraction {
  const fragments: Fragment[] = [rawFragment(source)];
  const diagnostics: Diagnostic[] = [];
  const shapes: Shapes[] = [];
  for (const extractor of EXTRACTORS[kind] ?? []) {
    try {
      const extractStarted = timing?.start() ?? 0;
      const extraction = extractor(source, kind, hints);
      timing?.stop(`extract:${extractor.name}`, extractStarted);
      // A loop, not push(...): a parsed bundle can yield more fragments than a call takes arguments.
      for (const fragment of extraction.fragments) fragments.push(fragment);
      diagnostics.push(...extraction.diagnostics);
      if (extraction.nodes?.length) shapes.push({ source, nodes: extraction.nodes });
      // A map inside a map's sourcesContent is data, not another level to unpack.
      for (const embedded of depth === 0 ? (extraction.embedded ?? []) : []) {
        const inner = extractSource(embedded.source, embedded.kind, hints, depth + 1);
        for (const fragment of inner.fragments) fragments.push(fragment);
        diagnostics.push(...inner.diagnostics);
        shapes.push(...(inner.shapes ?? []));
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
