/**
 * The contract between the engine and `rules/`. Rules are data: metadata, a matcher and the examples
 * that prove it. This is the only module `rules/` imports.
 */

import type { FileKind, Layer, Severity } from "../model/types.js";
import type { PublicEnvFramework } from "./public-env.js";

export interface PositiveExample {
  /** Text as it would appear in a file. */
  text: string;
  /** The exact value the rule must capture from `text`. */
  secret: string;
  /** Optional: the file name the example pretends to live in (decides kind and client/server). */
  path?: string;
}

export interface NegativeExample {
  text: string;
  /** Why this must not be reported: the reason is part of the proof. */
  why: string;
  path?: string;
}

export interface RuleExamples {
  positive: PositiveExample[];
  negative: NegativeExample[];
  /** Real leaks the rule does not catch yet. Listed honestly rather than disguised as negatives. */
  knownMisses?: { text: string; why: string }[];
}

/** What a matcher sees when it decides about one candidate. */
export interface MatchContext {
  /** The candidate secret (the `secret` group). */
  secret: string;
  /** All named groups of the match. */
  groups: Readonly<Record<string, string | undefined>>;
  /** The whole fragment the match was found in, and where the match starts and ends inside it. */
  text: string;
  index: number;
  end: number;
  /** Path of the scanned file (for a source map's original source, the virtual name). */
  path: string;
  kind: FileKind;
  /** Property path or variable name that holds the value, when an extractor knows it. */
  keyPath?: string;
  /** Whether the file is client code (everything in build output, `"use client"`, …). */
  isClient: boolean;
  /** The env prefixes the scanned project's frameworks publish (every known one when none was detected). */
  publicEnv: readonly PublicEnvFramework[];
  /** Up to `radius` characters either side of the match, for context checks. */
  around(radius: number): string;
}

/**
 * A validator's answer: `false` drops the candidate; `true` keeps it as the rule declares; an object
 * keeps it and adjusts it (another severity, an attribution, a note shown with the finding).
 */
export type Verdict = boolean | { severity?: Severity; title?: string; message?: string; notes?: string[] };

export interface RuleMeta {
  /** `family/name`, stable forever: baselines, suppressions and SARIF refer to it. */
  id: string;
  title: string;
  /** Why this matters in a browser bundle, in a sentence or two. */
  description: string;
  severity: Severity;
  /** `exact`: the format identifies the credential. `fuzzy`: a heuristic (names, entropy, context). */
  confidence: "exact" | "fuzzy";
  /** Literal fragments, one of which every match contains. Case-insensitive. Drive the prefilter. */
  keywords: string[];
  /** What to do about a finding, one or two sentences. */
  remediation: string;
  references?: string[];
  /**
   * `everywhere`: a secret value is a leak wherever it is. `client`: the shape is only a problem in code
   * that ships to the browser (an SDK constructed there, a public env name).
   */
  scope?: "everywhere" | "client";
  /** Restrict the rule to these file kinds (default: all). */
  fileKinds?: FileKind[];
  /**
   * The leading part of a secret that names its type and carries no entropy (`/^whsec_/`, `/^AKIA/`),
   * anchored at the start. Redacted output shows it, so a reader knows what leaked without seeing any of it.
   */
  publicPrefix?: RegExp;
  /**
   * Literal starts of the credential (`mb_sk_`, `whsec_`, `-----BEGIN`). Their encoded and split forms
   * (base64, escapes, char codes, a concatenation) are the evidence that a hidden value can come out of a
   * JavaScript file, which is what opens the parser on it.
   */
  leads?: string[];
  /** Exact values published in vendor documentation: never reported, by this rule or any other. */
  knownSamples?: string[];
  /**
   * The secret starts with a prefix no ordinary text has (`mb_sk_`, `whsec_`, a PEM header, `AKIA`), so a
   * match needs no surrounding code to be believed. Only these rules run on the printable strings pulled
   * out of binaries (native libraries, dex, bytecode that cannot be parsed), where there is no code.
   */
  strongPrefix?: boolean;
  /**
   * The rule recognises a carrier (an Authorization header, a client_secret name, a password in a URL), not a
   * credential type. Where a rule that knows the type reports the same value at the same place, this one
   * yields to it and hands over its notes: one secret, one finding, named by its most specific rule.
   */
  generic?: boolean;
  examples: RuleExamples;
}

export interface PatternRule extends RuleMeta {
  /**
   * A regular expression with a named group `secret`. Bounded quantifiers only: the meta-test runs it
   * on pathological input. The `g` flag is added by the engine.
   */
  pattern: RegExp;
  /**
   * How far before and after a keyword hit a match can start and end. The engine runs the pattern only
   * on these windows, which is what keeps a 50 MB bundle with no candidates cheap.
   */
  window?: { before: number; after: number };
  /** Skip the shared placeholder check (for rules whose secret is a structure, not a token). */
  allowPlaceholders?: boolean;
  /** Minimum Shannon entropy, in bits per character, of the secret. */
  minEntropy?: number;
  /**
   * `code`: what the pattern finds is not a credential (an insecure URL) and is printed as it is, never
   * redacted, like a code-shape rule's evidence. Such rules are `scope: "client"`.
   */
  evidence?: "code";
  validate?: (ctx: MatchContext) => Verdict;
}

/**
 * What the JavaScript layer tells a code-shape rule about one expression: a constant (a cooked literal, a
 * folded `+` chain, a decoded `atob`) or code, named when it is an identifier or member chain.
 */
export interface JsValue {
  /** The constant string the expression evaluates to, when it is one. */
  value?: string;
  /** `process.env.KEY`, `t.Medblocks`, `token`: the dotted name of an identifier or member chain. */
  name?: string;
  /** Offsets in the file: for a constant, its first character to one past its last; else the expression. */
  start: number;
  end: number;
  /** How the constant was obtained (`string`, `folded`, `decoded`). */
  layer?: Layer;
}

export interface JsProperty {
  /** The property name (`accessKeyId`, `Authorization`); computed keys are named only when constant. */
  key: string;
  value: JsValue;
}

/** The shapes the JavaScript layer reports, each with its offsets in the file. */
export type JsNode =
  | { type: "object"; keyPath?: string; properties: readonly JsProperty[]; start: number; end: number }
  | { type: "call" | "new"; callee: string; arguments: readonly JsValue[]; start: number; end: number }
  /** `import … from "x"`, `import("x")`, `require("x")`, `export … from "x"`: offsets of the module name. */
  | { type: "import"; source: string; names: readonly string[]; start: number; end: number }
  /** `import.meta.env.X`, `process.env.X` or a name imported from `$env/static/public`: offsets of X. */
  | { type: "env"; name: string; via: string; start: number; end: number };

export interface AstContext {
  path: string;
  kind: FileKind;
  isClient: boolean;
}

/** What a code-shape rule reports: the value that identifies the finding and where it is in the file. */
export interface AstReport {
  secret: string;
  /**
   * `code`: what was found is a code shape or a name (an SDK import, a public env variable), not a
   * credential. It identifies the finding like a secret does but is printed as it is, never redacted.
   */
  evidence?: "code";
  start: number;
  end: number;
  layer?: Layer;
  severity?: Severity;
  message?: string;
  notes?: string[];
  keyPath?: string;
}

type Visit<T extends JsNode["type"]> = (
  node: Extract<JsNode, { type: T }>,
  ctx: AstContext,
) => AstReport | undefined;

/**
 * A rule that needs structure (an SDK call, an object with `kty` and `d`) declares a visitor per node type
 * instead of a pattern. Keywords still gate it: a file without any of them is never visited.
 */
export interface AstRule extends RuleMeta {
  visit: {
    object?: Visit<"object">;
    call?: Visit<"call" | "new">;
    import?: Visit<"import">;
    env?: Visit<"env">;
  };
}

export type Rule = PatternRule | AstRule;

export function isAstRule(rule: Rule): rule is AstRule {
  return "visit" in rule;
}

const ID_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Identity function with checks that are cheap enough to run at import time. */
export function defineRule<R extends Rule>(rule: R): R {
  if (!ID_SHAPE.test(rule.id)) throw new Error(`rule id "${rule.id}" must look like family/name`);
  if (!isAstRule(rule) && !/\(\?<secret>/.test(rule.pattern.source))
    throw new Error(`rule ${rule.id}: pattern needs a named group "secret"`);
  if (rule.keywords.length === 0) throw new Error(`rule ${rule.id}: at least one keyword is required`);
  return Object.freeze(rule);
}

/** Helpers rules may use in validators, shared with the engine so there is one definition of each. */
export { hasCharacterClasses, shannonEntropy } from "./entropy.js";
export { isPlaceholder } from "./placeholders.js";
export { isSecretLookingName, PUBLIC_ENV_FRAMEWORKS, publicFrameworkOf } from "./public-env.js";
export { regexHazards } from "./regex-safety.js";
