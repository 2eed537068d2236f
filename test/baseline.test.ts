/**
 * The baseline through the real CLI: what the file holds (and does not), hiding known findings, path
 * binding, surviving moved lines, and `baseline update` adding and pruning.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { keyedHasher, sha256Hex } from "../src/findings/fingerprint.js";
import { runCli, tempDir } from "./support/cli.js";

const faker = createFaker(909);
const [KEY_A, KEY_B] = [faker.mbLiveKey(), faker.mbLiveKey()];
const BASELINE = ".clientleak-baseline.json";

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());

const keyFile = (key: string, padding = "") => `${padding}export const key = "${key}";\n`;

function scan(args: string[] = []) {
  const run = runCli(["scan", "src", "--format", "json", ...args], { cwd: temp.dir });
  const report = JSON.parse(run.stdout) as {
    findings: { ruleId: string; occurrences: { location: { path: string } }[] }[];
  };
  return {
    status: run.status,
    paths: report.findings.flatMap((f) => f.occurrences.map((o) => o.location.path)).sort(),
    stderr: run.stderr,
  };
}

describe("baseline", () => {
  it("records rule and secret hash per file, sorted, one entry per line, with no secret and no line", () => {
    temp = tempDir();
    temp.write("src/b.ts", keyFile(KEY_B));
    temp.write("src/a.ts", keyFile(KEY_A));
    const created = runCli(["baseline", "create", "src"], { cwd: temp.dir });
    expect(created.status).toBe(0);
    expect(created.stderr).toMatch(/wrote 2 baseline entries/);
    const text = readFileSync(path.join(temp.dir, BASELINE), "utf8");
    expect(text).not.toContain(KEY_A.slice(11));
    expect(text).not.toMatch(/"line"|"column"|time|date/i);
    const lines = text.split("\n");
    const entryLines = lines.filter((line) => line.includes('"ruleId"'));
    expect(entryLines).toHaveLength(2);
    expect([...entryLines].sort()).toEqual(entryLines);
    const parsed = JSON.parse(text) as {
      format: string;
      version: number;
      key: string;
      entries: { ruleId: string; secretHash: string; path: string }[];
    };
    expect(parsed.format).toBe("clientleak-baseline");
    expect(parsed.version).toBe(2);
    expect(parsed.key).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.entries.map((e) => e.path).sort()).toEqual(["src/a.ts", "src/b.ts"]);
    // Keyed with the file's own key, never the plain sha256 a dictionary could test guesses against.
    const hasher = keyedHasher(parsed.key);
    expect(parsed.entries.map((e) => e.secretHash).sort()).toEqual(
      [hasher.secretHash(KEY_A), hasher.secretHash(KEY_B)].sort(),
    );
    for (const key of [KEY_A, KEY_B]) expect(text).not.toContain(sha256Hex(key));
    // Deterministic: creating again keeps the file's key and gives the same bytes.
    runCli(["baseline", "create", "src"], { cwd: temp.dir });
    expect(readFileSync(path.join(temp.dir, BASELINE), "utf8")).toBe(text);
  });

  it("hides known findings and says how many, survives moved lines, and still reports a known secret in a new file", () => {
    temp = tempDir();
    temp.write("src/a.ts", keyFile(KEY_A));
    runCli(["baseline", "create", "src"], { cwd: temp.dir });
    temp.write("src/a.ts", keyFile(KEY_A, "// moved down\n// again\n"));
    const known = scan(["--baseline", BASELINE]);
    expect(known.paths).toEqual([]);
    expect(known.status).toBe(0);
    expect(known.stderr).toMatch(/1 known finding hidden by baseline/);

    temp.write("src/copied.ts", keyFile(KEY_A));
    const copied = scan(["--baseline", BASELINE]);
    expect(copied.paths).toEqual(["src/copied.ts"]);
    expect(copied.status).toBe(1);
  });

  it("--any-path entries hide the secret wherever it appears", () => {
    temp = tempDir();
    temp.write("src/a.ts", keyFile(KEY_A));
    runCli(["baseline", "create", "src", "--any-path"], { cwd: temp.dir });
    temp.write("src/copied.ts", keyFile(KEY_A));
    expect(scan(["--baseline", BASELINE]).paths).toEqual([]);
  });

  it("update adds new findings and prunes entries whose secret is gone", () => {
    temp = tempDir();
    temp.write("src/a.ts", keyFile(KEY_A));
    runCli(["baseline", "create", "src"], { cwd: temp.dir });
    temp.write("src/a.ts", "export {};\n");
    temp.write("src/b.ts", keyFile(KEY_B));
    const updated = runCli(["baseline", "update", "src"], { cwd: temp.dir });
    expect(updated.status).toBe(0);
    expect(updated.stderr).toMatch(/1 added, 1 pruned, 1 entries/);
    const entries = (
      JSON.parse(readFileSync(path.join(temp.dir, BASELINE), "utf8")) as { entries: { path: string }[] }
    ).entries;
    expect(entries.map((e) => e.path)).toEqual(["src/b.ts"]);
    expect(scan(["--baseline", BASELINE]).status).toBe(0);
  });

  it("rejects a missing or malformed baseline with exit 2", () => {
    temp = tempDir();
    temp.write("src/a.ts", keyFile(KEY_A));
    const missing = runCli(["scan", "src", "--baseline", "nope.json"], { cwd: temp.dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
    temp.write(
      "bad.json",
      JSON.stringify({
        format: "clientleak-baseline",
        version: 1,
        entries: [{ ruleId: "x", secretSha256: KEY_A }],
      }),
    );
    const bad = runCli(["scan", "src", "--baseline", "bad.json"], { cwd: temp.dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/secretSha256 must be a lower-case sha256/);
    expect(bad.stderr).not.toContain(KEY_A);
  });
});
