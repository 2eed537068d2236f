/**
 * `customRules` in clientleak.config.json: a user's own pattern rule is proven at load (examples, linear
 * time), runs in the worker pool like a built-in rule, can be turned off, and shows up in every format with
 * its own metadata. Each case runs the real CLI on a temp project.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { runCli, tempDir } from "./support/cli.js";

const faker = createFaker(1313);
const token = () => `acme_${faker.hex(32)}`;
const LEAKED = token();
const EXAMPLE = token();

const acmeRule = (overrides: Record<string, unknown> = {}) => ({
  id: "acme/api-token",
  title: "Acme API token",
  severity: "high",
  keywords: ["acme_"],
  pattern: "\\b(?<secret>acme_[a-f0-9]{32})\\b",
  remediation: "Revoke it in the Acme console (Settings → Tokens).",
  examples: {
    positive: [{ text: `ACME_TOKEN=${EXAMPLE}`, secret: EXAMPLE }, `const t = "${token()}";`],
    negative: [{ text: "ACME_TOKEN=acme_<your token>", why: "placeholder" }, "acme_short"],
  },
  ...overrides,
});

describe("custom rules from clientleak.config.json", () => {
  const temp = tempDir("clientleak-custom-");
  afterAll(() => temp.cleanup());
  let n = 0;

  /** A fresh project with `config` and the given files; returns its directory. */
  function project(config: unknown, files: Record<string, string>): string {
    const dir = path.join(temp.dir, `p${n++}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    writeFileSync(path.join(dir, "clientleak.config.json"), JSON.stringify(config));
    return dir;
  }

  it("finds the user's token like a built-in rule, redacted, with the rule's own metadata in SARIF", () => {
    const dir = project({ customRules: [acmeRule()] }, { "src/api.js": `export const t = "${LEAKED}";\n` });
    const text = runCli(["scan", "."], { cwd: dir });
    expect(text.status, text.stderr).toBe(1);
    expect(text.stdout).toContain("acme/api-token");
    expect(text.stdout).toContain("src/api.js:1:19");
    expect(text.stdout).not.toContain("clientleak.config.json:");
    expect(text.stdout).not.toContain(LEAKED);
    const sarif = JSON.parse(runCli(["scan", ".", "--format", "sarif"], { cwd: dir }).stdout);
    const rules = sarif.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string } }[];
    expect(rules.find((rule) => rule.id === "acme/api-token")?.shortDescription.text).toBe("Acme API token");
    expect(JSON.stringify(sarif)).not.toContain(LEAKED);
  });

  it("runs in the worker pool: the same finding with --jobs 2 over a scan large enough for workers", () => {
    const filler = `export const data = "${"x".repeat(600_000)}";\n`;
    const files: Record<string, string> = { "src/leak.js": `export const t = "${LEAKED}";\n` };
    for (let i = 0; i < 10; i++) files[`src/vendor-${i}.js`] = filler;
    const dir = project({ customRules: [acmeRule()] }, files);
    for (const jobs of ["1", "2"]) {
      const run = runCli(["scan", ".", "--jobs", jobs, "--format", "json"], { cwd: dir });
      expect(run.status, run.stderr).toBe(1);
      const findings = JSON.parse(run.stdout).findings as {
        ruleId: string;
        occurrences: { location: { path: string } }[];
      }[];
      expect(findings.map((finding) => [finding.ruleId, finding.occurrences[0]?.location.path])).toEqual([
        ["acme/api-token", "src/leak.js"],
      ]);
    }
  });

  it("is turned off like any rule, and a built-in rule that is off is not reported either", () => {
    const live = faker.mbLiveKey();
    const dir = project(
      { customRules: [acmeRule()], rules: { "acme/api-token": "off", "medblocks/live-api-key": "off" } },
      { "src/api.js": `export const t = "${LEAKED}";\nexport const k = "${live}";\n` },
    );
    const run = runCli(["scan", ".", "--format", "json"], { cwd: dir });
    const ids = (JSON.parse(run.stdout).findings as { ruleId: string }[]).map((finding) => finding.ruleId);
    expect(ids).not.toContain("acme/api-token");
    expect(ids).not.toContain("medblocks/live-api-key");
  });

  it("rejects a rule whose positive example does not match: exit 2, the key path, not the example", () => {
    const wrong = `ACME_TOKEN=acme_${faker.hex(31)}Z`;
    const dir = project(
      { customRules: [acmeRule({ examples: { positive: [wrong], negative: ["x"] } })] },
      {},
    );
    const run = runCli(["scan", "."], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("customRules[0].examples.positive[0]: the pattern finds nothing");
    expect(run.stderr).not.toContain(wrong);
  });

  it("rejects a rule that reports its own negative example, or captures another value than declared", () => {
    const other = token();
    const dir = project(
      {
        customRules: [
          acmeRule({
            examples: {
              positive: [{ text: `k=${other}`, secret: EXAMPLE }],
              negative: [{ text: `k=${other}`, why: "claimed harmless" }],
            },
          }),
        ],
      },
      {},
    );
    const run = runCli(["scan", "."], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("customRules[0].examples.positive[0]: the pattern captures another value");
    expect(run.stderr).toContain("customRules[0].examples.negative[0]: the pattern reports this negative");
    expect(run.stderr).not.toContain(other);
  });

  it("rejects patterns that could be super-linear, and every malformed field, in one run", () => {
    const dir = project(
      {
        customRules: [
          acmeRule({ pattern: "(?<secret>acme_(?:[a-f0-9]+)+)" }),
          acmeRule({ id: "acme/other", pattern: "acme_[a-f0-9]{32}" }),
          acmeRule({ id: "Acme Token", severity: "urgent", keywords: [], pattern: "(" }),
          acmeRule({ id: "medblocks/live-api-key" }),
        ],
      },
      {},
    );
    const run = runCli(["scan", "."], { cwd: dir });
    expect(run.status).toBe(2);
    for (const expected of [
      'customRules[0].pattern: unbounded quantifier "+"',
      "customRules[0].pattern: nested quantifier",
      "customRules[1].pattern: needs a named group (?<secret>…)",
      "customRules[2].id: must look like family/name",
      "customRules[2].severity: must be one of",
      "customRules[2].keywords: must be a non-empty array",
      "customRules[2].pattern: not a valid JavaScript regular expression",
      'customRules[3].id: "medblocks/live-api-key" is a built-in rule',
    ]) {
      expect(run.stderr).toContain(expected);
    }
  });
});
