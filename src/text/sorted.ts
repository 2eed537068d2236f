/**
 * Binary search over offsets sorted ascending: line starts, fragment starts, scope starts, span ends.
 * One implementation, because each of those tables used to carry its own copy of the loop.
 */

/**
 * Index of the last item whose key is at or before `value`, or -1 when every key is after it. With a
 * `stride`, items are records of that many entries laid out flat (OffsetMap's anchors), keyed by their first.
 */
export function lastAtOrBefore<T>(
  items: ArrayLike<T>,
  value: number,
  key: (item: T) => number,
  stride = 1,
): number {
  let low = 0;
  let high = Math.floor(items.length / stride);
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (key(items[mid * stride]!) <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The key of a table of plain offsets. */
export const offset = (n: number): number => n;
