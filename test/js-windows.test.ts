/**
 * Windowed parsing of large files (src/extract/js-windows.ts): the lexer cuts statements and bracketed
 * expressions at token boundaries whatever strings, templates, comments and regular expressions hold, and
 * every credential form of fixtures/js-forms is still found when its bundle is buried in a large file.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { scanText } from "../src/engine/scan-text.js";
import { leadWindows, WINDOW_FILE_CHARS } from "../src/extract/js-windows.js";

const FIXTURE = path.join(import.meta.dirname, "../fixtures/js-forms");

/** Library-like code whose strings, templates, comments and regexes hold brackets and semicolons. */
function filler(lines: number, seed: number): string {
  return Array.from(
    { length: lines },
    (_, i) =>
      `var f${seed}_${i}=function(a,b){/* {(; */return a/b>1?/[)}\\];]+/g.test("}{;"+a):\`t\${a+"}"}\`+'(;'};// ){\n`,
  ).join("");
}

describe("lead windows", () => {
  it("cuts the statement around a lead at its semicolons, not at those inside literals", () => {
    const text = `a();b="x;}";c=/;}/.test(q)+lead(1);d();`;
    const [window] = leadWindows(text, [text.indexOf("lead")]);
    expect(text.slice(window!.statement!.start, window!.statement!.end)).toBe(`c=/;}/.test(q)+lead(1);`);
  });

  it("cuts at the braces of the block that holds the lead, and offers the object around it", () => {
    const text = "function g(){x=1;return {k:`${a}}`,v:lead}}";
    const [window] = leadWindows(text, [text.indexOf("lead")]);
    expect(text.slice(window!.statement!.start, window!.statement!.end)).toBe("return {k:`${a}}`,v:lead}");
    expect(window!.frame?.bracket).toBe("{");
    expect(text.slice(window!.frame!.start, window!.frame!.end)).toBe(text.slice(text.indexOf("{")));
  });

  it("stays linear with many leads in one long statement", () => {
    const text = `var a=[${Array.from({ length: 50_000 }, (_, i) => `lead(${i})`).join(",")}];`;
    const leads = [...text.matchAll(/lead/g)].map((match) => match.index);
    expect(leadWindows(text, leads)).toHaveLength(leads.length);
  });
});

describe("fixtures/js-forms buried in a large bundle", () => {
  const expected = JSON.parse(readFileSync(path.join(FIXTURE, "expected.json"), "utf8")) as {
    form: string;
    secretSha256: string;
    files: string[];
  }[];
  // Assembled from constants declared in other statements: a window holds one statement, so these forms
  // are found whole-file only (every file up to WINDOW_FILE_CHARS, which the real bundles are).
  const acrossStatements = new Set(["constants in a template", "constant object property + let"]);
  const bundles = ["dist/esbuild/app.js", "dist/webpack/app.js"];
  const vite = readdirSync(path.join(FIXTURE, "dist/vite/assets")).filter((name) => name.endsWith(".js"));
  bundles.push(...vite.map((name) => `dist/vite/assets/${name}`));

  it.each(bundles)("%s", (bundle) => {
    const code = readFileSync(path.join(FIXTURE, bundle), "utf8");
    const text = `${filler(1400, 1)}${code}\n${filler(1400, 2)}`;
    expect(text.length).toBeGreaterThan(WINDOW_FILE_CHARS);
    const found = new Set(
      scanText(text, { path: "dist/big.js", showSecrets: true }).map((finding) =>
        createHash("sha256").update(finding.secret!).digest("hex"),
      ),
    );
    const wanted = expected.filter(
      (planted) =>
        !acrossStatements.has(planted.form) && planted.files.some((file) => picomatch.isMatch(bundle, file)),
    );
    expect(wanted.length).toBeGreaterThan(5);
    for (const planted of wanted) expect(found.has(planted.secretSha256), planted.form).toBe(true);
  });
});
