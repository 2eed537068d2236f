import type { FileKind, Layer } from "../model/types.js";
import { LineIndex } from "../text/line-index.js";

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
  ) {}

  /** Built on first use: most files have no candidate and never need it. */
  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }
}

/**
 * Maps offsets in a fragment's text back to offsets in its SourceText. Between anchors the mapping is
 * either linear (unchanged characters) or collapsed onto one source offset (an escape sequence such as
 * `\x6d`, or a decoded span, whose characters have no position of their own).
 */
export class OffsetMap {
  private readonly fragmentStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly linear: boolean[] = [];
  private readonly collapsedEnds: (number | undefined)[] = [];

  /** Characters from `fragmentOffset` on map one-to-one to characters from `sourceOffset` on. */
  addLinear(fragmentOffset: number, sourceOffset: number): this {
    return this.add(fragmentOffset, sourceOffset, true);
  }

  /**
   * Characters from `fragmentOffset` on all map to `sourceOffset`, until the next anchor. They came from
   * the source text up to `sourceEnd` (an escape sequence, an encoded literal): what a span that covers
   * them must cover in the source, so that redaction hides all of it.
   */
  addCollapsed(fragmentOffset: number, sourceOffset: number, sourceEnd?: number): this {
    this.add(fragmentOffset, sourceOffset, false);
    this.collapsedEnds[this.fragmentStarts.length - 1] = sourceEnd;
    return this;
  }

  toSource(offset: number): number {
    const segment = this.segmentOf(offset);
    const base = this.sourceStarts[segment] ?? 0;
    return this.linear[segment] ? base + (offset - (this.fragmentStarts[segment] ?? 0)) : base;
  }

  /**
   * One past the last source character that fragment character `offset` came from. For a collapsed run:
   * its declared end, else where the next run starts in the source (the rest of an escape), else one.
   */
  toSourceEnd(offset: number): number {
    const segment = this.segmentOf(offset);
    const base = this.sourceStarts[segment] ?? 0;
    if (this.linear[segment]) return base + (offset - (this.fragmentStarts[segment] ?? 0)) + 1;
    const next = this.sourceStarts[segment + 1];
    return this.collapsedEnds[segment] ?? (next !== undefined && next > base ? next : base + 1);
  }

  private segmentOf(offset: number): number {
    const starts = this.fragmentStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private add(fragmentOffset: number, sourceOffset: number, linear: boolean): this {
    const last = this.fragmentStarts.length - 1;
    if (last >= 0 && this.fragmentStarts[last] === fragmentOffset) {
      this.sourceStarts[last] = sourceOffset;
      this.linear[last] = linear;
      return this;
    }
    this.fragmentStarts.push(fragmentOffset);
    this.sourceStarts.push(sourceOffset);
    this.linear.push(linear);
    return this;
  }
}

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
