import { LineIndex } from "../text/line-index.js";
import type { Layer } from "../types.js";

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

  /** Characters from `fragmentOffset` on map one-to-one to characters from `sourceOffset` on. */
  addLinear(fragmentOffset: number, sourceOffset: number): this {
    return this.add(fragmentOffset, sourceOffset, true);
  }

  /** Characters from `fragmentOffset` on all map to `sourceOffset`, until the next anchor. */
  addCollapsed(fragmentOffset: number, sourceOffset: number): this {
    return this.add(fragmentOffset, sourceOffset, false);
  }

  toSource(offset: number): number {
    const starts = this.fragmentStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    const base = this.sourceStarts[low] ?? 0;
    return this.linear[low] ? base + (offset - (starts[low] ?? 0)) : base;
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
  /** Facts an extractor learned and a finding should carry (`decoded from base64`, `new Medblocks(…)`). */
  readonly notes?: readonly string[];
}

export function fragmentOffsetToSource(fragment: Fragment, offset: number): number {
  return fragment.map ? fragment.map.toSource(offset) : (fragment.sourceOffset ?? 0) + offset;
}

export function rawFragment(source: SourceText): Fragment {
  return { source, text: source.text, layer: "raw" };
}
