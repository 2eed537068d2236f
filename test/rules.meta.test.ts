/**
 * Checks on the rules as data, before any engine runs them: ids, metadata, example counts, keywords, the
 * `secret` group, bounded quantifiers, and a worst-case time budget for every pattern.
 */
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { SEVERITIES } from "../src/model/types.js";
import { isAstRule, type PatternRule, regexHazards } from "../src/rule-kit/index.js";

const SIZE = 200_000;
/** Generous: a linear pattern needs milliseconds on these inputs, a catastrophic one needs minutes. */
const BUDGET_MS = 2_000;

/**
 * Quantifiers with no upper bound (`*`, `+`, `{n,}`). Built-in rules may use a backreference to a quote
 * group or a bounded nesting (their worst case is measured below); custom rules from a config may not.
 */
function unboundedQuantifiers(source: string): string[] {
  return regexHazards(source).filter((hazard) => hazard.startsWith("unbounded"));
}

function repeatTo(unit: string, size = SIZE): string {
  return unit.length === 0 ? "" : unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
}

/** Inputs built to make a badly written pattern backtrack: keyword floods, long runs, near misses. */
function pathologicalInputs(rule: PatternRule): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const run of ["A", "a", "0", "=", " ", "-", "_", "&", "\\n", "x=1&", "a:", "{", '"d":"', "\n"]) {
    inputs.set(`run ${JSON.stringify(run)}`, repeatTo(run));
  }
  for (const keyword of rule.keywords) {
    for (const form of new Set([keyword, keyword.toUpperCase()])) {
      inputs.set(`keyword ${form} repeated`, repeatTo(form));
      inputs.set(`keyword ${form} + A run`, form + repeatTo("A"));
      inputs.set(`keyword ${form} + a run`, form + repeatTo("a"));
      inputs.set(`(keyword ${form} + 300 A) repeated`, repeatTo(form + "A".repeat(300)));
    }
  }
  for (const extra of [
    "-----BEGIN PRIVATE KEY-----",
    "-----BEGIN ",
    "mb_sk_live_",
    "whsec_",
    "sv=2022-11-02&",
  ]) {
    inputs.set(`${extra} repeated`, repeatTo(extra));
  }
  rule.examples.positive.forEach((example, n) => {
    const at = example.text.indexOf(example.secret);
    const lead = at >= 0 ? example.text.slice(Math.max(0, at - 120), at) : example.text.slice(0, 120);
    const secret = example.secret;
    inputs.set(`positive ${n}: whole text repeated`, repeatTo(`${example.text}\n`));
    inputs.set(`positive ${n}: context + truncated secret, repeated`, repeatTo(lead + secret.slice(0, -1)));
    inputs.set(
      `positive ${n}: context + secret start + long run`,
      lead + secret.slice(0, 16) + repeatTo(secret[0] ?? "A"),
    );
    inputs.set(`positive ${n}: context + secret + long run`, lead + secret + repeatTo(secret.at(-1) ?? "A"));
  });
  return inputs;
}

function runToEnd(pattern: RegExp, text: string): number {
  const global = new RegExp(pattern.source, [...new Set(`${pattern.flags}g`)].join(""));
  let count = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    if (match[0].length === 0) global.lastIndex++;
    count++;
  }
  return count;
}

describe("rule registry", () => {
  it("has unique ids shaped family/name", () => {
    const ids = allRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("holds every family", () => {
    const families = new Set(allRules.map((rule) => rule.id.split("/")[0]));
    for (const family of ["medblocks", "webhook", "private-key", "aws", "gcp", "azure", "http", "smart"]) {
      expect(families).toContain(family);
    }
  });
});

describe.each(allRules.map((rule) => [rule.id, rule] as const))("%s", (_id, rule) => {
  it("has complete metadata", () => {
    expect(rule.title.trim()).not.toBe("");
    expect(rule.description.trim().length).toBeGreaterThan(20);
    expect(rule.remediation.trim().length).toBeGreaterThan(20);
    expect(SEVERITIES).toContain(rule.severity);
    expect(["exact", "fuzzy"]).toContain(rule.confidence);
    if ("window" in rule && rule.window) {
      expect(rule.window.before).toBeGreaterThanOrEqual(0);
      expect(rule.window.after).toBeGreaterThan(0);
    }
  });

  it("has lower-case, non-empty keywords", () => {
    expect(rule.keywords.length).toBeGreaterThan(0);
    for (const keyword of rule.keywords) {
      expect(keyword.length).toBeGreaterThan(0);
      // A one-character keyword hits everywhere; it is only cheap for a rule limited to .env files,
      // which gets a prefilter of its own kind (CompiledRules.prefilterFor).
      if (keyword.length === 1) expect(rule.fileKinds).toEqual(["env"]);
      expect(keyword).toBe(keyword.toLowerCase());
    }
  });

  it("has at least 3 positive and 3 negative examples", () => {
    expect(rule.examples.positive.length).toBeGreaterThanOrEqual(3);
    expect(rule.examples.negative.length).toBeGreaterThanOrEqual(3);
    for (const negative of rule.examples.negative) expect(negative.why.trim()).not.toBe("");
    for (const miss of rule.examples.knownMisses ?? []) expect(miss.why.trim()).not.toBe("");
  });

  it("has a keyword in every positive text and a non-empty expected secret", () => {
    for (const positive of rule.examples.positive) {
      const text = positive.text.toLowerCase();
      expect(
        rule.keywords.some((keyword) => text.includes(keyword.toLowerCase())),
        `no keyword of ${rule.id} in ${JSON.stringify(positive.text.slice(0, 80))}`,
      ).toBe(true);
      expect(positive.secret.length).toBeGreaterThan(0);
    }
  });
});

// Code-shape rules have a visitor instead of a pattern: these checks are for patterns only.
const patternRules = allRules.filter((rule): rule is PatternRule => !isAstRule(rule));

describe.each(patternRules.map((rule) => [rule.id, rule] as const))("%s pattern", (_id, rule) => {
  it("has a named group `secret`, no g/y flag, and only bounded quantifiers", () => {
    expect(rule.pattern.source).toContain("(?<secret>");
    expect(rule.pattern.flags).not.toMatch(/[gy]/);
    expect(unboundedQuantifiers(rule.pattern.source)).toEqual([]);
  });

  it(`runs in linear time on pathological input (< ${BUDGET_MS} ms each)`, () => {
    for (const [name, input] of pathologicalInputs(rule)) {
      const started = performance.now();
      runToEnd(rule.pattern, input);
      const elapsed = performance.now() - started;
      expect(elapsed, `${rule.id} on ${name}: ${elapsed.toFixed(0)} ms`).toBeLessThan(BUDGET_MS);
    }
  });
});

describe("regexHazards (the checker itself)", () => {
  it("flags nested repetition and backreferences, not optional groups or alternations", () => {
    expect(regexHazards("(a{1,3}){1,5}")).toEqual(['nested quantifier "{1,5}" at 8']);
    expect(regexHazards("((?:a{1,2}){1,3})")).toHaveLength(1);
    expect(regexHazards(String.raw`(?<q>["'])x\k<q>`)).toHaveLength(1);
    expect(regexHazards(String.raw`(a)\1`)).toHaveLength(1);
    expect(regexHazards("(?:a{1,3})?(?:b|c){1,5}(?<secret>x{1,4})")).toEqual([]);
  });

  it("flags *, + and {n,} but not escapes, classes or bounded ranges", () => {
    expect(unboundedQuantifiers("a*")).toHaveLength(1);
    expect(unboundedQuantifiers("(?:ab)+")).toHaveLength(1);
    expect(unboundedQuantifiers(String.raw`\s{3,}`)).toHaveLength(1);
    expect(unboundedQuantifiers(String.raw`[+*]{1,4}\+\*a{2}b{0,9}`)).toEqual([]);
    expect(unboundedQuantifiers(String.raw`[\]+]{1,3}`)).toEqual([]);
  });
});
