import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { inShard, parseShard } from "../src/engine/shard.js";
import { runCli, tempDir } from "./support/cli.js";

const faker = createFaker(7070);

describe("--shard partition", () => {
  const paths = Array.from({ length: 400 }, (_, index) => `src/feature-${index % 17}/file-${index}.ts`);

  it("puts every path in exactly one of n shards, spread roughly evenly", () => {
    for (const count of [1, 2, 3, 8]) {
      const sizes = Array.from(
        { length: count },
        (_, index) => paths.filter((p) => inShard(p, { index: index + 1, count })).length,
      );
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(paths.length);
      for (const p of paths)
        expect(
          Array.from({ length: count }, (_, index) => inShard(p, { index: index + 1, count })).filter(
            Boolean,
          ),
        ).toHaveLength(1);
      expect(Math.min(...sizes)).toBeGreaterThan((paths.length / count) * 0.6);
    }
  });

  it("parses i/n and refuses anything else", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "-1/2"])
      expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});

describe("scan --shard + merge (built CLI)", () => {
  const temp = tempDir();
  const shared = faker.mbLiveKey();

  beforeAll(() => {
    // The same secret in several files lands in different shards; merge must make it one finding again.
    for (let index = 0; index < 12; index++) {
      const secret = index % 4 === 0 ? shared : faker.mbSandboxKey();
      writeFileSync(path.join(temp.dir, `config-${index}.txt`), `line one\napi_key = "${secret}"\n`);
    }
    writeFileSync(path.join(temp.dir, "clean.txt"), "nothing here\n");
  });
  afterAll(() => temp.cleanup());

  it("merges shard reports into the report of the whole scan", () => {
    const whole = JSON.parse(runCli(["scan", ".", "-f", "json", "-q"], { cwd: temp.dir }).stdout);
    const shardFiles: string[] = [];
    for (const shard of ["1/3", "2/3", "3/3"]) {
      const file = `shard-${shard.replace("/", "-of-")}.json`;
      const run = runCli(
        ["scan", ".", "--exclude", "shard-*.json", "--shard", shard, "-f", "json", "-o", file, "-q"],
        { cwd: temp.dir },
      );
      expect([0, 1]).toContain(run.status);
      shardFiles.push(file);
    }
    // Each shard saw only part of the files.
    for (const file of shardFiles) {
      expect(JSON.parse(readFileSync(path.join(temp.dir, file), "utf8")).stats.filesScanned).toBeLessThan(
        whole.stats.filesScanned,
      );
    }

    const merged = runCli(["merge", ...shardFiles, "-f", "json"], { cwd: temp.dir });
    expect(merged.status).toBe(1);
    const report = JSON.parse(merged.stdout);
    expect(report.findings).toEqual(whole.findings);
    expect(report.stats.filesScanned).toBe(whole.stats.filesScanned);
    expect(
      report.findings.find((finding: { occurrences: unknown[] }) => finding.occurrences.length === 3),
    ).toBeDefined();
  }, 180_000);

  it("prints the merged report in any format, redacted", () => {
    const shards = ["1/2", "2/2"].map((shard, index) => {
      const file = `half-${index}.json`;
      runCli(["scan", ".", "--exclude", "*.json", "--shard", shard, "-f", "json", "-o", file, "-q"], {
        cwd: temp.dir,
      });
      return file;
    });
    const text = runCli(["merge", ...shards], { cwd: temp.dir });
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("medblocks/live-api-key");
    expect(text.stdout).not.toContain(shared);
    const sarif = JSON.parse(runCli(["merge", ...shards, "-f", "sarif"], { cwd: temp.dir }).stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(runCli(["merge", ...shards, "--fail-on", "critical"], { cwd: temp.dir }).status).toBe(1);
  }, 180_000);

  it("refuses shards hashed with different keys, whose copies of one secret could never join", () => {
    const shards = ["1/2", "2/2"].map((shard, index) => {
      const file = `keyed-${index}.json`;
      const run = runCli(
        ["scan", ".", "--exclude", "*.json", "--shard", shard, "-f", "json", "-o", file, "-q"],
        {
          cwd: temp.dir,
          env: { CLIENTLEAK_HASH_KEY: `a different key in each job ${index}` },
        },
      );
      expect([0, 1]).toContain(run.status);
      return file;
    });
    const ids = shards.map((file) => JSON.parse(readFileSync(path.join(temp.dir, file), "utf8")).hashKeyId);
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(ids[1]).not.toBe(ids[0]);
    const run = runCli(["merge", ...shards], { cwd: temp.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("hashed with 2 different keys");
    expect(run.stderr).toContain("CLIENTLEAK_HASH_KEY");
    expect(run.stdout).toBe("");

    // One key in every job: the merged report names it too.
    const same = ["1/2", "2/2"].map((shard, index) => {
      const file = `same-${index}.json`;
      runCli(["scan", ".", "--exclude", "*.json", "--shard", shard, "-f", "json", "-o", file, "-q"], {
        cwd: temp.dir,
        env: { CLIENTLEAK_HASH_KEY: "one key for the whole matrix" },
      });
      return file;
    });
    const merged = runCli(["merge", ...same, "-f", "json"], {
      cwd: temp.dir,
      env: { CLIENTLEAK_HASH_KEY: "" },
    });
    expect(merged.status).toBe(1);
    expect(JSON.parse(merged.stdout).hashKeyId).toBe(
      JSON.parse(readFileSync(path.join(temp.dir, same[0]!), "utf8")).hashKeyId,
    );
  }, 180_000);

  it("refuses a file that is not a clientleak JSON report", () => {
    writeFileSync(path.join(temp.dir, "not-a-report.json"), JSON.stringify({ hello: "world" }));
    const run = runCli(["merge", "not-a-report.json"], { cwd: temp.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("not a clientleak JSON report");
    expect(runCli(["merge", "missing.json"], { cwd: temp.dir }).status).toBe(2);
  });
});
