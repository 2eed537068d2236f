import type { FileKind, Layer, Location } from "../model/types.js";
import { LineIndex } from "../text/line-index.js";
import { offset as byOffset, lastAtOrBefore } from "../text/sorted.js";

/**
 * A text that positions refer to: a scanned file, or an original source carried inside one (a source
 * map's `sourcesContent` entry, named by `virtualSource`).
 */
export class SourceText {
  private lineIndex: LineIndex | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly virtualSource?: string,
    /** A virtual source's offsets → where that text sits in the file at `path` (Location.inFile). */
    readonly inFile?: (start: number, end: number) => NonNullable<Location["inFile"]>,
  ) {}

  /** Built on first use: most files have no candidate and never need it. */
  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }
}

/**
 * The fewest characters a credential has: the shortest any rule reports is ten (`mb_sk_sbx_`); the rest are
 * longer, and test/adversarial/memory.test.ts checks every rule's examples against this. A shorter value
 * is a credential only through a name over it (a `.env` password behind a public prefix).
 */
export const MIN_CREDENTIAL_CHARS = 8;

/**
 * Whether `value` has the characters to hold a credential: at least MIN_CREDENTIAL_CHARS that are not
 * blanks. Extractors make a fragment, which costs a few hundred bytes, only for a value that passes, so
 * a data file of a million `"\n"` strings costs memory in proportion to its bytes (#14 case 12).
 */
export function mayHoldCredential(value: string): boolean {
  if (value.length < MIN_CREDENTIAL_CHARS) return false;
  let seen = 0;
  for (let at = 0; at < value.length; at++) {
    const code = value.charCodeAt(at);
    // Space, tab, CR, LF, and the other C0 controls: none is part of a credential.
    if (code > 0x20 && ++seen >= MIN_CREDENTIAL_CHARS) return true;
  }
  return false;
}

/**
 * Maps offsets in a fragment's text back to offsets in its SourceText. Between anchors the mapping is
 * either linear (unchanged characters) or collapsed onto one source offset (an escape sequence such as
 * `\x6d`, or a decoded span, whose characters have no position of their own).
 */
export class OffsetMap {
  /**
   * The anchors, three numbers each: fragment offset, source offset, and LINEAR, COLLAPSED or the end in
   * the source of a collapsed run. One flat array, because a data file can hold a map per string: four
   * parallel arrays cost about 700 bytes per map before the first anchor, this about 200 (#14 case 12).
   */
  private readonly anchors: number[] = [];

  /** Characters from `fragmentOffset` on map one-to-one to characters from `sourceOffset` on. */
  addLinear(fragmentOffset: number, sourceOffset: number): this {
    return this.add(fragmentOffset, sourceOffset, LINEAR);
  }

  /**
   * Characters from `fragmentOffset` on all map to `sourceOffset`, until the next anchor. They came from
   * the source text up to `sourceEnd` (an escape sequence, an encoded literal): what a span that covers
   * them must cover in the source, so that redaction hides all of it.
   */
  addCollapsed(fragmentOffset: number, sourceOffset: number, sourceEnd?: number): this {
    return this.add(fragmentOffset, sourceOffset, sourceEnd ?? COLLAPSED);
  }

  toSource(offset: number): number {
    const at = this.segmentOf(offset);
    if (at < 0) return 0;
    const base = this.anchors[at + 1]!;
    return this.anchors[at + 2] === LINEAR ? base + (offset - this.anchors[at]!) : base;
  }

  /**
   * One past the last source character that fragment character `offset` came from. For a collapsed run:
   * its declared end, else where the next run starts in the source (the rest of an escape), else one.
   */
  toSourceEnd(offset: number): number {
    const at = this.segmentOf(offset);
    if (at < 0) return 1;
    const base = this.anchors[at + 1]!;
    const kind = this.anchors[at + 2]!;
    if (kind === LINEAR) return base + (offset - this.anchors[at]!) + 1;
    if (kind !== COLLAPSED) return kind;
    const next = this.anchors[at + 4];
    return next !== undefined && next > base ? next : base + 1;
  }

  /** The index in `anchors` of the last anchor at or before `offset` (the first one if none is); -1 if empty. */
  private segmentOf(offset: number): number {
    if (this.anchors.length === 0) return -1;
    return Math.max(0, lastAtOrBefore(this.anchors, offset, byOffset, 3)) * 3;
  }

  private add(fragmentOffset: number, sourceOffset: number, kind: number): this {
    const anchors = this.anchors;
    const last = anchors.length - 3;
    if (last >= 0 && anchors[last] === fragmentOffset) {
      anchors[last + 1] = sourceOffset;
      anchors[last + 2] = kind;
      return this;
    }
    anchors.push(fragmentOffset, sourceOffset, kind);
    return this;
  }
}

/** Anchor kinds in OffsetMap; any other (non-negative) value is the source end of a collapsed run. */
const LINEAR = -1;
const COLLAPSED = -2;

/**
 * A piece of text that rules run on, and the way back to where it came from. The raw fragment of a file
 * is the file itself; other extractors produce cooked string values, folded concatenations, decoded
 * base64, env values and source-map contents, each mapping its offsets back to its SourceText.
 */
export interface Fragment {
  readonly source: SourceText;
  readonly text: string;
  readonly layer: Layer;
  /** Absent: the fragment is `source.text` sliced at `sourceOffset` (identity mapping). */
  readonly map?: OffsetMap;
  /** For identity fragments: where `text` starts in the source. */
  readonly sourceOffset?: number;
  /** Property path, variable name or env key the value sits under. */
  readonly keyPath?: string;
  /**
   * Where the value starts in `text` when the text is `name:"value"` (so rules written for source text
   * match it): a match before it lies in the name, which has no place in the value's source span.
   */
  readonly valueFrom?: number;
  /** Facts an extractor learned and a finding should carry (`decoded from base64`, `new Medblocks(…)`). */
  readonly notes?: readonly string[];
  /**
   * A value put together from constants defined elsewhere (`\`${PREFIX}${ENV}_${A}\``): where it was
   * assembled, and the runs of `text` each binding supplied. A match inside one run is where that run
   * was written; a match across runs is where the value was assembled.
   */
  readonly assembly?: Assembly;
  /**
   * The prefilter's windows for this text (rule index in the `kind` prefilter → windows), when the file
   * was searched once for the prefilter and the evidence together (match/file-search.ts).
   */
  readonly prefiltered?: {
    kind: FileKind;
    windows: ReadonlyMap<number, readonly { start: number; end: number }[]>;
  };
}

export interface Assembly {
  start: number;
  end: number;
  parts: readonly AssemblyPart[];
}

export interface AssemblyPart {
  name: string;
  /** The run in the fragment's text. */
  at: number;
  end: number;
  /** Where its value was written in the source. */
  start: number;
  sourceEnd: number;
}

/** The parts a match from `start` to `end` draws on, when it draws on more than one place. */
export function assembledParts(fragment: Fragment, start: number, end: number): AssemblyPart[] {
  const parts = fragment.assembly?.parts ?? [];
  const touched = parts.filter((part) => part.at < end && part.end > start);
  if (touched.length === 0) return [];
  const inside = touched.length === 1 && touched[0]!.at <= start && end <= touched[0]!.end;
  return inside ? [] : touched;
}

export function fragmentOffsetToSource(fragment: Fragment, offset: number): number {
  return fragment.map ? fragment.map.toSource(offset) : (fragment.sourceOffset ?? 0) + offset;
}

/**
 * The source span that fragment characters `start` to `end` (exclusive) came from: from the first one's
 * start to the last one's end, so a decoded secret covers its whole encoded literal.
 */
export function fragmentSpanToSource(
  fragment: Fragment,
  start: number,
  end: number,
): { start: number; end: number } {
  const assembly = fragment.assembly;
  if (assembly && assembledParts(fragment, start, end).length > 0)
    return { start: assembly.start, end: assembly.end };
  const sourceStart = fragmentOffsetToSource(fragment, start);
  const last = Math.max(start, end - 1);
  const sourceEnd = fragment.map ? fragment.map.toSourceEnd(last) : (fragment.sourceOffset ?? 0) + last + 1;
  return { start: sourceStart, end: Math.max(sourceStart + 1, sourceEnd) };
}

export function rawFragment(source: SourceText): Fragment {
  return { source, text: source.text, layer: "raw" };
}
