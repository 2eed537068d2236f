// Running one command and measuring it: wall time, CPU time (user + system) and peak RSS from GNU time
// (`/usr/bin/time -f`, the same figures `-v` prints), which sees the whole process's largest resident set,
// worker threads included. CPU time is the steadier figure on a shared machine: other work slows the wall
// clock much more than it inflates the CPU a run needs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const GNU_TIME = "/usr/bin/time";

export function hasCommand(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).status === 0;
}

/**
 * Runs `command args` in `cwd` once, stdout to a file (reports can be large), and returns
 * `{ wallSeconds, cpuSeconds, peakRssMB, status, stdoutFile, stderr }`. Without GNU time, RSS and CPU are
 * unknown (null).
 */
export function measure(command, args, { cwd, env = {}, label }) {
  const stdoutFile = path.join(os.tmpdir(), `clientleak-bench-${label}.out`);
  const timeFile = path.join(os.tmpdir(), `clientleak-bench-${label}.time`);
  const out = fs.openSync(stdoutFile, "w");
  const withTime = fs.existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const result = spawnSync(
    withTime ? GNU_TIME : command,
    withTime ? ["-f", "%M %U %S", "-o", timeFile, command, ...args] : args,
    {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", out, "pipe"],
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.closeSync(out);
  const [peakKb, user, system] = withTime
    ? fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number)
    : [Number.NaN, Number.NaN, Number.NaN];
  const cpuSeconds = user + system;
  return {
    wallSeconds,
    cpuSeconds: Number.isFinite(cpuSeconds) ? Number(cpuSeconds.toFixed(2)) : null,
    peakRssMB: Number.isFinite(peakKb) ? Math.round(peakKb / 1024) : null,
    status: result.status,
    stdoutFile,
    stderr: result.stderr ?? "",
  };
}

/** The median of `runs` measurements (by wall time), with the largest peak RSS seen. */
export function measureMedian(runs, command, args, options) {
  const results = Array.from({ length: runs }, () => measure(command, args, options));
  results.sort((a, b) => a.wallSeconds - b.wallSeconds);
  const median = results[Math.floor(results.length / 2)];
  const rss = results.map((result) => result.peakRssMB).filter((value) => value !== null);
  return { ...median, peakRssMB: rss.length ? Math.max(...rss) : null, runs };
}

export function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
