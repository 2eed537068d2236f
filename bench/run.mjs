#!/usr/bin/env node
// `npm run bench`: clientleak against ripgrep (patterns of the rules' strength, see lib/rg-patterns.mjs), a
// plain read of every file and, when it can be fetched, secretlint 13, side by side on the same corpus and
// the same machine. Not part of CI; never asserted in tests. Writes bench/results/<date>[-<label>].json and
// the table in bench/README.md, and prints the per-stage table (CLIENTLEAK_TIMING) of each clientleak run.
//
//   npm run bench [-- --runs N] [-- --jobs N] [-- --label L] [-- --no-secretlint] [-- --no-doubled]
//                 [-- --no-extras]   (no one-liners, no staged-files run: the corpus rows only)
import { execFileSync, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { corpusStats, prepareCorpus } from "./lib/corpus.mjs";
import { hasCommand, measure, measureMedian } from "./lib/measure.mjs";
import { stageTable, updateReadme } from "./lib/report.mjs";
import { RG_PATTERNS } from "./lib/rg-patterns.mjs";
import { measureSmallScan } from "./lib/small-scan.mjs";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const CACHE = path.join(BENCH, ".cache");
const CLI = path.join(ROOT, "dist/src/cli/main.js");
const HOOK_CLI = path.join(ROOT, "action/dist/cli.mjs");
const SECRETLINT = [
  "-p",
  "secretlint@13",
  "-p",
  "@secretlint/secretlint-rule-preset-recommend@13",
  "secretlint",
];

/**
 * Reports publish keyed secret hashes (src/findings/fingerprint.ts): the bench fixes the key, so the
 * recall check can compare them with the planted secrets' digests.
 */
const HASH_KEY = "clientleak-bench";
const keyed = (sha256) =>
  createHmac("sha256", HASH_KEY).update(`clientleak/secret\0${sha256}`, "utf8").digest("hex");

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    jobs: { type: "string" },
    "no-secretlint": { type: "boolean", default: false },
    "no-doubled": { type: "boolean", default: false },
    "no-extras": { type: "boolean", default: false },
    label: { type: "string" },
  },
});
const runs = Number(flags.runs);
const jobs = Number(flags.jobs ?? os.availableParallelism());
const log = (message) => process.stderr.write(`bench: ${message}\n`);
const mb = (bytes) => bytes / 1048576;

async function keywords() {
  const { allRules } = await import(path.join(ROOT, "dist/rules/index.js"));
  return [
    ...new Set(allRules.flatMap((rule) => rule.keywords.map((keyword) => keyword.toLowerCase()))),
  ].sort();
}

/** One clientleak scan with the stage timer on; the report is JSON, for the recall check. */
function runClientleak(target, label, extraEnv = {}, runJobs = jobs) {
  const timingFile = path.join(os.tmpdir(), `clientleak-bench-${label}.timing.json`);
  const args = [
    CLI,
    "scan",
    path.basename(target),
    "-f",
    "json",
    "-q",
    "--max-file-size",
    "100",
    "--jobs",
    String(runJobs),
  ];
  const result = measureMedian(runs, process.execPath, args, {
    cwd: path.dirname(target),
    env: { CLIENTLEAK_TIMING: timingFile, CLIENTLEAK_HASH_KEY: HASH_KEY, NO_COLOR: "1", ...extraEnv },
    label,
  });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`clientleak failed on ${label} (exit ${result.status}): ${result.stderr.slice(0, 500)}`);
  const report = JSON.parse(fs.readFileSync(result.stdoutFile, "utf8"));
  const stages = fs.existsSync(timingFile) ? JSON.parse(fs.readFileSync(timingFile, "utf8")) : {};
  return { result, report, stages };
}

function summarize(result, bytes, files) {
  return {
    wallSeconds: round(result.wallSeconds, 3),
    cpuSeconds: result.cpuSeconds ?? null,
    peakRssMB: result.peakRssMB,
    mbPerSecond: round(mb(bytes) / result.wallSeconds, 1),
    filesPerSecond: Math.round(files / result.wallSeconds),
  };
}

function round(value, digits) {
  return value === null || value === undefined ? null : Number(value.toFixed(digits));
}

/** secretlint 13 fetched by npx into the bench cache (never the project's node_modules), if it runs here. */
function secretlintRunner() {
  if (flags["no-secretlint"]) return { skipped: "--no-secretlint" };
  const env = {
    ...process.env,
    npm_config_cache: path.join(CACHE, "npm"),
    npm_config_update_notifier: "false",
  };
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clientleak-bench-secretlint-"));
  const rc = path.join(CACHE, "secretlintrc.json");
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  fs.writeFileSync(path.join(probeDir, "a.js"), "const a = 1;\n");
  const probe = spawnSync("npx", ["--yes", ...SECRETLINT, "--secretlintrc", rc, "**/*"], {
    cwd: probeDir,
    env,
    encoding: "utf8",
  });
  fs.rmSync(probeDir, { recursive: true, force: true });
  if (probe.status !== 0)
    return {
      skipped: `secretlint could not run: ${(probe.stderr || probe.stdout).trim().split("\n").slice(-3).join(" ")}`,
    };
  return { args: ["--yes", ...SECRETLINT, "--secretlintrc", rc, "**/*"], env };
}

async function main() {
  if (!fs.existsSync(CLI)) {
    log("building (dist/ is missing)");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const loadAtStart = os.loadavg()[0];
  const manifest = JSON.parse(fs.readFileSync(path.join(BENCH, "manifest.json"), "utf8"));
  const prepared = prepareCorpus(CACHE, manifest, log);
  const stats = corpusStats(prepared.corpus);
  log(`corpus: ${stats.files} files, ${mb(stats.bytes).toFixed(0)} MB; ${jobs} jobs, ${runs} run(s) each`);

  log("warming the page cache with a plain read");
  const readArgs = ["-c", "find . -type f -print0 | xargs -0 cat > /dev/null"];
  measure("sh", readArgs, { cwd: prepared.corpus, label: "warm" });
  const read = measureMedian(Math.max(runs, 3), "sh", readArgs, { cwd: prepared.corpus, label: "read" });

  const words = await keywords();
  let ripgrep = null;
  let ripgrepKeywords = null;
  if (hasCommand("rg")) {
    const rgBase = ["--no-ignore", "--hidden", "--no-messages", "--count-matches", "-j", String(jobs)];
    log(`ripgrep with ${RG_PATTERNS.length} secret patterns`);
    const rgArgs = [...rgBase, ...RG_PATTERNS.flatMap((pattern) => ["-e", pattern]), "."];
    ripgrep = measureMedian(Math.max(runs, 3), "rg", rgArgs, { cwd: prepared.corpus, label: "rg" });
    if (ripgrep.status !== 0 && ripgrep.status !== 1)
      throw new Error(`ripgrep failed (exit ${ripgrep.status}): ${ripgrep.stderr.slice(0, 500)}`);
    // The bare keywords, as the bench before 2026-12-01 measured ripgrep: kept so old rows stay comparable.
    log(`ripgrep with the ${words.length} rule keywords (literal, as before 2026-12-01)`);
    const keywordArgs = [...rgBase, "-i", "-F", ...words.flatMap((word) => ["-e", word]), "."];
    ripgrepKeywords = measureMedian(Math.max(runs, 3), "rg", keywordArgs, {
      cwd: prepared.corpus,
      label: "rg-keywords",
    });
  } else log("ripgrep not installed (apt-get install ripgrep): skipped");

  log("clientleak on the corpus");
  const single = runClientleak(prepared.corpus, "corpus");
  const found = new Set(single.report.findings.map((finding) => finding.secretHash));
  const recall = {
    planted: prepared.plantedHashes.length,
    found: prepared.plantedHashes.filter((hash) => found.has(keyed(hash))).length,
  };

  log("clientleak on the corpus, one job");
  const singleThread = runClientleak(prepared.corpus, "corpus-j1", {}, 1);

  let doubled = null;
  if (!flags["no-doubled"]) {
    log("clientleak on the doubled corpus");
    doubled = runClientleak(prepared.doubled, "corpus-2x");
  }

  let secretlint = secretlintRunner();
  if (secretlint.args) {
    log("secretlint on the corpus");
    const result = measureMedian(runs, "npx", secretlint.args, {
      cwd: prepared.corpus,
      env: secretlint.env,
      label: "secretlint",
    });
    secretlint = { ...summarize(result, stats.bytes, stats.files), exitCode: result.status };
  } else log(`secretlint skipped: ${secretlint.skipped}`);

  log("one-line bundles (25 and 50 MB)");
  const oneLiner = {};
  for (const [size, file] of Object.entries(flags["no-extras"] ? {} : prepared.oneLiners)) {
    const run = runClientleak(file, `one-liner-${size}`);
    oneLiner[`mb${size}`] = {
      ...summarize(run.result, fs.statSync(file).size, 1),
      found: run.report.findings.some((finding) => finding.secretHash === keyed(prepared.oneLinerSecretHash)),
      stages: run.stages,
    };
  }

  log("five staged files, 20 runs");
  const smallScan = flags["no-extras"] ? { medianMs: null } : measureSmallScan(CLI, 20);
  // What a pre-commit user runs: the hook's committed single-file bundle, staged names as arguments.
  log("five staged files through the pre-commit hook's entry (action/dist/cli.mjs), 20 runs");
  const hookScan = flags["no-extras"] ? { medianMs: null } : measureSmallScan(HOOK_CLI, 20, { byName: true });

  const clientleak = {
    ...summarize(single.result, stats.bytes, stats.files),
    jobs,
    findings: single.report.findings.length,
    stages: single.stages,
  };
  const results = {
    date: new Date().toISOString().slice(0, 10),
    ...(flags.label ? { label: flags.label } : {}),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "unknown",
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      // Other work on the machine slows every tool: compare ratios from one run, and distrust a run whose
      // load average is far above the core count.
      loadAverage: { start: round(loadAtStart, 1), end: round(os.loadavg()[0], 1) },
    },
    corpus: { packages: manifest.packages, ...stats },
    read: summarize(read, stats.bytes, stats.files),
    ripgrep: ripgrep
      ? { ...summarize(ripgrep, stats.bytes, stats.files), patterns: RG_PATTERNS.length }
      : null,
    ripgrepKeywords: ripgrepKeywords
      ? { ...summarize(ripgrepKeywords, stats.bytes, stats.files), keywords: words.length }
      : null,
    clientleak,
    singleThread: {
      ...summarize(singleThread.result, stats.bytes, stats.files),
      jobs: 1,
      findings: singleThread.report.findings.length,
      stages: singleThread.stages,
    },
    doubled: doubled
      ? { ...summarize(doubled.result, 2 * stats.bytes, 2 * stats.files), stages: doubled.stages }
      : null,
    secretlint,
    recall,
    oneLiner: oneLiner.mb50
      ? { ...oneLiner, linearity: round(oneLiner.mb50.wallSeconds / oneLiner.mb25.wallSeconds, 2) }
      : null,
    smallScan,
    hookScan,
    ratios: {
      vsRipgrep: ripgrep ? round(single.result.wallSeconds / ripgrep.wallSeconds, 2) : null,
      vsRead: round(single.result.wallSeconds / read.wallSeconds, 2),
      secretlintSpeedup: secretlint.wallSeconds
        ? round(secretlint.wallSeconds / single.result.wallSeconds, 2)
        : null,
      rssGrowthOnDoubling:
        doubled?.result.peakRssMB && single.result.peakRssMB
          ? round(doubled.result.peakRssMB / single.result.peakRssMB - 1, 3)
          : null,
    },
  };
  results.targets = {
    "≥3× faster than secretlint":
      results.ratios.secretlintSpeedup === null ? null : results.ratios.secretlintSpeedup >= 3,
    "within 3× of ripgrep": results.ratios.vsRipgrep === null ? null : results.ratios.vsRipgrep <= 3,
    "peak RSS < 250 MB": clientleak.peakRssMB === null ? null : clientleak.peakRssMB < 250,
    "RSS +≤10% when the corpus doubles":
      results.ratios.rssGrowthOnDoubling === null ? null : results.ratios.rssGrowthOnDoubling <= 0.1,
    "single thread ≥ 60 MB/s": results.singleThread.mbPerSecond >= 60,
    "5 staged files < 300 ms": smallScan.medianMs === null ? null : smallScan.medianMs < 300,
    "5 staged files < 300 ms (pre-commit hook entry)":
      hookScan.medianMs === null ? null : hookScan.medianMs < 300,
    "50 MB one-liner linear (t50/t25 ≤ 2.4)": results.oneLiner ? results.oneLiner.linearity <= 2.4 : null,
    "all planted secrets found": recall.found === recall.planted,
  };

  const resultsDir = path.join(BENCH, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${results.date}${flags.label ? `-${flags.label}` : ""}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  updateReadme(path.join(BENCH, "README.md"), resultsDir);
  process.stdout.write(
    `${JSON.stringify({ ratios: results.ratios, targets: results.targets }, null, 2)}\n\n`,
  );
  process.stdout.write(
    `${stageTable({ [`${jobs} jobs`]: clientleak.stages, "1 job": results.singleThread.stages })}\n`,
  );
  log(`results: ${path.relative(ROOT, file)}; table: bench/README.md`);
}

await main();
