import { allRules } from "../../rules/index.js";
import { buildFindings } from "../findings/pipeline.js";
import { CompiledRules } from "../match/engine.js";
import type { Finding } from "../model/types.js";
import type { Rule } from "../rule-kit/index.js";
import { CLASSIFY_HEAD_CHARS, classify } from "../walk/classify.js";
import { createClientDetector } from "../walk/client-server.js";
import { scanFileText } from "./scan-file.js";

export interface ScanTextOptions {
  /** Pretend file name: decides the file kind and whether it counts as client code. */
  path?: string;
  rules?: readonly Rule[];
  showSecrets?: boolean;
}

const compiledCache = new WeakMap<readonly Rule[], CompiledRules>();
const isClient = createClientDetector();

/** The compiled form of `rules`, built once per rule list. */
export function compiledFor(rules: readonly Rule[] = allRules): CompiledRules {
  const compiled = compiledCache.get(rules) ?? new CompiledRules(rules);
  compiledCache.set(rules, compiled);
  return compiled;
}

/** Scan one in-memory text with no config, allowlist or file system: the library's smallest entry point. */
export function scanText(text: string, options: ScanTextOptions = {}): Finding[] {
  const rules = options.rules ?? allRules;
  const compiled = compiledFor(rules);
  const path = options.path ?? "src/example.js";
  const head = text.slice(0, CLASSIFY_HEAD_CHARS);
  const { found } = scanFileText(
    { path, text, kind: classify(path, head), isClient: isClient(path, head) },
    compiled,
  );
  const remediation = new Map(rules.map((rule) => [rule.id, rule.remediation]));
  return buildFindings(found, {
    remediation: (id) => remediation.get(id) ?? "",
    severityOverrides: new Map(),
    isAllowedPath: () => false,
    allowedSecretHashes: new Set(),
    showSecrets: options.showSecrets ?? false,
  }).findings;
}
