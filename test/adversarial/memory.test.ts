/**
 * Memory per input byte (#14 case 12). A file of tiny entries used to cost a fragment of several hundred
 * bytes per entry: a `.env` of `A=` lines took 441 MB for 1 MB and ran out of heap at 20 MB, a JSON array
 * of `"\n"` strings 1.2 GB for 4 MB, a config with 3M allow paths ran out of memory. Each case runs at N
 * and 2N (printed by `node scripts/adversarial-report.mjs`), asserts peak memory within a small multiple
 * of the file, and checks that a real secret planted among the filler is still found where it is.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { MIN_CREDENTIAL_CHARS } from "../../src/extract/fragment.js";
import { isAstRule } from "../../src/rule-kit/index.js";
import { tempDir } from "../support/cli.js";
import { CaseLog, expectBoundedMemory, MB, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7121);
const log = new CaseLog("memory");
afterAll(() => log.write());

/**
 * Peak memory allowed per input byte above the fixed start-up cost; before the fixes these took 300–450,
 * and with fragments still held per entry (before they were generated and filtered) up to 55.
 */
const PER_BYTE = 10;

/** `unit` repeated to about `bytes`, with `secretLine` in the middle. */
function fileOf(bytes: number, unit: string, secretLine: string, join = ""): string {
  const half = Array.from({ length: Math.floor(bytes / unit.length / 2) }, () => unit).join(join);
  return `${half}${join}${secretLine}${join}${half}`;
}

/** `key` as a JSON string literal with one character written as a `\u` escape. */
function escapedJson(key: string): string {
  return `"${key.slice(0, 12)}\\u00${key.charCodeAt(12).toString(16)}${key.slice(13)}"`;
}

function scanOne(name: string, file: string, text: string) {
  const { dir, cleanup } = tempDir("clientleak-adv-memory-");
  try {
    writeFileSync(path.join(dir, file), text);
    const run = log.run(name, ["scan", ".", "--format", "json", "--jobs", "1"], text.length, { cwd: dir });
    expectBoundedMemory(run, text.length, PER_BYTE);
    return { run, report: parseReport(run) };
  } finally {
    cleanup();
  }
}

describe("files of tiny entries cost memory in proportion to their bytes", () => {
  it.each([2, 4])("a .env of `A=` lines, %i MB, with one public secret among them", (mb) => {
    const key = faker.mbLiveKey();
    const { run, report } = scanOne(
      `.env of empty entries (N=${mb})`,
      ".env",
      fileOf(mb * MB, "A=\n", `VITE_MEDBLOCKS_KEY=${key}\nVITE_DB_PASSWORD=hunter2\n`),
    );
    expect(run.status).toBe(1);
    // The short password counts through its name, which only the dotenv layer reads next to it.
    expect(report.findings.map((finding) => finding.ruleId).sort()).toEqual([
      "env/public-prefix-secret",
      "medblocks/live-api-key",
    ]);
    expect(placesOf(report, key)).toHaveLength(1);
  });

  it.each([2, 4])("a .env of `SECRET=x` lines (short values under secret names), %i MB", (mb) => {
    const { run } = scanOne(
      `.env of short named values (N=${mb})`,
      ".env",
      fileOf(mb * MB, "SECRET=x\n", ""),
    );
    expect(run.status).toBe(0);
  });

  it.each([2, 4])('a JSON array of "\\n" strings, %i MB, with an escaped key among them', (mb) => {
    const key = faker.mbLiveKey();
    // The key is written with an escape, so only the cooked JSON layer reads it whole.
    const text = `[${fileOf(mb * MB, '"\\n"', escapedJson(key), ",")}]`;
    const { run, report } = scanOne(`JSON array of "\\n" strings (N=${mb})`, "data.json", text);
    expect(run.status).toBe(1);
    expect(placesOf(report, key)).toHaveLength(1);
  });

  it.each([2, 4])("a JSON array of short escaped strings that pass the length test, %i MB", (mb) => {
    const text = `[${fileOf(mb * MB, '"k\\n9Qz8Lm2"', '"x"', ",")}]`;
    const { run } = scanOne(`JSON array of short escaped strings (N=${mb})`, "data.json", text);
    expect(run.status).toBe(0);
  });

  it.each([2, 4])("one quoted .env value of %i MB of `\\n` escapes, then a key", (mb) => {
    const key = faker.mbLiveKey();
    const text = `A="${"\\n".repeat((mb * MB) / 2)}${key}"\n`;
    // An untracked .env is server-side (an info finding, exit 0): what counts is that the key is found.
    const { report } = scanOne(`.env value of escapes (N=${mb})`, ".env", text);
    expect(placesOf(report, key)).toHaveLength(1);
  });

  it.each([2, 4])(
    "one JS string literal of %i MB of `\\x41` escapes, then an escaped key in the same run",
    (mb) => {
      const key = faker.mbLiveKey();
      const hex = (value: string) =>
        [...value].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
      // The key's characters are escapes too, deep in the run: located at the run's collapsed anchor.
      const text = `export const blob = "${"\\x41".repeat((mb * MB) / 4)}${hex(` ${key}`)}";\n`;
      const { run, report } = scanOne(`JS literal of escapes (N=${mb})`, "blob.js", text);
      expect(placesOf(report, key)).toHaveLength(1);
      expect(run.stdout).not.toContain(key.slice(11, 19));
    },
  );

  it("a JSON text nested a million deep is read without a container per byte", () => {
    const key = faker.mbLiveKey();
    const depth = 1_000_000;
    const text = `${"[".repeat(depth)}${escapedJson(key)}${"]".repeat(depth)}`;
    const { report } = scanOne("JSON nested a million deep", "deep.json", text);
    expect(placesOf(report, key)).toHaveLength(1);
  });
});

describe("configs", () => {
  it("a config with 3M allow paths is refused by key path, without compiling them", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-memory-");
    try {
      const config = JSON.stringify({ allow: { paths: Array.from({ length: 3_000_000 }, () => "a") } });
      writeFileSync(path.join(dir, "clientleak.config.json"), config);
      writeFileSync(path.join(dir, "a.js"), "export const a = 1;\n");
      const run = log.run("config with 3M allow paths", ["scan", "."], config.length, { cwd: dir });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/allow\.paths: 3000000 entries, more than the 10000/);
      expect(run.stderr.length).toBeLessThan(2000);
      expectBoundedMemory(run, config.length, PER_BYTE);
    } finally {
      cleanup();
    }
  });

  it("a million bad entries are one line each up to 20, then counted", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-memory-");
    try {
      const rules = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`x/r${i}`, "off"]));
      writeFileSync(path.join(dir, "clientleak.config.json"), JSON.stringify({ rules }));
      const run = log.run("config with 5000 unknown rule ids", ["scan", "."], 0, { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/and 4980 more problems/);
      expect(run.stderr.split("\n").length).toBeLessThan(30);
    } finally {
      cleanup();
    }
  });
});

describe("the length below which a value is no credential", () => {
  it("is below every rule's example secrets, so skipping shorter values loses none", () => {
    const short = allRules.flatMap((rule) =>
      isAstRule(rule)
        ? []
        : (rule.examples?.positive ?? [])
            .filter((example) => example.secret.replace(/\s/g, "").length < MIN_CREDENTIAL_CHARS)
            .map((example) => `${rule.id}: ${example.secret}`),
    );
    expect(short).toEqual([]);
  });
});
