/**
 * #14 case 8: reports and baselines publish keyed hashes of secrets, never the plain sha256 a dictionary
 * can test guesses against; baselines keep matching across runs; shards agree through a shared key.
 * The real CLI, on temp projects.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { inShard } from "../src/engine/shard.js";
import { keyedHasher, randomHashKey, sha256Hex } from "../src/findings/fingerprint.js";
import { runCli, tempDir } from "./support/cli.js";
import { reportHashOf } from "./support/hashes.js";

const faker = createFaker(8814);
const PASSWORD = faker.password();
const LIVE_KEY = faker.mbLiveKey();
const WEBHOOK = faker.webhookSecret();
const BASELINE = ".clientleak-baseline.json";
/** As if CLIENTLEAK_HASH_KEY were not set: each run picks its own key. */
const NO_KEY = { CLIENTLEAK_HASH_KEY: "" };

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());

function leakyProject(): void {
  temp.write("src/api.ts", `export const api = "https://deploy:${PASSWORD}@fhir.northwind-clinic.org/R4";\n`);
  temp.write("src/key.ts", `export const key = "${LIVE_KEY}";\n`);
}

interface JsonFinding {
  ruleId: string;
  evidence?: string;
  secretHash: string;
  fingerprint: string;
  occurrences: { location: { path: string } }[];
}

function scanJson(args: string[], env: NodeJS.ProcessEnv = {}): JsonFinding[] {
  const run = runCli(["scan", ...args, "-f", "json"], { cwd: temp.dir, env });
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

const valueFindings = (findings: JsonFinding[]) => findings.filter((finding) => finding.evidence !== "code");

describe("published secret hashes are keyed", () => {
  it("no format, baseline or merged report holds the plain sha256 of a found secret", () => {
    temp = tempDir();
    leakyProject();
    const outputs: string[] = [];
    for (const env of [{}, NO_KEY]) {
      for (const format of ["text", "json", "sarif", "github", "markdown"]) {
        const run = runCli(["scan", "src", "-f", format], { cwd: temp.dir, env });
        expect(run.status).toBe(1);
        outputs.push(run.stdout, run.stderr);
      }
    }
    expect(runCli(["baseline", "create", "src"], { cwd: temp.dir }).status).toBe(0);
    outputs.push(readFileSync(path.join(temp.dir, BASELINE), "utf8"));
    runCli(["scan", "src", "-f", "json", "-o", "report.json"], { cwd: temp.dir });
    const merged = runCli(["merge", "report.json", "-f", "json"], { cwd: temp.dir });
    outputs.push(merged.stdout, merged.stderr);

    const found = valueFindings(scanJson(["src"]));
    expect(found.map((finding) => finding.secretHash).sort()).toEqual(
      [reportHashOf(PASSWORD), reportHashOf(LIVE_KEY)].sort(),
    );
    const all = outputs.join("\n");
    for (const secret of [PASSWORD, LIVE_KEY]) {
      expect(all).not.toContain(sha256Hex(secret));
      expect(all).not.toContain(secret);
    }
  });

  it("without CLIENTLEAK_HASH_KEY each run keys its hashes anew; with it, runs agree", () => {
    temp = tempDir();
    leakyProject();
    const hashes = (env: NodeJS.ProcessEnv) =>
      valueFindings(scanJson(["src"], env)).map((finding) => `${finding.secretHash} ${finding.fingerprint}`);
    expect(hashes(NO_KEY)).not.toEqual(hashes(NO_KEY));
    expect(hashes({})).toEqual(hashes({}));
  });

  it("a baseline created in one run still matches in later runs, whatever their report key", () => {
    temp = tempDir();
    leakyProject();
    expect(runCli(["baseline", "create", "src"], { cwd: temp.dir, env: NO_KEY }).status).toBe(0);
    for (let run = 0; run < 2; run++) {
      const scan = runCli(["scan", "src", "--baseline", BASELINE], { cwd: temp.dir, env: NO_KEY });
      expect(scan.status).toBe(0);
      expect(scan.stderr).toMatch(/2 known findings hidden by baseline/);
    }
  });

  it("a version 1 baseline (plain sha256) still applies, says how to rewrite it, and update rewrites it keyed", () => {
    temp = tempDir();
    leakyProject();
    const found = valueFindings(scanJson(["src"]));
    temp.write(
      BASELINE,
      JSON.stringify({
        format: "clientleak-baseline",
        version: 1,
        entries: [PASSWORD, LIVE_KEY].map((secret) => ({
          ruleId: found.find((finding) => finding.secretHash === reportHashOf(secret))!.ruleId,
          secretSha256: sha256Hex(secret),
        })),
      }),
    );
    const old = runCli(["scan", "src", "--baseline", BASELINE], { cwd: temp.dir });
    expect(old.status).toBe(0);
    expect(old.stderr).toMatch(/2 known findings hidden by baseline/);
    expect(old.stderr).toMatch(/old format: each entry holds the plain sha256 .* clientleak baseline update/);

    expect(runCli(["baseline", "update", "src"], { cwd: temp.dir }).stderr).toMatch(
      /0 added, 0 pruned, 2 entries/,
    );
    const text = readFileSync(path.join(temp.dir, BASELINE), "utf8");
    const rewritten = JSON.parse(text) as { version: number; key: string; entries: { secretHash: string }[] };
    expect(rewritten.version).toBe(2);
    for (const secret of [PASSWORD, LIVE_KEY]) expect(text).not.toContain(sha256Hex(secret));
    expect(rewritten.entries.map((entry) => entry.secretHash).sort()).toEqual(
      [PASSWORD, LIVE_KEY].map((secret) => keyedHasher(rewritten.key).secretHash(secret)).sort(),
    );
    const now = runCli(["scan", "src", "--baseline", BASELINE], { cwd: temp.dir });
    expect(now.status).toBe(0);
    expect(now.stderr).not.toMatch(/old format/);
  });
});

describe("shards and a shared key", () => {
  it("--shard without CLIENTLEAK_HASH_KEY is a usage error that says what to set", () => {
    temp = tempDir();
    leakyProject();
    const run = runCli(["scan", "src", "--shard", "1/2"], { cwd: temp.dir, env: NO_KEY });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /--shard: set CLIENTLEAK_HASH_KEY to the same secret value in every shard job/,
    );
  });

  it("shards that named one secret by different rules merge into one finding under the most specific", () => {
    temp = tempDir();
    // The vendor rule's copy (next to Medblocks code) and the generic copy, in different shards of two.
    const names = Array.from({ length: 20 }, (_, index) => `src/file-${index}.ts`);
    const vendorFile = names.find((name) => inShard(name, { index: 1, count: 2 }))!;
    const genericFile = names.find((name) => inShard(name, { index: 2, count: 2 }))!;
    temp.write(
      vendorFile,
      `import { Medblocks } from "@medblocks/connect";\nexport const signingSecret = "${WEBHOOK}";\n`,
    );
    temp.write(genericFile, `export const secret = "${WEBHOOK}";\n`);
    const shardFiles = ["1/2", "2/2"].map((shard, index) => {
      const file = `shard-${index + 1}.json`;
      runCli(["scan", "src", "--shard", shard, "-f", "json", "-o", file], { cwd: temp.dir });
      return file;
    });
    const shardRules = shardFiles.map((file) =>
      valueFindings(
        (JSON.parse(readFileSync(path.join(temp.dir, file), "utf8")) as { findings: JsonFinding[] }).findings,
      ).map((finding) => finding.ruleId),
    );
    expect(shardRules).toEqual([["medblocks/webhook-secret"], ["webhook/signing-secret"]]);
    const merged = valueFindings(
      (
        JSON.parse(runCli(["merge", ...shardFiles, "-f", "json"], { cwd: temp.dir }).stdout) as {
          findings: JsonFinding[];
        }
      ).findings,
    );
    expect(merged.map((finding) => finding.ruleId)).toEqual(["medblocks/webhook-secret"]);
    expect(merged[0]!.occurrences.map((occurrence) => occurrence.location.path).sort()).toEqual(
      [vendorFile, genericFile].sort(),
    );
    expect(valueFindings(scanJson(["src"]))).toEqual(merged);
  });
});

describe("a baseline entry applies to the secret, whatever rule names it now", () => {
  it("an entry recorded under the generic rule id hides the finding now named by the vendor rule", () => {
    temp = tempDir();
    temp.write(
      "src/medblocks.ts",
      `import { Medblocks } from "@medblocks/connect";\nexport const signingSecret = "${WEBHOOK}";\n`,
    );
    temp.write("src/webhook.ts", `export const secret = "${WEBHOOK}";\n`);
    expect(valueFindings(scanJson(["src"])).map((finding) => finding.ruleId)).toEqual([
      "medblocks/webhook-secret",
    ]);
    const key = randomHashKey();
    temp.write(
      BASELINE,
      `${JSON.stringify({
        format: "clientleak-baseline",
        version: 2,
        key,
        entries: [{ ruleId: "webhook/signing-secret", secretHash: keyedHasher(key).secretHash(WEBHOOK) }],
      })}\n`,
    );
    expect(valueFindings(scanJson(["src", "--baseline", BASELINE]))).toEqual([]);
  });
});
