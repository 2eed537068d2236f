/**
 * Binary search over offsets sorted ascending: line starts, fragment starts, scope starts, span ends.
 * One implementation, because each of those tables used to carry its own copy of the loop.
 */

/** Index of the last item whose key is at or before `value`, or -1 when every key is after it. */
export function lastAtOrBefore<T>(items: ArrayLike<T>, value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (key(items[mid]!) <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The key of a table of plain offsets. */
export const offset = (n: number): number => n;
