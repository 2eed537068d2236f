/**
 * Files that are not what their names say (#14, cases 10 and 11): links to `/dev/zero`, FIFOs, files
 * swapped or grown after the walk, source maps whose contents are not strings. Every read goes through
 * safe-read (no link followed, nothing that blocks, regular files only, a bounded read), and whatever
 * fails inside one file's scan is that file's `scan-failed` diagnostic while the rest is scanned.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { scanSources, settingsFor } from "../../src/engine/scan.js";
import { scanFileIsolated } from "../../src/engine/scan-bytes.js";
import type { CompiledRules } from "../../src/match/engine.js";
import { walkRoots } from "../../src/walk/walker.js";
import { tempDir } from "../support/cli.js";
import { CaseLog, diagnosticsFor, expectBoundedMemory, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7010);
const log = new CaseLog("safe-reads");
afterAll(() => log.write());

/** A tree with one ordinary leak in `app/leak.js`, plus `extra` (file → text, or `-> target` for a link). */
function tree(extra: Record<string, string>) {
  const made = tempDir("clientleak-adv-read-");
  const secret = faker.mbLiveKey();
  mkdirSync(path.join(made.dir, "app"));
  writeFileSync(path.join(made.dir, "app", "leak.js"), `export const key = "${secret}";\n`);
  for (const [file, content] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(made.dir, file)), { recursive: true });
    if (content.startsWith("-> ")) symlinkSync(content.slice(3), path.join(made.dir, file));
    else writeFileSync(path.join(made.dir, file), content);
  }
  return { ...made, secret };
}

describe("links to devices are never read (case 10)", () => {
  it("a config named clientleak.config.json that links to /dev/zero: exit 2 at once, bounded memory", () => {
    const { dir, cleanup } = tree({ "app/clientleak.config.json": "-> /dev/zero" });
    try {
      const run = log.run("config -> /dev/zero", ["scan", "app", "--format", "json"], 0, { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        /clientleak\.config\.json.*cannot be read \(a symbolic link \(not followed\)\)/,
      );
      expectBoundedMemory(run, 0, 0);
    } finally {
      cleanup();
    }
  });

  it("framework files (package.json, vite.config.js) that link to /dev/zero: the scan goes on", () => {
    const { dir, cleanup, secret } = tree({
      "app/package.json": "-> /dev/zero",
      "app/vite.config.js": "-> /dev/zero",
      "package.json": "-> /dev/zero",
    });
    try {
      const run = log.run("framework files -> /dev/zero", ["scan", "app", "--format", "json"], 0, {
        cwd: dir,
      });
      expect(run.status, run.stderr).toBe(1);
      expect(placesOf(parseReport(run), secret)).toEqual(["app/leak.js:1:21"]);
      expectBoundedMemory(run, 0, 0);
    } finally {
      cleanup();
    }
  });

  it("a baseline that links to /dev/zero, and /dev/stdin as the baseline: exit 2, no hang", () => {
    const { dir, cleanup } = tree({ "baseline.json": "-> /dev/zero" });
    try {
      for (const baseline of ["baseline.json", "/dev/stdin"]) {
        const run = log.run(`baseline ${baseline}`, ["scan", "app", "--baseline", baseline], 0, { cwd: dir });
        expect(run.status, run.stderr).toBe(2);
        expect(run.stderr).toMatch(/baseline .* cannot be read/);
        expectBoundedMemory(run, 0, 0);
      }
    } finally {
      cleanup();
    }
  });

  it("a walked file swapped after the walk for a link, a FIFO or a bigger file is not read", async () => {
    const { dir, cleanup, secret } = tree({
      "app/linked.js": "var a = 1;\n",
      "app/fifo.js": "var b = 2;\n",
      "app/grown.js": "var c = 3;\n",
    });
    try {
      const settings = settingsFor({ paths: ["app"], cwd: dir, maxFileSizeMB: 1 });
      const walked = await walkRoots(settings);
      rmSync(path.join(dir, "app", "linked.js"));
      symlinkSync("/dev/zero", path.join(dir, "app", "linked.js"));
      rmSync(path.join(dir, "app", "fifo.js"));
      execFileSync("mkfifo", [path.join(dir, "app", "fifo.js")]);
      writeFileSync(path.join(dir, "app", "grown.js"), "x".repeat(2 * 1024 * 1024));
      const result = await scanSources(walked.files, settings, { jobs: 1 });
      const codes = Object.fromEntries(result.diagnostics.map((d) => [d.path, d.code]));
      expect(codes).toEqual({
        "app/linked.js": "skipped-symlink",
        "app/fifo.js": "skipped-not-a-file",
        "app/grown.js": "skipped-too-large",
      });
      expect(result.findings.map((finding) => finding.redacted)).toHaveLength(1);
      expect(result.findings[0]!.occurrences[0]!.snippet).not.toContain(secret);
    } finally {
      cleanup();
    }
  });
});

describe("one file's failure is that file's diagnostic (case 11)", () => {
  it("maps whose sourcesContent holds a number or an object: the rest of the scan is reported", () => {
    const hidden = faker.mbLiveKey();
    const bundle = (name: string, map: object, inline: boolean) => {
      const json = JSON.stringify(map);
      const reference = inline
        ? `data:application/json;base64,${Buffer.from(json).toString("base64")}`
        : `${name}.map`;
      return {
        [`app/${name}`]: `var k="${hidden}";\n//# sourceMappingURL=${reference}\n`,
        ...(inline ? {} : { [`app/${name}.map`]: json }),
      };
    };
    const { dir, cleanup, secret } = tree({
      ...bundle(
        "number.js",
        { version: 3, sources: ["a.js"], sourcesContent: [42], mappings: "AAAA" },
        false,
      ),
      ...bundle(
        "object.js",
        { version: 3, sources: ["b.js"], sourcesContent: [{ a: 1 }], mappings: "AAAA" },
        true,
      ),
    });
    try {
      for (const jobs of ["1", "2"]) {
        const run = log.run(
          `sourcesContent [42] / [{}] --jobs ${jobs}`,
          ["scan", "app", "--format", "json", "--jobs", jobs],
          0,
          {
            cwd: dir,
          },
        );
        expect(run.status, run.stderr).toBe(1);
        const report = parseReport(run);
        expect(placesOf(report, secret)).toEqual(["app/leak.js:1:21"]);
        expect(placesOf(report, hidden).sort()).toEqual(["app/number.js:1:8", "app/object.js:1:8"]);
      }
    } finally {
      cleanup();
    }
  });

  it("a throw inside one file's scan becomes a scan-failed diagnostic that quotes nothing", () => {
    const secret = faker.mbLiveKey();
    const throwing = new Proxy({} as CompiledRules, {
      get() {
        throw new TypeError(`cannot read "${secret}"`);
      },
    });
    const result = scanFileIsolated("app/x.js", Buffer.from(`var k = "${secret}";`), {
      compiled: throwing,
      isClient: () => true,
      publicEnv: [],
    });
    expect(result.scanned).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "scan-failed", path: "app/x.js", skipped: true }),
    ]);
    expect(JSON.stringify(result)).not.toContain(secret.slice(11, 19));
  });

  it("a map whose source holds 160k escaped literals does not overflow the stack", () => {
    const literals = Array.from({ length: 160_000 }, () => `"\\x6d\\x62"`).join(",");
    const map = JSON.stringify({
      version: 3,
      sources: ["big.js"],
      sourcesContent: [`var a=[${literals}];`],
      mappings: "",
    });
    const { dir, cleanup, secret } = tree({ "app/big.js.map": map });
    try {
      const run = log.run("map with 160k escaped literals", ["scan", "app", "--format", "json"], map.length, {
        cwd: dir,
      });
      expect(run.status, run.stderr.slice(0, 400)).toBe(1);
      const report = parseReport(run);
      expect(placesOf(report, secret)).toEqual(["app/leak.js:1:21"]);
      expect(
        diagnosticsFor(report, "big.js.map")
          .map((d) => d.message)
          .join(),
      ).not.toMatch(/stack/);
    } finally {
      cleanup();
    }
  });
});
