/**
 * Hostile source maps and config files. A broken map degrades to a diagnostic and the bundle is still
 * scanned; a map's `sources` are labels, never paths that get opened. A broken config is a clear error
 * naming the key, exit 2; a huge allowlist is just data.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { tempDir } from "../support/cli.js";
import { CaseLog, diagnosticsFor, expectBoundedMemory, MB, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7005);
const log = new CaseLog("sourcemaps-config");
afterAll(() => log.write());

/** A bundle that leaks a key on line 2 and points at `app.js.map`, next to the given map text. */
function bundleWithMap(name: string, mapText: string, extra: Record<string, string> = {}) {
  const { dir, cleanup } = tempDir("clientleak-adv-map-");
  const secret = faker.mbLiveKey();
  try {
    mkdirSync(path.join(dir, "dist"));
    writeFileSync(
      path.join(dir, "dist", "app.js"),
      `var a=1;\nvar k="${secret}";\n//# sourceMappingURL=app.js.map\n`,
    );
    writeFileSync(path.join(dir, "dist", "app.js.map"), mapText);
    for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(dir, file), text);
    const run = log.run(name, ["scan", "dist", "--format", "json"], Buffer.byteLength(mapText), { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    expectBoundedMemory(run, Buffer.byteLength(mapText), 40);
    const report = parseReport(run);
    expect(placesOf(report, secret)[0], "the bundle's own leak").toBe("dist/app.js:2:8");
    return { report, run };
  } finally {
    cleanup();
  }
}

const map = (fields: Record<string, unknown>) =>
  JSON.stringify({ version: 3, file: "app.js", names: [], ...fields });

describe("source maps", () => {
  it("invalid JSON: ignored with a diagnostic", () => {
    const { report, run } = bundleWithMap(
      "source map: invalid JSON",
      '{"version":3,"sources":["a.js"],"mappings":"AAAA"',
    );
    expect(diagnosticsFor(report, "app.js.map").map((d) => d.code)).toContain("sourcemap-invalid");
    expect(run.stderr).toMatch(/app\.js\.map: source map ignored: not valid JSON/);
  });

  it("huge mappings (10 MB of segments): decoded or rejected, never hung", () => {
    const line = `${"AAAA,CAAC,".repeat(5000)}AAAA;`;
    bundleWithMap(
      "source map: 10 MB mappings",
      map({
        sources: ["src/a.ts"],
        sourcesContent: ["export const a = 1;\n"],
        mappings: line.repeat(Math.ceil((10 * MB) / line.length)),
      }),
    );
  });

  it.each([
    ["negative segments", "DAAD,DAAD;AAAA"],
    ["out-of-range source index", "AAAA,AiBAA;AAAA"],
    ["garbage characters", "!!!!,@@@@;%%%"],
  ])("%s: bundle positions stay unmapped, the map's contents are still scanned", (what, mappings) => {
    const inner = faker.mbLiveKey();
    const { report } = bundleWithMap(
      `source map: ${what}`,
      map({ sources: ["src/config.ts"], sourcesContent: [`export const key = "${inner}";\n`], mappings }),
    );
    expect(placesOf(report, inner)).toEqual(["dist/src/config.ts:1:21"]);
    expect(diagnosticsFor(report, "app.js.map").map((d) => d.code)).toEqual(["sourcemap-invalid"]);
  });

  it("sources outside the root are labels only: never opened, said so", () => {
    const outside = tempDir("clientleak-adv-outside-");
    try {
      const outsideSecret = faker.mbLiveKey();
      writeFileSync(path.join(outside.dir, "server.ts"), `export const key = "${outsideSecret}";\n`);
      const sources = [
        path.join(outside.dir, "server.ts"),
        `file://${path.join(outside.dir, "server.ts")}`,
        "../../../../../../../../etc/passwd",
        "../outside.ts",
      ];
      const { report } = bundleWithMap(
        "source map: sources outside the root",
        map({ sources, mappings: "AAAA" }),
        { "outside.ts": `export const key = "${outsideSecret}";\n` },
      );
      expect(placesOf(report, outsideSecret)).toEqual([]);
      expect(diagnosticsFor(report, "app.js.map").map((d) => d.code)).toContain("sourcemap-outside-root");
    } finally {
      outside.cleanup();
    }
  });

  it("sourcesContent with nulls and non-strings: the real entries are scanned", () => {
    const inner = faker.mbLiveKey();
    const { report } = bundleWithMap(
      "source map: sourcesContent with nulls",
      map({
        sources: ["src/a.ts", "src/b.ts", "src/c.ts"],
        sourcesContent: [null, `const k = "${inner}";\n`],
        mappings: "AAAA",
      }),
    );
    expect(placesOf(report, inner)).toEqual(["dist/src/b.ts:1:12"]);
  });

  it("a map that references itself (as its own source and its own sourceMappingURL) is read once", () => {
    const selfText = "//# sourceMappingURL=app.js.map\n";
    const { report } = bundleWithMap(
      "source map: references itself",
      map({
        file: "app.js.map",
        sources: ["app.js.map", "app.js"],
        sourcesContent: [selfText, null],
        mappings: "AAAA",
      }),
    );
    expect(report.stats.filesScanned).toBeGreaterThanOrEqual(1);
  });
});

/** Runs `scan .` in a tree whose config file holds `configText`; returns the run. */
function withConfig(name: string, configText: string, expectedStatus: number) {
  const { dir, cleanup } = tempDir("clientleak-adv-config-");
  try {
    writeFileSync(path.join(dir, "clientleak.config.json"), configText);
    writeFileSync(path.join(dir, "app.js"), `export const key = "${faker.mbLiveKey()}";\n`);
    const run = log.run(name, ["scan", "."], Buffer.byteLength(configText), { cwd: dir });
    expect(run.status, run.stderr).toBe(expectedStatus);
    expectBoundedMemory(run, Buffer.byteLength(configText), 40);
    return run;
  } finally {
    cleanup();
  }
}

describe("config", () => {
  it.each([
    ["invalid JSON", '{"failOn": "high",', /clientleak\.config\.json.*not valid JSON/],
    [
      "unknown keys",
      '{"failon": "high", "allow": {"path": []}}',
      /failon: unknown key[\s\S]*allow\.path: unknown key/,
    ],
    [
      "wrong types",
      '{"include": "src/**", "maxFileSize": "50", "rules": {"aws/access-key-id": 3}, "allow": {"secrets": [42]}}',
      /include: must be an array[\s\S]*maxFileSize[\s\S]*rules\.aws\/access-key-id[\s\S]*allow\.secrets\[0\]/,
    ],
    ["a JSON value that is not an object", "[1, 2, 3]", /\(root\): must be a JSON object/],
  ])("%s: a clear error naming the key, exit 2", (what, text, message) => {
    const run = withConfig(`config: ${what}`, text, 2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  it("a glob that matches nothing scans nothing and says so: exit 0", () => {
    const run = withConfig(
      "config: include glob that matches nothing",
      JSON.stringify({ include: ["nowhere/**"] }),
      0,
    );
    expect(run.stdout).toMatch(/Scanned 0 files/);
  });

  it("a huge allowlist (100,000 digests) is accepted and applied", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-allow-");
    try {
      const secret = faker.mbLiveKey();
      const digests = Array.from({ length: 100_000 }, (_, i) =>
        createHash("sha256").update(`not a secret ${i}`).digest("hex"),
      );
      digests.push(createHash("sha256").update(secret).digest("hex"));
      const configText = JSON.stringify({
        allow: { secrets: digests, paths: Array.from({ length: 2_000 }, (_, i) => `generated/${i}/**`) },
      });
      writeFileSync(path.join(dir, "clientleak.config.json"), configText);
      writeFileSync(path.join(dir, "app.js"), `export const key = "${secret}";\n`);
      const run = log.run(
        "config: 100,000-entry allowlist",
        ["scan", ".", "--format", "json"],
        Buffer.byteLength(configText),
        { cwd: dir },
      );
      expect(run.status, run.stderr).toBe(0);
      expectBoundedMemory(run, Buffer.byteLength(configText), 40);
      expect(parseReport(run).findings).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
