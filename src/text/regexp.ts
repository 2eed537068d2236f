/** Regular-expression helpers shared by the extractors and the matcher. */
const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/** A literal as a regular-expression source. */
export function escapeRegExp(literal: string): string {
  return literal.replace(ESCAPE, "\\$&");
}
