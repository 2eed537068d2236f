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
  filesSkipped: 0,
  bytesDone,
  bytesTotal: 4_000_000,
});

describe("createProgressLine", () => {
  it("stays silent for the first half second, then redraws one line in place, throttled, and clears it", () => {
    const { stream, writes } = fakeStream();
    const clock = fakeClock();
    const line = createProgressLine(stream, { mode: "redraw", now: clock.now });
    // Walking and setup took 200 ms: the first update is the start of the scan proper.
    clock.at(200);
    line.update(progress(0, 0));
    clock.at(400);
    line.update(progress(1, 1_000_000));
    expect(writes).toEqual([]);
    clock.at(600);
    line.update(progress(2, 2_000_000));
    clock.at(650);
    line.update(progress(3, 3_000_000));
    // 2 MB in the 400 ms since the scan started: 2 MB to go is about 400 ms more.
    expect(writes).toEqual(["\r\x1b[Kclientleak: scanning 2/4 files, 1.9 MB of 3.8 MB, about 400 ms left"]);
    clock.at(800);
    line.update(progress(3, 3_000_000));
    line.finish();
    expect(writes.slice(1)).toEqual([
      "\r\x1b[Kclientleak: scanning 3/4 files, 2.9 MB of 3.8 MB, about 200 ms left",
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

  it("in a log, writes a whole line every 2 s even while one long file is being scanned, then the totals", () => {
    const { stream, writes } = fakeStream();
    const clock = fakeClock();
    const line = createProgressLine(stream, { mode: "lines", now: clock.now });
    clock.at(0);
    line.update({ ...progress(0, 0), filesSkipped: 1, filesDone: 1 });
    clock.at(600);
    line.update({ ...progress(2, 1_000_000), filesSkipped: 1 });
    // No file finishes for 9 s: the timer's ticks still write a line every 2 s.
    for (const ms of [1_000, 2_000, 2_700, 4_700, 6_000, 6_800, 9_000]) {
      clock.at(ms);
      line.tick();
    }
    clock.at(10_000);
    line.update({ ...progress(4, 4_000_000), filesSkipped: 1 });
    line.finish();
    expect(writes).toEqual([
      "clientleak: scanning 2/4 files, 976.6 KB of 3.8 MB, about 1.8 s left\n",
      "clientleak: scanning 2/4 files, 976.6 KB of 3.8 MB, about 8.1 s left\n",
      "clientleak: scanning 2/4 files, 976.6 KB of 3.8 MB, about 14.1 s left\n",
      "clientleak: scanning 2/4 files, 976.6 KB of 3.8 MB, about 20.4 s left\n",
      "clientleak: scanning 2/4 files, 976.6 KB of 3.8 MB, about 27.0 s left\n",
      "clientleak: scanned 3 files (3.8 MB), 1 skipped in 10.0 s\n",
    ]);
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
  it("reports the start and every finished file, with totals that end as the summary's", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const sizes = [10, 2000, 30_000, 5];
      for (const [index, size] of sizes.entries())
        writeFileSync(path.join(dir, `file${index}.js`), "x".repeat(size));
      // Skipped before the scan (by type), skipped when read (binary), and a bundle with its map: one unit.
      writeFileSync(path.join(dir, "logo.png"), Buffer.alloc(50_000, 1));
      writeFileSync(path.join(dir, "data.bin"), Buffer.alloc(70_000, 0));
      writeFileSync(path.join(dir, "app.js"), "var a=1;\n//# sourceMappingURL=app.js.map\n");
      writeFileSync(
        path.join(dir, "app.js.map"),
        JSON.stringify({ version: 3, sources: ["a.ts"], sourcesContent: ["let a = 1;"], mappings: "AAAA" }),
      );
      const seen: ScanProgress[] = [];
      const outcome = await scan({ paths: ["."], cwd: dir, onProgress: (update) => seen.push(update) });
      const { stats } = outcome;
      expect(stats.filesScanned).toBe(5);
      expect(stats.filesSkipped).toBe(2);
      // The start: the by-type skip is done already; nothing scanned yet.
      expect(seen[0]).toMatchObject({ filesDone: 1, filesTotal: 7, filesSkipped: 1, bytesDone: 0 });
      expect(seen.map((update) => update.filesDone)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(seen.at(-1)).toEqual({
        filesDone: stats.filesScanned + stats.filesSkipped,
        filesTotal: stats.filesScanned + stats.filesSkipped,
        filesSkipped: stats.filesSkipped,
        bytesDone: stats.bytesScanned,
        bytesTotal: stats.bytesScanned,
      });
    } finally {
      cleanup();
    }
  });
});
