/**
 * The adversarial suite's harness: runs the built CLI as a child process (what hooks and CI run), measures
 * its wall time and peak memory, and records both per case under test/adversarial/results/ for
 * `node scripts/adversarial-report.mjs`. Time is recorded, never asserted; memory is asserted against a
 * generous multiple of the input size, because "bounded" is what a hostile input must not break.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";
import { CLI, type CliRun } from "../support/cli.js";
import { reportHashOf } from "../support/hashes.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROBE = pathToFileURL(path.join(HERE, "rss-probe.mjs")).href;
export const RESULTS_DIR = path.join(HERE, "results");
export const MB = 1024 * 1024;
/** Node, the rules and the engine before any input: the fixed part of every memory bound. */
const BASE_RSS_BYTES = 256 * MB;

export interface MeasuredRun extends CliRun {
  wallMs: number;
  maxRssBytes: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this uid/gid (through setpriv), so file permissions apply even when the tests run as root. */
  asUser?: { uid: number; gid: number };
}

export interface CaseRecord {
  suite: string;
  name: string;
  inputBytes: number;
  exitCode: number;
  wallMs: number;
  maxRssBytes: number;
}

/** One test file's measurements, written when the file's tests end. */
export class CaseLog {
  private readonly records: CaseRecord[] = [];

  constructor(private readonly suite: string) {}

  /** Runs the CLI with `args` and records the run under `name`. */
  run(name: string, args: readonly string[], inputBytes: number, options: RunOptions): MeasuredRun {
    const run = runMeasured(args, options);
    this.records.push({
      suite: this.suite,
      name,
      inputBytes,
      exitCode: run.status,
      wallMs: Math.round(run.wallMs),
      maxRssBytes: run.maxRssBytes,
    });
    return run;
  }

  write(): void {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, `${this.suite}.json`), `${JSON.stringify(this.records, null, 2)}\n`);
  }
}

export function runMeasured(args: readonly string[], options: RunOptions): MeasuredRun {
  const node = [process.execPath, "--import", PROBE, CLI, ...args];
  const [command, ...commandArgs] = options.asUser
    ? ["setpriv", `--reuid=${options.asUser.uid}`, `--regid=${options.asUser.gid}`, "--clear-groups", ...node]
    : node;
  const started = performance.now();
  const result = spawnSync(command!, commandArgs, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", CLIENTLEAK_RSS_FD: "3", ...options.env },
    encoding: "utf8",
    input: "",
    stdio: ["pipe", "pipe", "pipe", "pipe"],
    maxBuffer: 256 * MB,
  });
  const wallMs = performance.now() - started;
  if (result.error) throw result.error;
  const probe = String(result.output[3] ?? "");
  const maxRssBytes = probe === "" ? Number.NaN : (JSON.parse(probe) as { maxRssBytes: number }).maxRssBytes;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, wallMs, maxRssBytes };
}

/** Peak memory below the fixed start-up cost plus `perInputByte` bytes for each byte scanned. */
export function expectBoundedMemory(run: MeasuredRun, inputBytes: number, perInputByte: number): void {
  const bound = BASE_RSS_BYTES + perInputByte * inputBytes;
  expect(run.maxRssBytes, "peak RSS was not reported by the child").toBeGreaterThan(0);
  expect(
    run.maxRssBytes,
    `peak RSS ${(run.maxRssBytes / MB).toFixed(0)} MB over ${(bound / MB).toFixed(0)} MB`,
  ).toBeLessThan(bound);
}

/** The parts of a `--format json` report the adversarial cases look at. */
export interface JsonReport {
  findings: {
    ruleId: string;
    secretHash: string;
    occurrences: {
      location: { path: string; virtualSource?: string; start: { line: number; column: number } };
    }[];
  }[];
  diagnostics: { code: string; path?: string; message: string; skipped?: boolean }[];
  stats: { filesScanned: number; filesSkipped: number; bytesScanned: number };
}

export function parseReport(run: CliRun): JsonReport {
  expect(
    run.stdout.trimStart().startsWith("{"),
    `no JSON report on stdout; stderr: ${run.stderr.slice(0, 500)}`,
  ).toBe(true);
  return JSON.parse(run.stdout) as JsonReport;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Every place the report found `secret`, as `path:line:column` (path relative to the scanned tree). */
export function placesOf(report: JsonReport, secret: string): string[] {
  return report.findings
    .filter((finding) => finding.secretHash === reportHashOf(secret))
    .flatMap((finding) =>
      finding.occurrences.map(
        ({ location }) =>
          `${location.virtualSource ?? location.path}:${location.start.line}:${location.start.column}`,
      ),
    );
}

/** The diagnostics about files whose path ends with `name`. */
export function diagnosticsFor(report: JsonReport, name: string): JsonReport["diagnostics"] {
  return report.diagnostics.filter((diagnostic) => diagnostic.path?.endsWith(name));
}
