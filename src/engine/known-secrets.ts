/**
 * What a scan knows it must never print: every secret value it found, in any file, under any rule, and
 * whether or not a finding survived (suppressed, baselined and superseded copies are still secrets).
 * Code evidence (an SDK call, an env name) is printed as it is and is not among them.
 */
import { knownSecrets, SecretRedactor } from "../findings/redact.js";
import type { CompiledRules } from "../match/engine.js";
import type { Diagnostic, FoundSecret } from "../model/types.js";
import { scanFileText } from "./scan-file.js";

/**
 * The redactor for a whole scan's output: the secrets found in the files, and those found in the names
 * the output prints (a directory named after a key is printed at every finding below it).
 */
export function redactorFor(
  found: readonly FoundSecret[],
  diagnostics: readonly Diagnostic[],
  compiled: CompiledRules,
): SecretRedactor {
  const inNames = secretsInNames(printedNames(found, diagnostics), compiled);
  const known = knownSecrets([...found, ...inNames], (secret) => compiled.publicPrefixOf(secret));
  return known.length === 0 ? SecretRedactor.none : new SecretRedactor(known);
}

/** Every file name and source label the output will print, once each. */
function printedNames(found: readonly FoundSecret[], diagnostics: readonly Diagnostic[]): Set<string> {
  const names = new Set<string>();
  for (const { occurrence } of found) {
    names.add(occurrence.location.path);
    if (occurrence.location.virtualSource !== undefined) names.add(occurrence.location.virtualSource);
    if (occurrence.original) names.add(occurrence.original.path);
  }
  for (const diagnostic of diagnostics) if (diagnostic.path !== undefined) names.add(diagnostic.path);
  return names;
}

/** The rules run over names as plain text: a key is a key wherever it is written. */
function secretsInNames(names: Iterable<string>, compiled: CompiledRules): FoundSecret[] {
  const found: FoundSecret[] = [];
  for (const name of names) {
    const text = name.replaceAll("/", "\n");
    for (const secret of scanFileText({ path: "name.txt", text, kind: "text", isClient: true }, compiled)
      .found)
      found.push(secret);
  }
  return found;
}
