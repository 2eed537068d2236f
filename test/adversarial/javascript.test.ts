/**
 * JavaScript written to break naive tools: nesting deeper than any recursive parser's stack, a
 * 1,000,000-term concatenation, a 10 MB template literal with many holes, a regex literal full of quotes
 * and key-like text, unterminated strings and comments. The parser may give up; the scan may not: the raw
 * text is still matched, the file says what went wrong, and the key next to the hostile code is found.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { tempDir } from "../support/cli.js";
import { CaseLog, diagnosticsFor, expectBoundedMemory, MB, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7002);
/** A credential prefix assembled by a join: evidence that sends the file to the parser. */
const JOINED_LEAD = `export const p = ["mb_sk_", "live_"].join("");\n`;
const log = new CaseLog("javascript");
afterAll(() => log.write());

/**
 * Scans `hostile.js` alone (so nothing else can supply the finding) and returns the report. JavaScript
 * gets a larger memory allowance per byte than plain text: an AST costs tens of bytes per source byte.
 */
function scanHostile(name: string, code: string) {
  const { dir, cleanup } = tempDir("clientleak-adv-js-");
  try {
    writeFileSync(path.join(dir, "hostile.js"), code);
    const inputBytes = Buffer.byteLength(code);
    const run = log.run(name, ["scan", ".", "--format", "json"], inputBytes, { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    expectBoundedMemory(run, inputBytes, 150);
    return { run, report: parseReport(run) };
  } finally {
    cleanup();
  }
}

/** Line and column of `needle` in `text`, 1-based, columns in UTF-16 units. */
function positionOf(text: string, needle: string): string {
  const at = text.indexOf(needle);
  const before = text.slice(0, at);
  return `${before.split("\n").length}:${at - before.lastIndexOf("\n")}`;
}

describe("nesting deeper than a recursive parser's stack", () => {
  it.each([
    ["arrays", "[", "]"],
    ["parentheses", "(", ")"],
  ])("100,000-deep %s: parse failure reported, raw text still scanned", (what, open, close) => {
    const secret = faker.mbLiveKey();
    // The joined prefix is evidence that opens the parser (a literal key alone is the raw pass's job).
    const code = `const deep = ${open.repeat(100_000)}1${close.repeat(100_000)};\nconst k = "${secret}";\n${JOINED_LEAD}`;
    const { report, run } = scanHostile(`100,000-deep nested ${what}`, code);
    expect(placesOf(report, secret)).toEqual(["hostile.js:2:12"]);
    expect(diagnosticsFor(report, "hostile.js").map((d) => d.code)).toContain("parse-failed");
    expect(run.stderr).toMatch(/hostile\.js: .*raw text still scanned/);
  });
});

describe("huge expressions", () => {
  it("folds a key split across two terms of a 1,000,000-term string concatenation", () => {
    const secret = faker.mbLiveKey();
    const terms = Array.from({ length: 1_000_000 }, (_, i) => `"p${i % 10}"`);
    // The key's neighbours end it the way real code would (`"…&key=" + "mb_sk_…" + "…" + "&…"`).
    terms.splice(999_000, 0, `"&key="`, `"${secret.slice(0, 20)}"`, `"${secret.slice(20)}"`, `"&"`);
    const code = `export const s = ${terms.join("+")};\n`;
    const { report } = scanHostile("1,000,000-term string concatenation", code);
    expect(placesOf(report, secret)).toEqual([`hostile.js:${positionOf(code, secret.slice(0, 20))}`]);
  });

  it("scans a 10 MB template literal with a hole every hundred characters", () => {
    const secret = faker.mbLiveKey();
    const row = `<li class="row">${"item ".repeat(16)}\${items[i]}</li>\n`;
    const body = row.repeat(Math.ceil((10 * MB) / row.length));
    const code = `export const html = \`${body}\`;\nexport const k = "${secret}";\n`;
    const { report } = scanHostile("10 MB template literal, 100,000 holes", code);
    expect(placesOf(report, secret)).toEqual([`hostile.js:${positionOf(code, secret)}`]);
  });
});

describe("text a naive tokenizer misreads", () => {
  it("a regex literal full of quotes and key-like text neither hides the next key nor becomes a finding", () => {
    const secret = faker.mbLiveKey();
    const code = [
      "const quote = /[\"'`]/g;",
      "const keyShape = /mb_sk_live_[A-Za-z0-9]{32}/;",
      'const tricky = /\\/"mb_sk_live_[^"]{32}"/;',
      `const k = "${secret}";`,
      "",
    ].join("\n");
    const { report } = scanHostile("regex literals that look like keys and strings", code);
    expect(
      report.findings.map((finding) =>
        finding.occurrences.map((o) => `${o.location.start.line}:${o.location.start.column}`),
      ),
    ).toEqual([["4:12"]]);
    expect(placesOf(report, secret)).toEqual(["hostile.js:4:12"]);
  });

  it("unterminated strings and comments: reported as a parse problem, the key before them found", () => {
    const secret = faker.mbLiveKey();
    const code = `const k = "${secret}";\n${JOINED_LEAD}const s = "never closed\nconst t = \`also open \${\n/* and a comment that never ends ${"z".repeat(5000)}`;
    const { report, run } = scanHostile("unterminated string, template and comment", code);
    expect(placesOf(report, secret)).toEqual(["hostile.js:1:12"]);
    expect(diagnosticsFor(report, "hostile.js").map((d) => d.code)).toContain("parse-failed");
    expect(run.stderr).toMatch(/hostile\.js: /);
  });
});
