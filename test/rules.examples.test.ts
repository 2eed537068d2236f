/**
 * The one generic test of rule examples: every positive is found with its exact secret, raw and wrapped in
 * JavaScript three ways; no negative fires its rule, raw or wrapped; every known miss is still missed.
 */

import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { scanText } from "../src/engine/scan-text.js";
import { isContextRule } from "../src/findings/specificity.js";
import { isAstRule, type MatchContext, type PatternRule, type Rule } from "../src/rule-kit/index.js";
import { PUBLIC_ENV_FRAMEWORKS } from "../src/rule-kit/public-env.js";

const DEFAULT_PATH = "src/example.js";
const JS_PATH = /\.(?:[cm]?[jt]sx?)$/;

interface Variant {
  name: string;
  text: string;
  path: string;
}

/** The body of a template literal whose cooked value is `text`. */
function templateBody(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("`", "\\`").replaceAll("${", "\\${");
}

/** A JS string literal whose value is `text`, quoted so that it needs as few escapes as possible. */
function minifiedLiteral(text: string): string {
  if (text.includes("\n")) return `\`${templateBody(text)}\``;
  const quote = ['"', "'", "`"].find((q) => !text.includes(q));
  if (quote === undefined) return JSON.stringify(text);
  const body = text.replaceAll("\\", "\\\\");
  return quote === "`" ? `\`${templateBody(text)}\`` : `${quote}${body}${quote}`;
}

/**
 * The text as written, then the same value inside JavaScript: a `const` string (only when that needs no
 * escaping), a template literal, and a minified one-liner. Wrapped texts are scanned as client JS.
 */
function variants(text: string, path: string | undefined): Variant[] {
  const jsPath = path !== undefined && JS_PATH.test(path) ? path : DEFAULT_PATH;
  const list: Variant[] = [{ name: "raw", text, path: path ?? DEFAULT_PATH }];
  if (!/["\n\\]/.test(text))
    list.push({ name: "const string", text: `const k = "${text}";\n`, path: jsPath });
  list.push({
    name: "template literal",
    text: `export const k = \`${templateBody(text)}\`;\n`,
    path: jsPath,
  });
  list.push({
    name: "minified one-liner",
    text: `!function(){var a=${minifiedLiteral(text)};window.__cfg=a}();`,
    path: jsPath,
  });
  return list;
}

function secretsOf(rule: Rule, text: string, path: string): string[] {
  // A context rule (the env public-prefix policy) names only what no value rule recognises; alone, it
  // shows what it matches itself.
  const rules = isContextRule(rule.id) ? [rule] : allRules;
  return scanText(text, { path, rules, showSecrets: true })
    .filter((finding) => finding.ruleId === rule.id)
    .map((finding) => finding.secret ?? "");
}

function label(text: string): string {
  const flat = JSON.stringify(text);
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}

describe.each(allRules.map((rule) => [rule.id, rule] as const))("%s", (_id, rule) => {
  const positives = rule.examples.positive.flatMap((example, n) =>
    // A secret that is not literally in the text is a cooked value (escapes resolved): wrapping the text
    // in another string literal would escape it once more, so only the text as written is checked.
    // A code-shape rule looks at code: inside a string literal the same text is data, so only the text
    // as written is checked. So is a rule for other kinds of file than JavaScript (the .env policy).
    (example.text.includes(example.secret) &&
    !isAstRule(rule) &&
    (!rule.fileKinds || rule.fileKinds.includes("js"))
      ? variants(example.text, example.path)
      : variants(example.text, example.path).slice(0, 1)
    ).map(
      (variant) =>
        [`positive ${n} ${variant.name}: ${label(example.text)}`, variant, example.secret] as const,
    ),
  );
  it.each(positives)("finds %s", (_name, variant, secret) => {
    const found = secretsOf(rule, variant.text, variant.path);
    expect(found, `${rule.id} in ${variant.name} (${variant.path})`).toContain(secret);
  });

  const negatives = rule.examples.negative.flatMap((example, n) =>
    variants(example.text, example.path).map(
      (variant) => [`negative ${n} ${variant.name}: ${label(example.text)}`, variant, example.why] as const,
    ),
  );
  it.each(negatives)("ignores %s", (_name, variant, why) => {
    expect(secretsOf(rule, variant.text, variant.path), `${rule.id} must not fire: ${why}`).toEqual([]);
  });

  // A known miss is a promise to come back: once the engine catches it, this fails, and the example
  // moves to the positives where it keeps being checked.
  const misses = (rule.examples.knownMisses ?? []).map(
    (miss, n) => [`${n}: ${label(miss.text)}`, miss] as const,
  );
  if (misses.length > 0) {
    it.each(misses)("still misses known miss %s", (_name, miss) => {
      expect(
        secretsOf(rule, miss.text, DEFAULT_PATH),
        `${rule.id} now catches a listed miss (${miss.why}): make it a positive example`,
      ).toEqual([]);
    });
  }
});

describe("whsec_ attribution", () => {
  const whsecRules = new Set(["medblocks/webhook-secret", "webhook/signing-secret"]);
  const texts = allRules
    .filter((rule) => whsecRules.has(rule.id))
    .flatMap((rule) => rule.examples.positive.map((example) => [label(example.text), example] as const));
  it.each(texts)("reports %s under exactly one rule", (_name, example) => {
    const findings = scanText(example.text, {
      path: example.path ?? DEFAULT_PATH,
      rules: allRules,
      showSecrets: true,
    }).filter((finding) => whsecRules.has(finding.ruleId) && finding.secret === example.secret);
    expect(findings.map((finding) => finding.ruleId)).toHaveLength(1);
  });
});

describe("whsec_ attribution on a cooked value (an extractor's fragment with no surroundings)", () => {
  const byId = new Map(
    allRules.filter((rule) => !isAstRule(rule)).map((rule) => [rule.id, rule as PatternRule]),
  );
  const medblocks = byId.get("medblocks/webhook-secret")!;
  const neutral = byId.get("webhook/signing-secret")!;
  const secret = medblocks.examples.positive[0]!.secret;
  function context(keyPath: string | undefined): MatchContext {
    const text = `"${secret}"`;
    return {
      secret,
      groups: { secret },
      publicEnv: PUBLIC_ENV_FRAMEWORKS,
      text,
      index: 1,
      end: text.length - 1,
      path: "dist/assets/index.js",
      kind: "bundle",
      isClient: true,
      ...(keyPath === undefined ? {} : { keyPath }),
      around: () => text,
    };
  }
  const claims = (rule: PatternRule, ctx: MatchContext) =>
    (rule.validate ? rule.validate(ctx) : true) !== false;

  it("gives a bare value with no Medblocks context to the vendor-neutral rule", () => {
    expect([claims(medblocks, context(undefined)), claims(neutral, context(undefined))]).toEqual([
      false,
      true,
    ]);
  });

  it("attributes a bare value to Medblocks when its key path names Medblocks", () => {
    const ctx = context("MEDBLOCKS_WEBHOOK_SECRET");
    expect([claims(medblocks, ctx), claims(neutral, ctx)]).toEqual([true, false]);
  });
});
