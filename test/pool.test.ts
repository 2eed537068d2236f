import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";

const faker = createFaker(6060);
const MODULE_LOG = path.join(REPO_ROOT, "bench/lib/module-log.cjs");

/** Plain text of about `bytes` (no keyword-heavy code), so the scan is mostly the prefilter pass. */
function filler(bytes: number): string {
  const lines: string[] = [];
  for (let size = 0; size < bytes; size += 81) lines.push(faker.base62(80));
  return `${lines.join("\n")}\n`;
}

/** The scan, run by the built CLI, with the list of modules it loaded. */
function scanWithModules(dir: string, args: string[]) {
  const log = path.join(dir, `modules-${args.join("_")}.log`);
  const run = runCli(["scan", "corpus", "-f", "json", ...args], {
    cwd: dir,
    env: { NODE_OPTIONS: `--require ${MODULE_LOG}`, CLIENTLEAK_BENCH_MODULES: log },
  });
  return { run, report: JSON.parse(run.stdout), modules: readFileSync(log, "utf8") };
}

describe("worker pool (built CLI)", () => {
  const temp = tempDir();
  const secrets = [faker.mbLiveKey(), faker.mbSandboxKey(), faker.webhookSecret(), faker.mbLiveKey()];

  // The files sit in corpus/ so the report's paths do not depend on the temp directory's name.
  const corpus = path.join(temp.dir, "corpus");

  beforeAll(() => {
    mkdirSync(corpus);
    // Enough files and bytes to pass the pool's thresholds (8 files, 4 MB); secrets spread over several
    // files, and one secret repeated in two, so the merge across workers is exercised.
    for (let index = 0; index < 12; index++) {
      const leak = index % 3 === 0 ? `const key${index} = "${secrets[(index / 3) % secrets.length]}";\n` : "";
      writeFileSync(
        path.join(corpus, `part-${index}.txt`),
        `${filler(index % 2 === 0 ? 600_000 : 150_000)}${leak}${filler(1000)}`,
      );
    }
    writeFileSync(path.join(corpus, "part-12.txt"), `again: ${secrets[0]}\n`);
    writeFileSync(path.join(corpus, "binary.txt"), Buffer.from([0x61, 0x00, 0x62]));
  }, 60_000);
  afterAll(() => temp.cleanup());

  it("gives the same JSON report with --jobs 2 as with --jobs 1", () => {
    const inline = scanWithModules(temp.dir, ["--jobs", "1"]);
    const pooled = scanWithModules(temp.dir, ["--jobs", "2"]);
    expect(inline.run.status).toBe(1);
    expect(pooled.run.status).toBe(1);
    expect(inline.report.findings.length).toBe(secrets.length);
    expect(pooled.report.findings).toEqual(inline.report.findings);
    expect(pooled.report.diagnostics).toEqual(inline.report.diagnostics);
    const { durationMs: _inlineMs, ...inlineStats } = inline.report.stats;
    const { durationMs: _pooledMs, ...pooledStats } = pooled.report.stats;
    expect(pooledStats).toEqual(inlineStats);
    expect(inlineStats.filesScanned).toBe(13);
    // And the pool really ran in one case and not in the other.
    expect(pooled.modules).toContain("/pool/pool.js");
    expect(inline.modules).not.toContain("/pool/pool.js");
  }, 180_000);

  it("stays in-process for a small scan whatever --jobs says", () => {
    const small = tempDir();
    try {
      writeFileSync(path.join(small.dir, "a.txt"), `k = "${secrets[1]}"\n`);
      const log = path.join(small.dir, "modules.log");
      const run = runCli(["scan", "a.txt", "--jobs", "4", "-q"], {
        cwd: small.dir,
        env: { NODE_OPTIONS: `--require ${MODULE_LOG}`, CLIENTLEAK_BENCH_MODULES: log },
      });
      expect(run.status).toBe(1);
      const modules = readFileSync(log, "utf8");
      expect(modules).toContain("/scan.js");
      expect(modules).not.toContain("/pool/pool.js");
      expect(modules).not.toContain("/pool/worker.js");
    } finally {
      small.cleanup();
    }
  });

  it("rejects a --jobs that is not a whole number", () => {
    const run = runCli(["scan", ".", "--jobs", "0"], { cwd: temp.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--jobs");
  });
});
