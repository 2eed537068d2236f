/**
 * The contract between the engine and `rules/`. Rules are data: metadata, a matcher and the examples
 * that prove it. This is the only module `rules/` imports.
 */
import type { FileKind, Severity } from "./types.js";

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
  validate?: (ctx: MatchContext) => Verdict;
}

export type Rule = PatternRule;

const ID_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Identity function with checks that are cheap enough to run at import time. */
export function defineRule<R extends Rule>(rule: R): R {
  if (!ID_SHAPE.test(rule.id)) throw new Error(`rule id "${rule.id}" must look like family/name`);
  if (!/\(\?<secret>/.test(rule.pattern.source)) throw new Error(`rule ${rule.id}: pattern needs a named group "secret"`);
  if (rule.keywords.length === 0) throw new Error(`rule ${rule.id}: at least one keyword is required`);
  return Object.freeze(rule);
}

/** Helpers rules may use in validators, shared with the engine so there is one definition of each. */
export { hasCharacterClasses, shannonEntropy } from "./match/entropy.js";
export { isKnownSample, isPlaceholder } from "./match/placeholders.js";
