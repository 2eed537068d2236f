/**
 * Inputs that used to cost more than linear time (#14, cases 19–21): the same key N times in one file
 * (every snippet and frame walked every span of the file), a map with N distinct keys (each raw match
 * compared with every embedded one), and a member chain of N links in parsed code (each link spelled out
 * the whole chain below it). And floods that were linear but slow (case 22): `a=;a=;…&` around many real SAS
 * tokens (the SAS pattern was tried forwards from every position), and `<script` with no `>` (each tag
 * read 2,000 characters of attributes). Their large sizes ran past the 60 s test timeout before the fix. Each runs at N and 2N; the times and peak memory are recorded for
 * `node scripts/adversarial-report.mjs`, which prints the 2N/N ratios. Time is never asserted here: the
 * tests check that both sizes finish with every occurrence reported and nothing leaked.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseExpression } from "@babel/parser";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { dottedName } from "../../src/extract/fold.js";
import type { AstNode } from "../../src/extract/js-parse.js";
import { tempDir } from "../support/cli.js";
import { expectNoSecretLeak } from "../support/leaks.js";
import { CaseLog, expectBoundedMemory, parseReport } from "./harness.js";

const faker = createFaker(7019);
const log = new CaseLog("linear-time");
afterAll(() => log.write());

function scanTree(name: string, files: Record<string, string>) {
  const { dir, cleanup } = tempDir("clientleak-adv-linear-");
  try {
    let bytes = 0;
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
      bytes += text.length;
    }
    const run = log.run(name, ["scan", ".", "--format", "json", "--jobs", "1"], bytes, { cwd: dir });
    expect(run.status, run.stderr.slice(0, 300)).toBe(1);
    expectBoundedMemory(run, bytes, 200);
    return { run, report: parseReport(run) };
  } finally {
    cleanup();
  }
}

describe("doubling checks", () => {
  it.each([20_000, 40_000])("a member chain of %i links next to an SDK call: parsed, key found", (links) => {
    // Before the fix: 20k/40k links took 8.9/43.6 s (quadratic); 40k ran past the test timeout.
    const key = faker.mbLiveKey();
    const text = [
      `const client = new Medblocks({ apiKey: "${key}" });`,
      `const deep = x${".a".repeat(links)};`,
      `const computed = x${'["a"]'.repeat(links)};`,
      `x${".a".repeat(links)} = "not a key";`,
    ].join("\n");
    const { report } = scanTree(`member chain of N links (N=${links})`, { "app.js": text });
    expect(report.findings.map((finding) => finding.ruleId)).toContain("medblocks/live-api-key");
  });

  it.each([12, 24])("a %i MB flood of `a=;a=;…&` around a real SAS token every 2 KB", (mb) => {
    const sas = `sv=2022-11-02&ss=b&sp=rwdl&se=2099-01-01T00:00:00Z&sig=${faker.azureSasSignature()}`;
    // Every parameter 99 characters long, just under the pattern's 100: the worst case for it (3 s per MB).
    const unit = `${`${"a=;".repeat(33)}&`.repeat(17)}"${sas}";\n`;
    const text = unit.repeat(Math.floor((mb * 1024 * 1024) / unit.length));
    const { report } = scanTree(`SAS flood (N=${mb})`, { "sas.js": text });
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(["azure/sas-token"]);
    expect(report.findings[0]!.occurrences).toHaveLength(Math.floor((mb * 1024 * 1024) / unit.length));
  });

  it.each([12, 24])("a %i MB flood of `<script` with no `>`, then a real script", (mb) => {
    const key = faker.mbLiveKey();
    const text = `${"<script".repeat((mb * 1024 * 1024) / 8)}\n<script>const k = "${key}";</script>\n`;
    const { report } = scanTree(`<script flood (N=${mb})`, { "index.html": text });
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(["medblocks/live-api-key"]);
  });

  it("a dotted name is spelled out only up to a bound, so each link costs the same", () => {
    const chain = (links: number) => parseExpression(`x${".a".repeat(links)}`) as unknown as AstNode;
    expect(dottedName(chain(3))).toBe("x.a.a.a");
    expect(dottedName(chain(31))).toBe(`x${".a".repeat(31)}`);
    expect(dottedName(chain(1000))).toBeUndefined();
  });

  it.each([4000, 8000])("the same key %i times in one file: every copy reported, none printed", (count) => {
    const key = faker.mbLiveKey();
    const text = Array.from({ length: count }, (_, i) => `k${i}="${key}";`).join("\n");
    const { run, report } = scanTree(`same key N times (N=${count})`, { "keys.js": text });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.occurrences).toHaveLength(count);
    expectNoSecretLeak(run.stdout, key);
  });

  it.each([1000, 2000])("a map with %i distinct keys: each reported once, from its original", (count) => {
    const keys = Array.from({ length: count }, () => faker.mbLiveKey());
    const map = {
      version: 3,
      sources: keys.map((_, i) => `src/k${i}.js`),
      sourcesContent: keys.map((key) => `export const key = "${key}";\\n`),
      mappings: "",
    };
    const { report } = scanTree(`map with N distinct keys (N=${count})`, {
      "dist/app.js.map": JSON.stringify(map),
    });
    expect(report.findings).toHaveLength(count);
  });
});
