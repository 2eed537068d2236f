/**
 * One secret, one finding (#15 items 2, 3, 8): copies of one value found by several rules are one
 * finding named by the most specific rule; the env public-prefix policy adds context to the value's
 * finding instead of a second finding; headlines count secrets and code findings apart; and a scan whose
 * findings are all below `--fail-on` says so. Through the real CLI.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { mostSpecific } from "../src/findings/specificity.js";
import type { Finding } from "../src/model/types.js";
import { formatBuildFindings } from "../src/plugins/shared.js";
import { runCli, tempDir } from "./support/cli.js";
import { expectNoSecretLeak } from "./support/leaks.js";

const faker = createFaker(1515);
const WEBHOOK = faker.webhookSecret();
const LIVE = faker.mbLiveKey();

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());

interface JsonFinding {
  ruleId: string;
  severity: string;
  evidence?: string;
  occurrences: { location: { path: string }; notes?: string[]; publicEnv?: boolean }[];
}

function scanJson(args: string[]): JsonFinding[] {
  const run = runCli(["scan", ...args, "--format", "json"], { cwd: temp.dir });
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

/** A Medblocks webhook handler (context for the vendor rule) and a file where the value has none. */
function webhookProject(): void {
  temp.write(
    "src/medblocks.ts",
    `import { Medblocks } from "@medblocks/connect";\nexport const signingSecret = "${WEBHOOK}";\n`,
  );
  temp.write("src/webhook.ts", `export const secret = "${WEBHOOK}";\n`);
}

describe("one secret value, one finding", () => {
  it("merges copies across files and rule ids under the most specific rule", () => {
    temp = tempDir();
    webhookProject();
    const findings = scanJson(["src"]).filter((finding) => finding.evidence !== "code");
    expect(findings.map((finding) => finding.ruleId)).toEqual(["medblocks/webhook-secret"]);
    expect(findings[0]!.occurrences.map((occurrence) => occurrence.location.path).sort()).toEqual([
      "src/medblocks.ts",
      "src/webhook.ts",
    ]);
  });

  it("the baseline records the secret once per file, under one rule id", () => {
    temp = tempDir();
    webhookProject();
    expect(runCli(["baseline", "create", "src"], { cwd: temp.dir }).status).toBe(0);
    const entries = (
      JSON.parse(readFileSync(path.join(temp.dir, ".clientleak-baseline.json"), "utf8")) as {
        entries: { ruleId: string }[];
      }
    ).entries.filter((entry) => !entry.ruleId.startsWith("medblocks/sdk"));
    expect(new Set(entries.map((entry) => entry.ruleId))).toEqual(new Set(["medblocks/webhook-secret"]));
    expect(entries).toHaveLength(2);
  });

  it("a vendor rule beats a generic one, and a context rule names only what nothing else recognised", () => {
    const claim = (ruleId: string, severity: Finding["severity"] = "high") => ({ ruleId, severity });
    expect(mostSpecific([claim("webhook/signing-secret"), claim("medblocks/webhook-secret")]).ruleId).toBe(
      "medblocks/webhook-secret",
    );
    expect(
      mostSpecific([claim("env/public-prefix-secret", "critical"), claim("medblocks/live-api-key")]).ruleId,
    ).toBe("medblocks/live-api-key");
    expect(mostSpecific([claim("env/public-prefix-secret")]).ruleId).toBe("env/public-prefix-secret");
  });
});

describe("the public-prefix policy is context, not a second finding", () => {
  it("one finding at .env.production:1:24, critical, with the public-prefix note", () => {
    temp = tempDir();
    temp.write(".env.production", `VITE_MEDBLOCKS_API_KEY=${LIVE}\n`);
    const findings = scanJson(["."]);
    expect(findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ["medblocks/live-api-key", "critical"],
    ]);
    const [occurrence] = findings[0]!.occurrences;
    expect(occurrence!.publicEnv).toBe(true);
    expect(occurrence!.notes?.[0]).toMatch(/^public prefix: shipped to the browser\. Vite inlines/);
  });

  it("a public-prefixed value no value rule knows is still reported, by the policy", () => {
    temp = tempDir();
    temp.write(".env", `VITE_DB_PASSWORD=${faker.password()}\n`);
    expect(scanJson(["."]).map((finding) => finding.ruleId)).toEqual(["env/public-prefix-secret"]);
  });
});

describe("headlines count secrets and code findings apart", () => {
  function leakyApp(): void {
    temp.write(".env.production", `VITE_MEDBLOCKS_API_KEY=${LIVE}\n`);
    temp.write("src/main.ts", "const key = import.meta.env.VITE_MEDBLOCKS_API_KEY;\n");
  }

  it("text and markdown", () => {
    temp = tempDir();
    leakyApp();
    const text = runCli(["scan", "."], { cwd: temp.dir }).stdout;
    expect(text).toContain("1 secret: 1 critical; 1 code finding: 1 high\n");
    const markdown = runCli(["scan", ".", "--format", "markdown"], { cwd: temp.dir }).stdout;
    expect(markdown.split("\n")[0]).toBe("## clientleak: 1 secret (1 critical), 1 code finding (1 high)");
    expectNoSecretLeak(text + markdown, LIVE);
  });

  it("the bundler plugins' build error", () => {
    const finding = (evidence?: "code"): Finding => ({
      ruleId: evidence ? "medblocks/sdk-in-client" : "medblocks/live-api-key",
      title: "t",
      severity: "high",
      fingerprint: "f",
      secretHash: "h",
      redacted: "r",
      ...(evidence ? { evidence } : {}),
      secretLength: 1,
      message: "m",
      remediation: "",
      occurrences: [],
    });
    const report = formatBuildFindings([finding(), finding("code")], {
      failOn: "low",
      warnOnly: false,
      carriers: new Map(),
      kindOf: () => "chunk",
      where: () => "",
    });
    expect(report.split("\n")[0]).toBe(
      'clientleak: 1 secret and 1 code finding at or above "low" in the build output would ship: the build is stopped.',
    );
  });
});

describe("--fail-on above every finding", () => {
  it("says in one line that the findings are below the threshold", () => {
    temp = tempDir();
    temp.write("src/webhook.ts", `export const secret = "${WEBHOOK}";\n`);
    const run = runCli(["scan", "src", "--fail-on", "critical"], { cwd: temp.dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "All below the fail-on threshold (critical): reported, but they do not fail the scan (--fail-on high would).",
    );
    expect(runCli(["scan", "src", "--fail-on", "high"], { cwd: temp.dir }).stdout).not.toContain(
      "below the fail-on threshold",
    );
  });
});
