import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { jsonStrings } from "../src/extract/json-strings.js";
import { sourcesContentSpans } from "../src/sourcemap/contents-span.js";
import { loadSourceMap } from "../src/sourcemap/load.js";
import { originalName } from "../src/sourcemap/paths.js";
import { findMapReference } from "../src/sourcemap/reference.js";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";
import { reportHashOfSha256 } from "./support/hashes.js";

interface Occ {
  location: { path: string; virtualSource?: string; start: { line: number; column: number } };
  original?: { path: string; start: { line: number; column: number } };
}
interface Reported {
  ruleId: string;
  secretHash: string;
  occurrences: Occ[];
}

const FIXTURE = "fixtures/sourcemaps";
const expected = JSON.parse(readFileSync(path.join(REPO_ROOT, FIXTURE, "expected.json"), "utf8")) as Record<
  string,
  string
>;
const at = (occurrence: Occ) =>
  `${occurrence.location.path.replace(`${FIXTURE}/`, "")}${occurrence.location.virtualSource ? ` ⇒ ${occurrence.location.virtualSource.replace(`${FIXTURE}/`, "")}` : ""}:${occurrence.location.start.line}:${occurrence.location.start.column}`;
const from = (occurrence: Occ) =>
  occurrence.original &&
  `${occurrence.original.path.replace(`${FIXTURE}/`, "")}:${occurrence.original.start.line}:${occurrence.original.start.column}`;

describe("fixtures/sourcemaps: real esbuild and webpack builds with their maps", () => {
  const run = runCli(["scan", FIXTURE, "--format", "json"]);
  const report = JSON.parse(run.stdout) as {
    findings: Reported[];
    diagnostics: { code: string; path?: string }[];
  };
  const findingsOf = (hash: string) =>
    report.findings.filter((finding) => finding.secretHash === reportHashOfSha256(hash));
  const single = (hash: string) => {
    const findings = findingsOf(hash).filter(
      (finding) =>
        finding.ruleId !== "private-key/pem" || finding.occurrences.some((o) => o.location.virtualSource),
    );
    expect(findings).toHaveLength(1);
    return findings[0]!;
  };

  it("reports a key planted in source once, at its source, with every bundle and map copy mapped back", () => {
    const finding = single(expected.sandboxKey!);
    const places = finding.occurrences.map((occurrence) => [at(occurrence), from(occurrence)]);
    expect(places).toEqual(
      expect.arrayContaining([
        ["src/lib/medblocks.js:2:33", undefined],
        ["dist/esbuild/app.js:1:27", "src/lib/medblocks.js:2:33"],
        ["dist/esbuild/app.js.map ⇒ src/lib/medblocks.js:2:33", undefined],
        ["dist/inline/app.js:1:27", "src/lib/medblocks.js:2:33"],
        ["dist/inline/app.js ⇒ src/lib/medblocks.js:2:33", undefined],
        ["dist/webpack/main.js.map ⇒ src/lib/medblocks.js:2:33", undefined],
      ]),
    );
    const webpack = finding.occurrences.find((occurrence) =>
      occurrence.location.path.endsWith("dist/webpack/main.js"),
    );
    expect(webpack?.original?.path, "webpack:// sources resolve against the project, not dist/").toBe(
      `${FIXTURE}/src/lib/medblocks.js`,
    );
    // The text report leads with the original source.
    expect(at(finding.occurrences[0]!)).toBe("src/lib/medblocks.js:2:33");
  });

  it("maps a DefinePlugin-inlined key (never in any source) back to where the code reads it", () => {
    const finding = single(expected.definedLiveKey!);
    const mapped = finding.occurrences.filter((occurrence) => occurrence.original);
    expect(mapped.map(from)).toEqual(["src/main.js:4:14", "src/main.js:4:14", "src/main.js:4:14"]);
    expect(mapped.map((occurrence) => occurrence.location.path.replace(`${FIXTURE}/`, "")).sort()).toEqual([
      "dist/esbuild/app.js",
      "dist/inline/app.js",
      "dist/webpack/main.js",
    ]);
  });

  it("finds a PEM private key inside sourcesContent, where its line breaks are JSON escapes", () => {
    const pem = findingsOf(expected.pem!).find((finding) => finding.ruleId === "private-key/pem");
    expect(pem, "PEM not reported with its real line breaks").toBeDefined();
    const places = pem!.occurrences.map(at);
    expect(places).toContain("dist/esbuild/app.js.map ⇒ src/lib/signing.js:3:29");
    expect(places).toContain("src/lib/signing.js:3:29");
    // The escaped spelling in the .map's raw text is the same leak, not a second finding.
    expect(places.filter((place) => place.startsWith("dist/esbuild/app.js.map:"))).toEqual([]);
  });

  it("still scans a bundle whose map is broken, and says why the map was ignored", () => {
    expect(findingsOf(expected.sandboxKey!)[0]!.occurrences.map(at)).toContain("dist/broken/app.js:1:27");
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ code: "sourcemap-invalid", path: `${FIXTURE}/dist/broken/app.js.map` }),
    );
  });

  it("treats sources outside the tree as labels: diagnostic, never opened", () => {
    const finding = single(expected.outsideKey!);
    expect(finding.occurrences.map(from)).toContain("../../etc/passwd:2:19");
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "sourcemap-outside-root",
        path: `${FIXTURE}/dist/outside/vendor.js.map`,
      }),
    );
    expect(run.stdout).not.toContain("root:x:0:0:");
  });
});

describe("source map pieces", () => {
  it("reads external and inline sourceMappingURL comments from the end of a bundle", () => {
    expect(findMapReference("var a=1;\n//# sourceMappingURL=app.js.map\n")).toEqual({ url: "app.js.map" });
    const inline = Buffer.from('{"version":3}').toString("base64");
    expect(
      findMapReference(`x\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${inline}`),
    ).toEqual({ inline: '{"version":3}' });
    expect(findMapReference('const s = "sourceMappingURL=nope";')).toBeUndefined();
  });

  it("rejects broken maps with a reason instead of throwing", () => {
    expect(loadSourceMap("a.js.map", "{")).toHaveProperty("error");
    expect(loadSourceMap("a.js.map", '{"version":2,"sources":[]}')).toHaveProperty("error");
    const corrupt = loadSourceMap(
      "a.js.map",
      '{"version":3,"sources":["a.ts"],"names":[],"mappings":"ACAA"}',
    );
    expect("map" in corrupt && corrupt.map.mappingsUsable()).toBe(false);
  });

  it("decodes a bundle's mappings only when a position is located, and says then what is wrong", () => {
    const loaded = loadSourceMap(
      "a.js.map",
      '{"version":3,"sources":["a.ts"],"names":[],"mappings":"AAAA,AiBAA;AAAA"}',
    );
    if (!("map" in loaded)) throw new Error(loaded.error);
    expect(loaded.map.problems).toEqual([]);
    expect(loaded.map.mappingsUsable()).toBe(false);
    expect(loaded.map.problems).toEqual([
      "mappings are corrupt (a segment with a bad number or a source that does not exist)",
    ]);
    // Asked again: the same answer, the problem said once.
    expect(loaded.map.mappingsUsable()).toBe(false);
    expect(loaded.map.problems).toHaveLength(1);
  });

  it("reads each original source from its own span of the map's text, as JSON.parse would", () => {
    const map = (fields: string) =>
      `{"version":3,"sources":["a.ts","b.ts"],"names":[],"mappings":"AAAA",${fields}}`;
    const contentsOf = (text: string) => {
      const loaded = loadSourceMap("a.js.map", text);
      if (!("map" in loaded)) return loaded.error;
      return [loaded.map.content(0), loaded.map.content(1), loaded.map.content(2)];
    };
    expect(sourcesContentSpans(map('"sourcesContent":["a\\nb", null]'))?.elements).toHaveLength(2);
    expect(contentsOf(map('"sourcesContent":["x = \\"\\\\x41\\"\\n", null]'))).toEqual([
      'x = "\\x41"\n',
      null,
      null,
    ]);
    // Pretty-printed, a key written with an escape, a repeated key (the last one counts), a non-string.
    expect(contentsOf(map('\n  "sourcesContent" : [ "a" ,\n 7 ]'))).toEqual(["a", null, null]);
    expect(contentsOf(map('"sources\\u0043ontent":["a","b"]'))).toEqual(["a", "b", null]);
    expect(contentsOf(map('"sourcesContent":["old"],"sourcesContent":["new"]'))).toEqual(["new", null, null]);
    expect(contentsOf(map('"sourcesContent":{"not":"an array"}'))).toEqual([null, null, null]);
    // What JSON.parse rejects is still rejected: a raw line break or an unknown escape in a source.
    expect(contentsOf(map('"sourcesContent":["a\nb"]'))).toMatch(/not valid JSON/);
    expect(contentsOf(map('"sourcesContent":["\\q"]'))).toMatch(/not valid JSON/);
    expect(contentsOf(map('"sourcesContent":["a"],'))).toMatch(/not valid JSON/);
  });

  it("flattens index maps (sections)", () => {
    const section = {
      version: 3,
      sources: ["b.ts"],
      sourcesContent: ["const b = 1;"],
      names: [],
      mappings: "AAAA",
    };
    const loaded = loadSourceMap(
      "dist/a.js.map",
      JSON.stringify({ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: section }] }),
    );
    expect("map" in loaded && loaded.map.content(0)).toBe("const b = 1;");
    expect("map" in loaded && loaded.map.originals[0]).toEqual({ path: "dist/b.ts", outside: false });
  });

  it("names sources relative to the map, webpack ones relative to the project", () => {
    expect(originalName("app/dist/assets/x.js.map", "../../src/a.ts")).toEqual({
      path: "app/src/a.ts",
      outside: false,
    });
    expect(originalName("app/dist/x.js.map", "webpack://my-app/./src/a.ts")).toEqual({
      path: "app/src/a.ts",
      outside: false,
    });
    expect(originalName("dist/x.js.map", "../../../etc/passwd").outside).toBe(true);
    expect(originalName("../site/dist/x.js.map", "../src/a.ts").outside).toBe(false);
  });

  it("cooks JSON strings with escapes decoded and offsets mapped back", () => {
    const text = '{"a":{"pem":"-----BEGIN\\nX\\u0041"},"list":["z"]}';
    const [pem, z] = jsonStrings(text);
    expect(pem).toMatchObject({ value: "-----BEGIN\nXA", keyPath: "a.pem", escaped: true });
    expect(text[pem!.map.toSource(pem!.value.indexOf("X"))]).toBe("X");
    expect(z).toMatchObject({ value: "z", keyPath: "list[0]", escaped: false });
  });
});

describe("a sourceMappingURL naming a map of another name", () => {
  it("pairs the bundle with that map, so its findings map back to the original source", async () => {
    const { buildSync } = await import("esbuild");
    const temp = tempDir();
    try {
      const key = createFaker(8080).mbSandboxKey();
      mkdirSync(path.join(temp.dir, "src"), { recursive: true });
      writeFileSync(
        path.join(temp.dir, "src/config.ts"),
        `export const key: string = "${key}";\nconsole.log(key);\n`,
      );
      buildSync({
        entryPoints: [path.join(temp.dir, "src/config.ts")],
        bundle: true,
        minify: true,
        sourcemap: true,
        outfile: path.join(temp.dir, "dist/app.js"),
        logLevel: "silent",
      });
      const bundle = path.join(temp.dir, "dist/app.js");
      renameSync(`${bundle}.map`, path.join(temp.dir, "dist/app.min.map"));
      writeFileSync(
        bundle,
        readFileSync(bundle, "utf8").replace("sourceMappingURL=app.js.map", "sourceMappingURL=app.min.map"),
      );
      const run = runCli(["scan", "dist", "--format", "json"], { cwd: temp.dir });
      const finding = JSON.parse(run.stdout).findings.find(
        (f: { ruleId: string }) => f.ruleId === "medblocks/sandbox-api-key",
      );
      const shipped = finding.occurrences.find(
        (o: { location: { path: string } }) => o.location.path === "dist/app.js",
      );
      expect(shipped.original).toMatchObject({ path: "src/config.ts", start: { line: 1 } });
    } finally {
      temp.cleanup();
    }
  });
});
