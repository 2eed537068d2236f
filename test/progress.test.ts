import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createProgressLine,
  describeProgress,
  type ProgressMode,
  progressMode,
} from "../src/cli/progress.js";
import { scan } from "../src/engine/scan.js";
import type { ScanProgress } from "../src/model/types.js";
import { tempDir } from "./support/cli.js";

function fakeStream(columns?: number) {
  const writes: string[] = [];
  return { stream: { write: (text: string) => writes.push(text), ...(columns ? { columns } : {}) }, writes };
}

function fakeClock() {
  let time = 0;
  return { now: () => time, at: (ms: number) => (time = ms) };
}

const progress = (filesDone: number, bytesDone: number): ScanProgress => ({
  filesDone,
  filesTotal: 4,
  bytesDone,
  bytesTotal: 4_000_000,
});

describe("createProgressLine", () => {
  it("stays silent for the first half second, then redraws one line in place, throttled, and clears it", () => {
    const { stream, writes } = fakeStream();
    const clock = fakeClock();
    const line = createProgressLine(stream, { mode: "redraw", now: clock.now });
    clock.at(400);
    line.update(progress(1, 1_000_000));
    expect(writes).toEqual([]);
    clock.at(600);
    line.update(progress(2, 2_000_000));
    clock.at(650);
    line.update(progress(3, 3_000_000));
    expect(writes).toEqual(["\r\x1b[Kclientleak: scanning 2/4 files, 1.9 MB of 3.8 MB, about 600 ms left"]);
    clock.at(800);
    line.update(progress(3, 3_000_000));
    line.finish();
    expect(writes.slice(1)).toEqual([
      "\r\x1b[Kclientleak: scanning 3/4 files, 2.9 MB of 3.8 MB, about 267 ms left",
      "\r\x1b[K",
    ]);
  });

  it("writes nothing at all for a scan that ends within the delay", () => {
    const { stream, writes } = fakeStream();
    const clock = fakeClock();
    const line = createProgressLine(stream, { mode: "redraw", now: clock.now });
    clock.at(300);
    line.update(progress(4, 4_000_000));
    line.finish();
    expect(writes).toEqual([]);
  });

  it("cuts a redrawn line to the terminal width so it never wraps", () => {
    const { stream, writes } = fakeStream(30);
    const clock = fakeClock();
    const line = createProgressLine(stream, { mode: "redraw", now: clock.now });
    clock.at(1000);
    line.update(progress(1, 1_000_000));
    expect(writes).toEqual(["\r\x1b[Kclientleak: scanning 1/4 file"]);
  });

  it("in a log, writes whole lines, rarely, and leaves them there", () => {
    const { stream, writes } = fakeStream();
    const clock = fakeClock();
    const line = createProgressLine(stream, { mode: "lines", now: clock.now });
    for (const ms of [600, 5_000, 10_700]) {
      clock.at(ms);
      line.update(progress(1, 1_000_000));
    }
    line.finish();
    expect(writes).toHaveLength(2);
    for (const write of writes) expect(write).toMatch(/^clientleak: scanning 1\/4 files, [^\r\x1b]*\n$/);
  });
});

describe("describeProgress", () => {
  it("estimates the time left from the bytes done so far, and only when there is something to go on", () => {
    expect(describeProgress(progress(2, 2_000_000), 3000)).toContain("about 3.0 s left");
    expect(describeProgress(progress(0, 0), 3000)).not.toContain("left");
    expect(describeProgress(progress(4, 4_000_000), 3000)).not.toContain("left");
  });
});

describe("progressMode", () => {
  const io = (tty: boolean, env: NodeJS.ProcessEnv = {}) => ({
    stderr: { write: () => true, isTTY: tty },
    env,
  });
  it.each<[string, ReturnType<typeof io>, { progress?: boolean; quiet?: boolean }, ProgressMode | undefined]>(
    [
      ["a terminal", io(true), {}, "redraw"],
      ["a terminal in CI", io(true, { CI: "true" }), {}, undefined],
      ["a pipe or a log", io(false), {}, undefined],
      ["--progress in a CI log", io(false, { CI: "true" }), { progress: true }, "lines"],
      ["--progress on a terminal in CI", io(true, { CI: "true" }), { progress: true }, "redraw"],
      ["--no-progress on a terminal", io(true), { progress: false }, undefined],
      ["--quiet on a terminal", io(true), { quiet: true }, undefined],
    ],
  )("%s", (_name, world, flags, expected) => {
    expect(progressMode(world, flags)).toBe(expected);
  });
});

describe("scan({ onProgress })", () => {
  it("reports every file of a real scan, with totals known from the start", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const sizes = [10, 2000, 30_000, 5];
      for (const [index, size] of sizes.entries())
        writeFileSync(path.join(dir, `file${index}.js`), "x".repeat(size));
      const seen: ScanProgress[] = [];
      await scan({ paths: ["."], cwd: dir, onProgress: (update) => seen.push(update) });
      const total = sizes.reduce((sum, size) => sum + size, 0);
      expect(seen.map((update) => update.filesDone)).toEqual([1, 2, 3, 4]);
      expect(seen.every((update) => update.filesTotal === 4 && update.bytesTotal === total)).toBe(true);
      expect(seen.at(-1)!.bytesDone).toBe(total);
    } finally {
      cleanup();
    }
  });
});
