import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { explainRule } from "../src/cli/commands/explain.js";
import { suggest } from "../src/text/suggest.js";
import { runCli } from "./support/cli.js";
import { expectNoSecretLeak } from "./support/leaks.js";

/**
 * Code-shape rules also report code as their "secret" (an import, `new Medblocks`, an env variable name);
 * what must never be printed is a credential, and every generated credential is long and has digits.
 */
function isCredential(secret: string): boolean {
  return secret.length >= 16 && /\d/.test(secret);
}

/** RFC 1421 headers of an encrypted PEM (`Proc-Type: 4,ENCRYPTED`): public metadata, not key material. */
const PEM_HEADERS = /^[A-Za-z-]{1,20}: [^\n]{0,200}\n/gm;

describe("clientleak explain <rule-id>", () => {
  it("prints what the rule finds, why it matters in a browser, what to do, and its examples", () => {
    const run = runCli(["explain", "medblocks/live-api-key"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    const rule = allRules.find((candidate) => candidate.id === "medblocks/live-api-key")!;
    expect(run.stdout).toMatch(
      /^medblocks\/live-api-key: Medblocks production API key\n {2}severity: critical\n/,
    );
    const sections = [
      "Why it matters in a browser",
      "What to do",
      "What it reports (secrets redacted)",
      "What it deliberately does not report",
    ];
    const positions = sections.map((title) => run.stdout.indexOf(`\n${title}\n`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(run.stdout.replace(/\s+/g, " ")).toContain(rule.remediation);
    for (const negative of rule.examples.negative) expect(run.stdout).toContain(`why: ${negative.why}`);
  });

  it.each(allRules.map((rule) => [rule.id, rule] as const))(
    "%s: every example is shown redacted",
    (_id, rule) => {
      const text = explainRule(rule);
      const positives = text.slice(text.indexOf("What it reports"), text.indexOf("What it deliberately"));
      expect(positives.trim().split("\n")).toHaveLength(rule.examples.positive.length + 1);
      for (const example of rule.examples.positive.filter((positive) => isCredential(positive.secret))) {
        expectNoSecretLeak(text, example.secret.replace(PEM_HEADERS, ""));
      }
    },
  );

  it("exits 2 for an unknown rule and suggests the closest ids", () => {
    const run = runCli(["explain", "medblocks/live-key"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('unknown rule "medblocks/live-key". Did you mean medblocks/live-api-key');
  });
});

describe("suggest", () => {
  const ids = [
    "medblocks/live-api-key",
    "medblocks/sandbox-api-key",
    "aws/secret-access-key",
    "aws/access-key-id",
  ];
  it.each([
    ["live-api", ["medblocks/live-api-key"]],
    ["aws/secret-key", ["aws/secret-access-key"]],
    ["medblocks/live-api-kye", ["medblocks/live-api-key"]],
    ["sandbox-api-key", ["medblocks/sandbox-api-key"]],
    ["something-else", []],
  ])("%s → %j", (typed, expected) => {
    expect(suggest(typed, ids)).toEqual(expected);
  });
});
