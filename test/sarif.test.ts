import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";
import { expectNoSecretLeak } from "./support/leaks.js";

const require = createRequire(import.meta.url);
const faker = createFaker(9001);
const secrets = {
  live: faker.mbLiveKey(),
  sandbox: faker.mbSandboxKey(),
  pem: faker.pem("RSA PRIVATE KEY", 600),
};

describe("SARIF output", () => {
  const temp = tempDir();
  let sarifPath = "";
  let sarifText = "";
  beforeAll(() => {
    mkdirSync(path.join(temp.dir, "src/dir with space"), { recursive: true });
    writeFileSync(
      path.join(temp.dir, "src/app.js"),
      `const a = "${secrets.live}";\nconst b = "${secrets.sandbox}";\n`,
    );
    writeFileSync(path.join(temp.dir, "src/dir with space/copy.js"), `fetch(u, { k: "${secrets.live}" });\n`);
    writeFileSync(path.join(temp.dir, "src/key.pem"), `${secrets.pem}\n`);
    sarifPath = path.join(temp.dir, "out.sarif");
    const run = runCli(["scan", "src", "--format", "sarif", "--output", sarifPath], { cwd: temp.dir });
    expect(run.status).toBe(1);
    sarifText = readFileSync(sarifPath, "utf8");
  });
  afterAll(() => temp.cleanup());

  it("validates against the SARIF 2.1.0 JSON schema", () => {
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    );
    const validate = new AjvDraft04.default({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(schema);
    const valid = validate(JSON.parse(sarifText));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("passes the Microsoft SARIF multitool validator with zero errors", () => {
    const reportPath = path.join(temp.dir, "validation.sarif");
    const multitool = path.join(REPO_ROOT, "node_modules/.bin/sarif-multitool");
    const run = spawnSync(
      multitool,
      ["validate", sarifPath, "--output", reportPath, "--log", "ForceOverwrite"],
      { encoding: "utf8" },
    );
    expect(run.error).toBeUndefined();
    const validation = JSON.parse(readFileSync(reportPath, "utf8"));
    const errors = validation.runs
      .flatMap((r: { results?: { level?: string; message: unknown }[] }) => r.results ?? [])
      .filter((r: { level?: string }) => r.level === "error");
    expect(errors).toEqual([]);
  });

  it("has the fields GitHub code scanning needs, with repo-relative URIs and the version from package.json", () => {
    const log = JSON.parse(sarifText);
    const run = log.runs[0];
    const version = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.version).toBe(version);
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toContain("What to do:");
      expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
      expect(rule.properties.tags).toContain("security");
    }
    const uris = run.results.flatMap(
      (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        result.locations.map((location) => location.physicalLocation.artifactLocation.uri),
    );
    for (const uri of uris) expect(uri).toMatch(/^src\//);
    const live = run.results.find((result: { ruleId: string }) => result.ruleId === "medblocks/live-api-key");
    expect(live.partialFingerprints["clientleakFingerprint/v2"]).toMatch(/^[0-9a-f]{64}$/);
    expect(live.locations[0].physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 12 });
    expect(live.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe(
      "src/dir%20with%20space/copy.js",
    );
  });

  it("never contains a raw secret", () => {
    for (const secret of Object.values(secrets)) expectNoSecretLeak(sarifText, secret);
  });
});

describe("SARIF for a scan of build output only", () => {
  it("makes the original source the primary location when the map names a file in the repository", () => {
    const run = runCli([
      "scan",
      "fixtures/demo/dist",
      "--config",
      "fixtures/demo/clientleak.config.json",
      "--format",
      "sarif",
    ]);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout).runs[0].results;
    const sandbox = results.find(
      (result: { ruleId: string }) => result.ruleId === "medblocks/sandbox-api-key",
    );
    expect(sandbox.locations[0].physicalLocation.artifactLocation.uri).toBe(
      "fixtures/demo/src/lib/medblocks.ts",
    );
    expect(sandbox.locations[0].physicalLocation.region.startLine).toBe(16);
    const related = sandbox.relatedLocations.map(
      (location: { physicalLocation: { artifactLocation: { uri: string } } }) =>
        location.physicalLocation.artifactLocation.uri,
    );
    expect(related).toContain("fixtures/demo/dist/assets/index--rjuayF8.js");
  });
});

describe("SARIF regions inside a source map", () => {
  const FIXTURE = "fixtures/sourcemaps";
  type Region = { startLine: number; startColumn: number; endLine: number; endColumn: number };
  const sarif = JSON.parse(runCli(["scan", FIXTURE, "--format", "sarif", "-q"]).stdout) as {
    runs: {
      results: {
        locations: { physicalLocation: { artifactLocation: { uri: string }; region?: Region } }[];
        relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region?: Region } }[];
      }[];
    }[];
  };
  const shown = JSON.parse(runCli(["scan", FIXTURE, "--format", "json", "-q", "--show-secrets"]).stdout) as {
    findings: { secret: string; occurrences: { location: { path: string; virtualSource?: string } }[] }[];
  };
  /** The text of a region of a file, as written (escapes and all). */
  const textAt = (file: string, region: Region) => {
    const lines = readFileSync(path.join(REPO_ROOT, file), "utf8").split("\n");
    if (region.startLine === region.endLine)
      return lines[region.startLine - 1]!.slice(region.startColumn - 1, region.endColumn - 1);
    return [
      lines[region.startLine - 1]!.slice(region.startColumn - 1),
      ...lines.slice(region.startLine, region.endLine - 1),
      lines[region.endLine - 1]!.slice(0, region.endColumn - 1),
    ].join("\n");
  };

  it("gives every copy inside a .map the line and column of the secret in the map's JSON text", () => {
    const secrets = new Set(shown.findings.map((finding) => finding.secret));
    const inMaps = sarif.runs[0]!.results.flatMap((result) =>
      [...result.locations, ...(result.relatedLocations ?? [])]
        .map((location) => location.physicalLocation)
        .filter((location) => location.artifactLocation.uri.endsWith(".map")),
    );
    // esbuild and webpack maps, a PEM whose line breaks are `\n` escapes in the JSON among them.
    expect(inMaps.length).toBeGreaterThanOrEqual(4);
    for (const location of inMaps) {
      expect(location.region, location.artifactLocation.uri).toBeDefined();
      const written = textAt(decodeURIComponent(location.artifactLocation.uri), location.region!);
      expect(secrets.has(JSON.parse(`"${written}"`) as string), written.slice(0, 40)).toBe(true);
    }
    expect(
      inMaps.some((location) =>
        textAt(decodeURIComponent(location.artifactLocation.uri), location.region!).includes("\\n"),
      ),
    ).toBe(true);
  });

  it("a pretty-printed map with escapes before the secret: the region still lands on it", () => {
    const temp = tempDir();
    try {
      const key = faker.mbLiveKey();
      const original = `// caf\u00e9 "quoted"\n\tconst key = "${key}";\n`;
      const map = JSON.stringify(
        {
          version: 3,
          file: "app.js",
          sources: ["../src/app.ts"],
          sourcesContent: [original],
          names: [],
          mappings: "AAAA",
        },
        null,
        2,
      ).replace("caf\u00e9", "caf\\u00e9");
      mkdirSync(path.join(temp.dir, "dist"));
      writeFileSync(path.join(temp.dir, "dist/app.js.map"), map);
      const run = runCli(["scan", "dist", "--format", "sarif"], { cwd: temp.dir });
      const result = (JSON.parse(run.stdout) as typeof sarif).runs[0]!.results[0]!;
      const location = [...result.locations, ...(result.relatedLocations ?? [])].find((entry) =>
        entry.physicalLocation.artifactLocation.uri.endsWith(".map"),
      )!.physicalLocation;
      const lines = map.split("\n");
      const line = lines.findIndex((text) => text.includes(key));
      expect(location.region).toEqual({
        startLine: line + 1,
        startColumn: lines[line]!.indexOf(key) + 1,
        endLine: line + 1,
        endColumn: lines[line]!.indexOf(key) + key.length + 1,
      });
    } finally {
      temp.cleanup();
    }
  });
});

describe("SARIF alert identity across runs", () => {
  it("partialFingerprints are the same in two runs without CLIENTLEAK_HASH_KEY, and hold no plain sha256", () => {
    const temp = tempDir();
    try {
      const key = faker.mbLiveKey();
      mkdirSync(path.join(temp.dir, "dist/assets"), { recursive: true });
      writeFileSync(path.join(temp.dir, "dist/assets/index-uS6a5i1m.js"), `var k="${key}";\n`);
      const fingerprints = () => {
        const run = runCli(["scan", "dist", "--format", "sarif"], {
          cwd: temp.dir,
          env: { CLIENTLEAK_HASH_KEY: "" },
        });
        return (
          JSON.parse(run.stdout) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }
        ).runs[0]!.results.map((result) => result.partialFingerprints);
      };
      const first = fingerprints();
      expect(first.length).toBeGreaterThan(0);
      expect(fingerprints()).toEqual(first);
      // The next build renames the bundle; the alert stays the same alert.
      renameSync(
        path.join(temp.dir, "dist/assets/index-uS6a5i1m.js"),
        path.join(temp.dir, "dist/assets/index-Dq8Zp2Lw.js"),
      );
      expect(fingerprints()).toEqual(first);
      expect(JSON.stringify(first)).not.toContain(createHash("sha256").update(key).digest("hex"));
    } finally {
      temp.cleanup();
    }
  });
});
