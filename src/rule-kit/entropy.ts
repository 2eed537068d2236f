/** Shannon entropy in bits per character. Random base62 of 32 characters scores about 4.7–5.0. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** True when the value mixes at least `classes` of: lower case, upper case, digits, symbols. */
export function hasCharacterClasses(value: string, classes: number): boolean {
  let seen = 0;
  if (/[a-z]/.test(value)) seen++;
  if (/[A-Z]/.test(value)) seen++;
  if (/[0-9]/.test(value)) seen++;
  if (/[^A-Za-z0-9]/.test(value)) seen++;
  return seen >= classes;
}
