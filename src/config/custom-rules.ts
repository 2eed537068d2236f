/**
 * `customRules` in clientleak.config.json: plain pattern rules for in-house tokens, as gitleaks and
 * secretlint users write them. A custom rule is data of the same kind as a built-in one and is held to
 * the same proof: its pattern must have a `secret` group and run in linear time (checked here), and its
 * examples must hold (checked by the engine when the rule set is assembled, engine/rule-set.ts).
 *
 * The specs stay plain JSON all the way to the pool workers, which build the same rules from them.
 */
import { SEVERITIES, type Severity } from "../model/types.js";
import { defineRule, type PatternRule, regexHazards } from "../rule-kit/index.js";

export interface CustomRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  keywords: string[];
  /** A JavaScript regular expression source with a named group `secret`. */
  pattern: string;
  /** `i` only: `g`, `d` are the engine's; `y`, `m`, `s`, `u`, `v` change what the checks prove. */
  flags?: string;
  description?: string;
  remediation?: string;
  /** Minimum Shannon entropy of the secret, in bits per character. */
  minEntropy?: number;
  /** Exact values never reported (documentation samples, known test values). */
  allow?: string[];
  examples: {
    /** A text, or a text with the exact secret the rule must capture from it. */
    positive: (string | { text: string; secret: string; path?: string })[];
    negative: (string | { text: string; why?: string; path?: string })[];
  };
}

export const SPEC_KEYS = [
  "id",
  "title",
  "severity",
  "keywords",
  "pattern",
  "flags",
  "description",
  "remediation",
  "minEntropy",
  "allow",
  "examples",
] as const;
export const ID_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_PATTERN_LENGTH = 2_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

/**
 * Every problem of `value` (the config's `customRules`), each named by its key path. `builtInIds` are
 * taken: a custom rule cannot replace a built-in one.
 */
export function validateCustomRules(value: unknown, builtInIds: ReadonlySet<string>): string[] {
  if (!Array.isArray(value)) return ["customRules: must be an array of rule objects"];
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((spec, index) => {
    const at = `customRules[${index}]`;
    if (!isPlainObject(spec)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    for (const key of Object.keys(spec)) {
      if (!(SPEC_KEYS as readonly string[]).includes(key))
        problems.push(`${at}.${key}: unknown key (allowed: ${SPEC_KEYS.join(", ")})`);
    }
    if (typeof spec.id !== "string" || !ID_SHAPE.test(spec.id)) {
      problems.push(`${at}.id: must look like family/name (lower case, digits, hyphens)`);
    } else if (builtInIds.has(spec.id)) {
      problems.push(`${at}.id: "${spec.id}" is a built-in rule (change its severity under "rules")`);
    } else if (seen.has(spec.id)) {
      problems.push(`${at}.id: "${spec.id}" is defined twice`);
    } else seen.add(spec.id);
    if (!isNonEmptyString(spec.title)) problems.push(`${at}.title: must be a non-empty string`);
    for (const key of ["description", "remediation"] as const) {
      if (spec[key] !== undefined && !isNonEmptyString(spec[key]))
        problems.push(`${at}.${key}: must be a non-empty string`);
    }
    if (!SEVERITIES.includes(spec.severity as Severity))
      problems.push(`${at}.severity: must be one of ${SEVERITIES.join(", ")}`);
    checkKeywords(spec.keywords, `${at}.keywords`, problems);
    problems.push(...patternProblems(spec.pattern, spec.flags, at));
    if (spec.minEntropy !== undefined && !(typeof spec.minEntropy === "number" && spec.minEntropy >= 0))
      problems.push(`${at}.minEntropy: must be a number of bits per character (≥ 0)`);
    if (spec.allow !== undefined && !(Array.isArray(spec.allow) && spec.allow.every(isNonEmptyString)))
      problems.push(`${at}.allow: must be an array of non-empty strings`);
    checkExamples(spec.examples, `${at}.examples`, problems);
  });
  return problems;
}

function checkKeywords(value: unknown, at: string, problems: string[]): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${at}: must be a non-empty array of literal strings`);
    return;
  }
  value.forEach((keyword, index) => {
    // One character would hit everywhere and make the prefilter useless on a bundle.
    if (typeof keyword !== "string" || keyword.length < 2)
      problems.push(`${at}[${index}]: must be a literal of at least 2 characters`);
  });
}

function patternProblems(pattern: unknown, flags: unknown, at: string): string[] {
  if (typeof pattern !== "string" || pattern.length === 0)
    return [`${at}.pattern: must be a non-empty string`];
  if (pattern.length > MAX_PATTERN_LENGTH)
    return [`${at}.pattern: longer than ${MAX_PATTERN_LENGTH} characters`];
  if (flags !== undefined && !(typeof flags === "string" && /^i?$/.test(flags)))
    return [`${at}.flags: only "i" is allowed`];
  try {
    new RegExp(pattern, typeof flags === "string" ? flags : "");
  } catch {
    // The engine's message quotes the pattern back; the key path is enough to find it.
    return [`${at}.pattern: not a valid JavaScript regular expression`];
  }
  const problems: string[] = [];
  if (!pattern.includes("(?<secret>")) problems.push(`${at}.pattern: needs a named group (?<secret>…)`);
  for (const hazard of regexHazards(pattern)) {
    problems.push(
      `${at}.pattern: ${hazard} could make a scan super-linear (use bounded quantifiers like {8,64}, no nesting)`,
    );
  }
  return problems;
}

function checkExamples(value: unknown, at: string, problems: string[]): void {
  if (!isPlainObject(value)) {
    problems.push(`${at}: must be an object with positive and negative examples`);
    return;
  }
  for (const side of ["positive", "negative"] as const) {
    const list = value[side];
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${at}.${side}: must be a non-empty array (a rule without ${side} examples is unproven)`);
      continue;
    }
    list.forEach((example, index) => {
      const ok =
        isNonEmptyString(example) ||
        (isPlainObject(example) &&
          isNonEmptyString(example.text) &&
          (side === "negative" || isNonEmptyString(example.secret)));
      if (!ok)
        problems.push(
          `${at}.${side}[${index}]: must be a text, or { "text": …, ${side === "positive" ? '"secret": …' : '"why": …'} }`,
        );
    });
  }
  for (const key of Object.keys(value)) {
    if (key !== "positive" && key !== "negative")
      problems.push(`${at}.${key}: unknown key (positive, negative)`);
  }
}

/** A validated spec as a rule the engine runs like any built-in one. */
export function buildCustomRule(spec: CustomRuleSpec): PatternRule {
  return defineRule({
    id: spec.id,
    title: spec.title,
    description: spec.description ?? `${spec.title} (custom rule from clientleak.config.json).`,
    severity: spec.severity,
    confidence: "exact",
    keywords: spec.keywords.map((keyword) => keyword.toLowerCase()),
    remediation:
      spec.remediation ??
      "Revoke the credential where it was issued, issue a new one, and keep it on the server side only.",
    pattern: new RegExp(spec.pattern, spec.flags ?? ""),
    ...(spec.minEntropy === undefined ? {} : { minEntropy: spec.minEntropy }),
    ...(spec.allow ? { knownSamples: spec.allow } : {}),
    examples: {
      positive: spec.examples.positive.map((example) =>
        typeof example === "string" ? { text: example, secret: "" } : example,
      ),
      negative: spec.examples.negative.map((example) =>
        typeof example === "string"
          ? { text: example, why: "negative example from the config" }
          : { ...example, why: example.why ?? "negative example from the config" },
      ),
    },
  });
}
