/**
 * Archives and precompressed assets through the real CLI: members are scanned at virtual paths that every
 * format shows, nested archives are followed, `.gz`/`.br` are scanned as the file they hold (source-map
 * pairing included), and a plain and a compressed copy of one secret are one finding.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { writeZip } from "../../fixtures/mobile/zip-writer.mjs";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { REPO_ROOT, runCli, tempDir } from "../support/cli.js";
import { expectNoSecretLeak } from "../support/leaks.js";

interface Report {
  findings: {
    ruleId: string;
    occurrences: {
      location: { path: string; start: { line: number; column: number } };
      original?: { path: string };
    }[];
  }[];
  diagnostics: { code: string; path?: string; message: string }[];
}

const faker = createFaker(1717);
const key = faker.mbLiveKey();
const innerKey = faker.mbSandboxKey();
const { dir, cleanup } = tempDir("clientleak-archive-");
afterAll(cleanup);

const inner = writeZip([{ name: "www/app.js", data: `const k = "${innerKey}";\n` }]);
writeFileSync(
  path.join(dir, "app.apk"),
  writeZip([
    { name: "AndroidManifest.xml", data: Buffer.from([3, 0, 8, 0, 0, 0]) },
    {
      name: "assets/index.android.bundle",
      data: `var a=1;fetch("/x",{headers:{Authorization:"${key}"}});\n`,
    },
    { name: "res/drawable/icon.png", data: "png" },
    { name: "assets/nested.zip", data: inner, method: "stored" },
    { name: "assets/public/main.js.gz", data: gzipSync(`export const k = "${key}";\n`) },
  ]),
);

function scan(args: string[]): ReturnType<typeof runCli> {
  return runCli(["scan", ...args], { cwd: dir });
}

describe("an APK-shaped archive", () => {
  const run = scan(["app.apk", "--format", "json"]);
  const report = JSON.parse(run.stdout) as Report;
  const places = (ruleId: string) =>
    report.findings
      .filter((finding) => finding.ruleId === ruleId)
      .flatMap((finding) => finding.occurrences.map((o) => `${o.location.path}:${o.location.start.line}`));

  it("scans every member at its virtual path, nested archives and .gz members included", () => {
    expect(run.status).toBe(1);
    expect(places("medblocks/live-api-key")).toEqual([
      "app.apk!/assets/index.android.bundle:1",
      "app.apk!/assets/public/main.js.gz:1",
    ]);
    expect(places("medblocks/sandbox-api-key")).toEqual(["app.apk!/assets/nested.zip!/www/app.js:1"]);
  });

  it("skips images quietly, and says how many members it skipped by type", () => {
    expect(report.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      [
        "skipped-excluded-type",
        "app.apk",
        "1 member skipped by type (compiled classes, resources, images, signatures)",
      ],
      ["skipped-binary", "app.apk!/AndroidManifest.xml", "binary file (NUL byte in the first 8 KiB)"],
    ]);
  });

  it.each(["text", "sarif", "github", "markdown"])("%s output names the member, redacted", (format) => {
    const output = scan(["app.apk", "--format", format]).stdout;
    expect(output).toContain("app.apk!/assets/index.android.bundle");
    expect(output).toContain("app.apk!/assets/nested.zip!/www/app.js");
    expectNoSecretLeak(output, key);
    expectNoSecretLeak(output, innerKey);
  });
});

describe("precompressed assets", () => {
  it("a plain and a .gz/.br copy of one build are one finding with an occurrence each", () => {
    const site = path.join(dir, "site");
    mkdirSync(site);
    const js = `export const k = "${key}";\n`;
    writeFileSync(path.join(site, "main.js"), js);
    writeFileSync(path.join(site, "main.js.gz"), gzipSync(js));
    writeFileSync(path.join(site, "main.js.br"), brotliCompressSync(js));
    const report = JSON.parse(scan(["site", "--format", "json"]).stdout) as Report;
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.occurrences.map((o) => o.location.path)).toEqual([
      "site/main.js",
      "site/main.js.br",
      "site/main.js.gz",
    ]);
  });

  it("a .js.gz without its plain copy still pairs with the plain .map next to it", () => {
    const built = path.join(dir, "esbuild");
    mkdirSync(built);
    const fixture = path.join(REPO_ROOT, "fixtures/sourcemaps/dist/esbuild");
    writeFileSync(path.join(built, "app.js.gz"), gzipSync(readFileSync(path.join(fixture, "app.js"))));
    copyFileSync(path.join(fixture, "app.js.map"), path.join(built, "app.js.map"));
    const report = JSON.parse(scan(["esbuild", "--format", "json"]).stdout) as Report;
    const fromBundle = report.findings.flatMap((f) =>
      f.occurrences.filter((o) => o.location.path === "esbuild/app.js.gz"),
    );
    expect(fromBundle.length).toBeGreaterThan(0);
    // Each position in the compressed bundle was traced through the map to its original source.
    expect(fromBundle.every((o) => /src\/(main|lib\/)/.test(o.original?.path ?? ""))).toBe(true);
  });
});
