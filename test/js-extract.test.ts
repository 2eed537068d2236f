/**
 * The JavaScript layer on its own: cooking literals with exact offsets, folding and decoding, the
 * fallback for chains too deep for the parser, HTML-like script blocks, and what a parse failure costs.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { extract } from "../src/engine/extract.js";
import { scanText } from "../src/engine/scan-text.js";
import { fragmentOffsetToSource } from "../src/extract/fragment.js";
import { findScriptBlocks } from "../src/extract/script-blocks.js";
import type { ExtractHints } from "../src/extract/types.js";

const faker = createFaker(3131);

function secretsAndPlaces(text: string, path: string) {
  return scanText(text, { path, showSecrets: true }).flatMap((finding) =>
    finding.occurrences.map((occurrence) => ({
      ruleId: finding.ruleId,
      secret: finding.secret,
      layer: occurrence.layer,
      at: `${occurrence.location.start.line}:${occurrence.location.start.column}`,
    })),
  );
}

/** These tests are about what parsing finds, so every text is parsed whatever the gate would say. */
const PARSE_ALWAYS: ExtractHints = { shapeKeywords: [""] };

describe("cooked literals", () => {
  it("resolves every escape and maps each character back to where it was written", () => {
    const key = faker.mbLiveKey();
    const source = `const k = "\\x6d\\u0062\\u{5f}sk_\\\n${key.slice(6, 11)}\\${key.slice(11)}";`;
    const fragment = extract("src/a.js", source, "js", PARSE_ALWAYS).fragments.find((candidate) =>
      candidate.text.includes(key),
    )!;
    expect(fragment.layer).toBe("string");
    const start = fragment.text.indexOf(key);
    expect(fragmentOffsetToSource(fragment, start)).toBe(source.indexOf("\\x6d"));
    expect(fragmentOffsetToSource(fragment, start + 3)).toBe(source.indexOf("sk_"));
    expect(fragmentOffsetToSource(fragment, start + key.length - 1)).toBe(source.lastIndexOf(key.slice(-1)));
  });

  it("reads legacy octal escapes in sloppy scripts", () => {
    const key = faker.mbSandboxKey();
    const source = `var k = "\\155\\142${key.slice(2)}";`;
    expect(secretsAndPlaces(source, "src/legacy.js")).toContainEqual(
      expect.objectContaining({ secret: key, layer: "string", at: "1:10" }),
    );
  });
});

describe("folding", () => {
  it("folds a 100,000-term chain without overflowing the stack, pointing at its first literal", () => {
    const key = faker.mbLiveKey();
    const terms = Array.from({ length: 100_000 }, (_, i) =>
      JSON.stringify(` ${String.fromCharCode(97 + (i % 26))}`),
    );
    const source = `const k = ${JSON.stringify(key.slice(0, 12))} + ${JSON.stringify(key.slice(12))} + ${terms.join(" + ")};\n`;
    const found = secretsAndPlaces(source, "src/huge.js").filter(
      (item) => item.ruleId === "medblocks/live-api-key",
    );
    expect(found.map((item) => [item.secret, item.layer, item.at])).toEqual([[key, "folded", "1:12"]]);
  });

  it("follows numbers through + the way JavaScript does", () => {
    const id = faker.awsAccessKeyId();
    const source = `const k = 1 + 2 + "${id.slice(0, 10)}" + 3 + "${id.slice(11)}";`;
    const fragment = extract("src/a.js", source, "js", PARSE_ALWAYS).fragments.find(
      (candidate) => candidate.layer === "folded",
    )!;
    expect(fragment.text).toBe(`k:"3${id.slice(0, 10)}3${id.slice(11)}"`);
  });

  it("folds only the constant runs of a chain with code in it", () => {
    const key = faker.mbSandboxKey();
    const source = `const u = base + "/v1?key=" + "${key.slice(0, 20)}" + "${key.slice(20)}" + suffix;`;
    const found = secretsAndPlaces(source, "src/a.js").filter(
      (item) => item.ruleId === "medblocks/sandbox-api-key",
    );
    expect(found.map((item) => item.secret)).toEqual([key]);
  });

  it("decodes base64 literals of readable text but leaves random base64 alone", () => {
    const key = faker.mbLiveKey();
    const readable = Buffer.from(`{"apiKey":"${key}"}`).toString("base64");
    const random = Buffer.from(faker.hex(48), "hex").toString("base64");
    const fragments = extract(
      "src/a.js",
      `a = "${readable}"; b = "${random}";`,
      "js",
      PARSE_ALWAYS,
    ).fragments;
    expect(
      fragments.filter((fragment) => fragment.layer === "decoded").map((fragment) => fragment.notes),
    ).toEqual([["decoded from base64"]]);
  });
});

describe("decoded values in output", () => {
  it("cover their whole encoded literal, so no snippet or frame shows the base64 of the secret", () => {
    const key = faker.mbLiveKey();
    const encoded = Buffer.from(key).toString("base64");
    const source = `import { Medblocks } from "@medblocks/connect";\nconst mb = new Medblocks(atob("${encoded}"));\n`;
    const finding = scanText(source, { path: "src/client.ts" }).find(
      (f) => f.ruleId === "medblocks/live-api-key",
    );
    expect(finding?.occurrences[0]?.location.start).toEqual({ line: 2, column: 31 });
    expect(finding?.occurrences[0]?.location.end).toEqual({ line: 2, column: 31 + encoded.length + 2 });
    const printed = JSON.stringify(finding);
    for (let at = 0; at + 8 <= encoded.length; at += 4)
      expect(printed).not.toContain(encoded.slice(at, at + 8));
  });
});

describe("parse failures and the raw safety net", () => {
  it("says a file did not parse, and still finds its literal secrets", () => {
    const key = faker.mbLiveKey();
    const source = `const k = "${key}";\nfunction broken( {{{ \n`;
    const { diagnostics } = extract("src/broken.js", source, "js", PARSE_ALWAYS);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["parse-failed"]);
    expect(diagnostics[0]!.message).toMatch(/raw text still scanned/);
    expect(secretsAndPlaces(source, "src/broken.js").map((item) => item.secret)).toContain(key);
  });

  it("loads the parser only when a file is parsed", async () => {
    const resolved = createRequire(import.meta.url).resolve("@babel/parser");
    const { execFileSync } = await import("node:child_process");
    const probe = `import("./dist/src/engine/scan-text.js").then(async (m) => { m.scanText("A=1\\n", { path: ".env" }); const { createRequire } = await import("node:module"); process.stdout.write(String(Boolean(createRequire(import.meta.url).cache[${JSON.stringify(resolved)}]))); });`;
    expect(execFileSync(process.execPath, ["--input-type=module", "-e", probe], { encoding: "utf8" })).toBe(
      "false",
    );
  });
});

describe("script blocks of HTML-like files", () => {
  it("finds the scripts of .vue, .svelte, .html and .astro and skips JSON data blocks", () => {
    const vue =
      '<template><p>{{ x }}</p></template>\n<script setup lang="ts">\nconst a: string = "x";\n</script>\n';
    expect(findScriptBlocks(vue, "src/App.vue")).toEqual([
      { start: vue.indexOf("\nconst"), end: vue.indexOf("</script>"), typescript: true },
    ]);
    const html = '<script type="application/json">{"a":1}</script><script>var b = 1;</script>';
    expect(findScriptBlocks(html, "index.html").map((block) => html.slice(block.start, block.end))).toEqual([
      "var b = 1;",
    ]);
    const astro = '---\nconst c = "y";\n---\n<div/>\n';
    expect(
      findScriptBlocks(astro, "src/pages/index.astro").map((block) => astro.slice(block.start, block.end)),
    ).toEqual(['const c = "y";']);
  });

  it("reports a Svelte component's secret on the line it was written", () => {
    const key = faker.mbLiveKey();
    const svelte = `<script>\n  const key = "\\x6d\\x62${key.slice(2)}";\n</script>\n<p>{key}</p>\n`;
    expect(secretsAndPlaces(svelte, "src/lib/Key.svelte")).toContainEqual(
      expect.objectContaining({ secret: key, at: "2:16" }),
    );
  });
});
