/**
 * Inputs that used to cost more than linear time (#14, cases 19 and 20): the same key N times in one file
 * (every snippet and frame walked every span of the file) and a map with N distinct keys (each raw match
 * compared with every embedded one). Each runs at N and 2N; the times and peak memory are recorded for
 * `node scripts/adversarial-report.mjs`, which prints the 2N/N ratios. Time is never asserted here: the
 * tests check that both sizes finish with every occurrence reported and nothing leaked.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
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
