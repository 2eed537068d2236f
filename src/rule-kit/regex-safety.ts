/**
 * A static check that a rule's pattern runs in linear time on JavaScript's backtracking engine. With every
 * quantifier bounded, no quantifier inside another quantified group and no backreference, the work from
 * one start position is bounded by a constant (the product of the bounds along one path), so a scan of n
 * characters costs O(n). This is what lets a user's custom rule run on a 50 MB bundle without a time limit.
 */

/** What makes `source` (a RegExp source) super-linear, each with its position; empty when it is safe. */
export function regexHazards(source: string): string[] {
  const found: string[] = [];
  /** Per open group: whether a quantifier was seen inside it. */
  const groups: boolean[] = [];
  let inClass = false;
  let lastGroupQuantified = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || (next === "k" && source[i + 2] === "<")))
        found.push(`backreference "\\${next}" at ${i}`);
      i++;
      lastGroupQuantified = false;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      lastGroupQuantified = false;
      continue;
    }
    if (c === "(") {
      groups.push(false);
      lastGroupQuantified = false;
      continue;
    }
    if (c === ")") {
      lastGroupQuantified = groups.pop() ?? false;
      if (lastGroupQuantified && groups.length > 0) groups[groups.length - 1] = true;
      // Only a quantifier right after `)` applies to the group: checked on the next character.
      const quantifier = quantifierAt(source, i + 1);
      if (quantifier && lastGroupQuantified && repeatsMoreThanOnce(quantifier))
        found.push(`nested quantifier "${quantifier}" at ${i + 1}`);
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      if (quantifier === "*" || quantifier === "+" || /^\{\d+,\}$/.test(quantifier))
        found.push(`unbounded quantifier "${quantifier}" at ${i}`);
      if (groups.length > 0) groups[groups.length - 1] = true;
      i += quantifier.length - 1;
      // A lazy or possessive marker belongs to the quantifier.
      if (source[i + 1] === "?") i++;
    }
    lastGroupQuantified = false;
  }
  return found;
}

/** The quantifier that starts at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`), if any. */
function quantifierAt(source: string, i: number): string | undefined {
  const c = source[i];
  if (c === "*" || c === "+") return c;
  if (c === "?" && source[i - 1] !== "(") return c;
  if (c === "{") return /^\{\d+(?:,\d*)?\}/.exec(source.slice(i, i + 24))?.[0];
  return undefined;
}

/** `?` and `{0,1}` only make a group optional: nesting under them cannot multiply the work. */
function repeatsMoreThanOnce(quantifier: string): boolean {
  if (quantifier === "?") return false;
  const bounds = /^\{(\d+)(?:,(\d*))?\}$/.exec(quantifier);
  if (!bounds) return true;
  const max = bounds[2] === undefined ? Number(bounds[1]) : bounds[2] === "" ? Infinity : Number(bounds[2]);
  return max > 1;
}
