/**
 * Files that are bytes, not text, but still carry strings an app ships: Hermes bytecode (React Native's
 * compiled bundle) is read through its string table, each string a text of its own located as
 * `string #N`, and every rule runs on it as on a JavaScript literal; native libraries (`.so`, Flutter's
 * libapp.so), dex code and Hermes bytecode of an unknown version get a printable-strings pass located by
 * byte offset, where only rules with a strong prefix run (no code around a string there to vouch for it).
 */
import { type Fragment, rawFragment, SourceText } from "../extract/fragment.js";
import { readHermesStrings } from "../extract/hermes.js";
import { printableRuns } from "../extract/strings.js";
import { CompiledRules } from "../match/engine.js";
import type { Diagnostic } from "../model/types.js";
import { isHermesBytecode, packedKind } from "../walk/classify.js";
import { type FileScanOutput, type FragmentScanInput, scanFragments } from "./scan-file.js";

export type PackedScanInput = Omit<FragmentScanInput, "kind">;

/** Found secrets when the bytes are Hermes bytecode or a strings-pass binary; undefined for anything else. */
export function scanPackedBytes(
  input: PackedScanInput,
  bytes: Uint8Array,
  compiled: CompiledRules,
): FileScanOutput | undefined {
  if (isHermesBytecode(bytes)) {
    const table = readHermesStrings(bytes);
    if ("strings" in table) {
      const fragments = table.strings.map((text, n) =>
        rawFragment(new SourceText(input.path, text, `string #${n}`)),
      );
      return { found: scanFragments({ ...input, kind: "text" }, fragments, [], compiled), diagnostics: [] };
    }
    const fallback: Diagnostic = {
      code: "packed-fallback",
      path: input.path,
      message: `Hermes bytecode not read through its string table (${table.problem}): scanned as printable strings, with strong-prefix rules only`,
    };
    return stringsPass(input, bytes, compiled, [fallback]);
  }
  if (packedKind(input.path) === "strings") return stringsPass(input, bytes, compiled, []);
  return undefined;
}

function stringsPass(
  input: PackedScanInput,
  bytes: Uint8Array,
  compiled: CompiledRules,
  diagnostics: Diagnostic[],
): FileScanOutput {
  const strong = strongRulesOf(compiled);
  const fragments: Fragment[] = [];
  for (const run of printableRuns(bytes)) {
    // Most runs are symbol names and messages: only those holding a rule keyword become texts at all.
    const lower = run.text.toLowerCase();
    if (!strong.keywords.some((keyword) => lower.includes(keyword))) continue;
    const label = `offset 0x${run.offset.toString(16)}${run.encoding === "ascii" ? "" : ` (${run.encoding})`}`;
    fragments.push(rawFragment(new SourceText(input.path, run.text, label)));
  }
  return { found: scanFragments({ ...input, kind: "text" }, fragments, [], strong.compiled), diagnostics };
}

const strongCache = new WeakMap<CompiledRules, { compiled: CompiledRules; keywords: string[] }>();

/** The scan's own rules (custom and disabled ones applied) that declare `strongPrefix`. */
function strongRulesOf(compiled: CompiledRules): { compiled: CompiledRules; keywords: string[] } {
  let strong = strongCache.get(compiled);
  if (!strong) {
    const rules = compiled.rules.filter((rule) => rule.strongPrefix === true);
    strong = {
      compiled: new CompiledRules(rules),
      keywords: [...new Set(rules.flatMap((rule) => rule.keywords))],
    };
    strongCache.set(compiled, strong);
  }
  return strong;
}
