/**
 * `target.push(...items)` passes every item as an argument, and V8 throws "Maximum call stack size
 * exceeded" past about 100k of them: a file can yield that many fragments, diagnostics or secrets. A loop
 * has no such limit.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
