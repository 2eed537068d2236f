import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./support/cli.js";
import { reportHashOfSha256 } from "./support/hashes.js";

interface Expected {
  ruleId: string;
  secretSha256: string;
  files: string[];
}

const DEMO = path.join(REPO_ROOT, "fixtures/demo");
const expected = JSON.parse(readFileSync(path.join(DEMO, "expected.json"), "utf8")) as Expected[];

describe("fixtures/demo: the README's quick-start scan", () => {
  const run = runCli(["scan", "fixtures/demo", "--format", "json"]);
  const report = JSON.parse(run.stdout);

  it("exits 1 because planted leaks are found", () => {
    expect(run.status).toBe(1);
  });

  it.each(expected)("finds $ruleId in every file it was planted in", (planted) => {
    const finding = report.findings.find(
      (candidate: { ruleId: string; secretHash: string }) =>
        candidate.ruleId === planted.ruleId &&
        candidate.secretHash === reportHashOfSha256(planted.secretSha256),
    );
    expect(finding, `${planted.ruleId} not reported`).toBeDefined();
    const files = new Set(
      finding.occurrences.map((occurrence: { location: { path: string } }) =>
        path.relative("fixtures/demo", occurrence.location.path),
      ),
    );
    for (const file of planted.files) expect(files, `${planted.ruleId} missing in ${file}`).toContain(file);
  });

  it("reports nothing else under the value rules: every decoy stays silent", () => {
    const valueRules = new Set(expected.map((planted) => planted.ruleId));
    const pairs = report.findings
      .filter((finding: { ruleId: string }) => valueRules.has(finding.ruleId))
      .map((finding: { ruleId: string; secretHash: string }) => `${finding.ruleId} ${finding.secretHash}`)
      .sort();
    expect(pairs).toEqual(
      expected.map((planted) => `${planted.ruleId} ${reportHashOfSha256(planted.secretSha256)}`).sort(),
    );
    const otherIds = report.findings
      .map((finding: { ruleId: string }) => finding.ruleId)
      .filter((id: string) => !valueRules.has(id))
      .sort();
    // The demo's code-shape findings, pinned: the secret-named env read in client code, the SDK
    // constructed in the browser, and the sandbox key shipped next to the live key in the production
    // bundle. The public VITE_ variable is context on the live key's finding.
    expect(otherIds).toEqual([
      "env/secret-name-in-client",
      "medblocks/sandbox-key-in-production",
      "medblocks/sdk-in-client",
    ]);
  });
});

describe("fixtures/demo: where the leaks came from (source maps)", () => {
  const report = JSON.parse(runCli(["scan", "fixtures/demo", "--format", "json"]).stdout);
  const live = expected.find((planted) => planted.ruleId === "medblocks/live-api-key")!;

  it("finds the live key in .env and maps its bundle copy back to src/lib/medblocks.ts", () => {
    const finding = report.findings.find(
      (candidate: { secretHash: string; ruleId: string }) =>
        candidate.ruleId === live.ruleId && candidate.secretHash === reportHashOfSha256(live.secretSha256),
    );
    const occurrences = finding.occurrences as {
      location: { path: string };
      original?: { path: string; start: { line: number } };
    }[];
    expect(occurrences.map((occurrence) => occurrence.location.path)).toContain("fixtures/demo/.env");
    const bundle = occurrences.find((occurrence) =>
      /dist\/assets\/index-.*\.js$/.test(occurrence.location.path),
    );
    expect(bundle?.original?.path).toBe("fixtures/demo/src/lib/medblocks.ts");
    expect(occurrences[0]!.location.path, "the source leads, the shipped copies follow").toBe(
      "fixtures/demo/.env",
    );
  });
});
