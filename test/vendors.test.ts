/**
 * fixtures/vendors: one module per vendor family, the publishable look-alikes, a test file, a fixture
 * folder, a .env.production and the real minified esbuild bundle of the app. Pins recall (every planted
 * value, named by its rule, at its severity, in every file it sits in), zero false positives (nothing else),
 * redaction of the text report, and `clientleak explain` for every vendor rule.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { REPO_ROOT, runCli } from "./support/cli.js";
import { reportHashOfSha256 } from "./support/hashes.js";
import { expectNoSecretLeak } from "./support/leaks.js";

interface Planted {
  ruleId: string;
  secretSha256: string;
  severity: string;
  files: string[];
  knownMissIn?: string[];
}
interface JsonFinding {
  ruleId: string;
  severity: string;
  secretHash: string;
  evidence?: string;
  secret?: string;
  occurrences: { location: { path: string }; notes?: string[] }[];
}

const FIXTURE = "fixtures/vendors";
const expected: Planted[] = JSON.parse(readFileSync(path.join(REPO_ROOT, FIXTURE, "expected.json"), "utf8"));

function scan(...extra: string[]): { findings: JsonFinding[] } {
  const run = runCli(["scan", FIXTURE, "--format", "json", ...extra]);
  expect(run.status, run.stderr).toBe(1);
  return JSON.parse(run.stdout);
}

const report = scan();
const shown = scan("--show-secrets");
const filesOf = (finding: JsonFinding) =>
  [...new Set(finding.occurrences.map((o) => path.posix.relative(FIXTURE, o.location.path)))].sort();

describe("fixtures/vendors", () => {
  it("finds every planted value under its rule, at its severity, in every file it sits in, and nothing else", () => {
    const found = report.findings
      .map((finding) => ({
        ruleId: finding.ruleId,
        secretSha256: finding.secretHash,
        severity: finding.severity,
        files: filesOf(finding),
      }))
      .sort((a, b) => `${a.ruleId}${a.secretSha256}`.localeCompare(`${b.ruleId}${b.secretSha256}`));
    const planted = expected
      .map(({ knownMissIn: _missed, ...rest }) => ({
        ...rest,
        secretSha256: reportHashOfSha256(rest.secretSha256),
      }))
      .sort((a, b) => `${a.ruleId}${a.secretSha256}`.localeCompare(`${b.ruleId}${b.secretSha256}`));
    expect(found).toEqual(planted);
  });

  it("reports nothing above info in the publishable look-alikes", () => {
    const loud = report.findings.filter(
      (finding) =>
        finding.severity !== "info" &&
        finding.occurrences.some((o) => o.location.path.endsWith("src/public-by-design.ts")),
    );
    expect(loud.map((finding) => finding.ruleId)).toEqual([]);
  });

  it("says why a value in a test file or fixture folder is low", () => {
    const inTests = report.findings.filter((finding) =>
      finding.occurrences.every((o) => /__tests__|\/test\//.test(o.location.path)),
    );
    expect(inTests.map((finding) => finding.ruleId).sort()).toEqual([
      "stripe/test-key",
      "webhook/signing-secret",
    ]);
    for (const finding of inTests) {
      expect(finding.severity).toBe("low");
      expect(finding.occurrences[0]?.notes).toContain("test file, not shipped to browsers");
    }
  });

  it("prints no credential in the text report", () => {
    const run = runCli(["scan", FIXTURE]);
    expect(run.status).toBe(1);
    const credentials = shown.findings.filter((finding) => finding.evidence !== "code");
    expect(credentials.length).toBeGreaterThan(25);
    for (const finding of credentials) expectNoSecretLeak(run.stdout, finding.secret!);
  });
});

describe("clientleak explain for every vendor and readiness rule", () => {
  const families = new Set(
    expected.map((planted) => planted.ruleId.split("/")[0]).filter((family) => family !== "gcp"),
  );
  const vendorRules = allRules.filter((rule) => families.has(rule.id.split("/")[0]!));
  it.each(vendorRules.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
    const run = runCli(["explain", id]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.startsWith(`${id}: ${rule.title}\n`)).toBe(true);
  });
});
