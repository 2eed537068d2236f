import type { Diagnostic, FileKind } from "../types.js";
import { describeError } from "../findings/redact.js";
import { type Fragment, rawFragment, SourceText } from "./fragment.js";

/** What extractors learn from one file: the fragments to match and anything worth telling the user. */
export interface Extraction {
  fragments: Fragment[];
  diagnostics: Diagnostic[];
}

/**
 * An extractor reads one file's text and returns extra fragments: cooked strings, folded expressions,
 * env values, source-map contents. The raw text is always matched as well (the safety net), so an
 * extractor that fails costs understanding, never coverage.
 */
export type Extractor = (source: SourceText, kind: FileKind) => Extraction;

/** Which extractors run on which kind of file, in order. */
const EXTRACTORS: Partial<Record<FileKind, readonly Extractor[]>> = {};

export function extract(path: string, text: string, kind: FileKind): Extraction {
  const source = new SourceText(path, text);
  const fragments: Fragment[] = [rawFragment(source)];
  const diagnostics: Diagnostic[] = [];
  for (const extractor of EXTRACTORS[kind] ?? []) {
    try {
      const extraction = extractor(source, kind);
      fragments.push(...extraction.fragments);
      diagnostics.push(...extraction.diagnostics);
    } catch (error) {
      diagnostics.push({
        code: "parse-failed",
        path,
        message: `extractor failed, raw text still scanned: ${describeError(error)}`,
      });
    }
  }
  return { fragments, diagnostics };
}
