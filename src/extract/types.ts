/** The contract between the extractor registry (index.ts) and each extractor. */
import type { Diagnostic, FileKind } from "../model/types.js";
import type { JsNode } from "../rule-kit/index.js";
import type { Fragment, SourceText } from "./fragment.js";

/** What extractors learn from one file: the fragments to match and anything worth telling the user. */
export interface Extraction {
  /**
   * An array, or a generator for extractors that make one fragment per entry of a data file (dotenv,
   * JSON): the engine matches each as it comes and keeps only those with a match, so a file of a million
   * entries never holds a million fragments (#14 case 12).
   */
  fragments: Iterable<Fragment>;
  diagnostics: Diagnostic[];
  /** Whole texts carried inside the file (a source map's `sourcesContent`), extracted in turn by their own kind. */
  embedded?: Iterable<EmbeddedSource>;
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
  /** Every rule's `leads` (`mb_sk_`, `whsec_`): a literal holding one is where names are worth resolving. */
  readonly leads?: readonly string[];
  /**
   * The credential starts the rules declare (`RuleMeta.leads`) and the names and keywords their patterns
   * read: encoded or split forms of these are the evidence that a hidden value can come out of a file (see
   * js-leads.ts). Absent: only the shape keywords open the parser.
   */
  readonly evidence?: EvidenceHints;
}

export interface EvidenceHints {
  readonly leads: readonly LeadSpec[];
  /** Pattern-rule keywords that name a value (`client_secret`, `secretaccesskey`), lower case. */
  readonly names: readonly string[];
  /** Pattern-rule keywords a credential starts with or is introduced by (`akia`, `bearer`), lower case. */
  readonly words: readonly string[];
}

export interface LeadSpec {
  /** The literal start of the credential, as the rule declares it (`mb_sk_`, `-----BEGIN`). */
  readonly lead: string;
  /** Whether the rule's pattern matches `text` as it is. */
  matches(text: string): boolean;
  /**
   * Whether text that starts with the lead (up to where its literal ends) can become the rule's match once
   * the rest is supplied: `-----BEGIN ` can, `-----BEGIN CERTIFICATE-----` cannot.
   */
  canBecome(text: string): boolean;
}
