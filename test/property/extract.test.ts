/**
 * Unescape, fold and decode on arbitrary input: they never throw, and folding a key split into any number
 * of literals, each written with any quote and escape style, always yields the key at the first
 * literal's position.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { scanText } from "../../src/engine/scan-text.js";
import { decodeLiteral } from "../../src/extract/decode.js";
import { cookLiteral } from "../../src/extract/js-strings.js";

const RUNS = { numRuns: 150, seed: 7006 } as const;
const faker = createFaker(7006);
const KEYS = [faker.mbLiveKey(), faker.mbSandboxKey(), faker.webhookSecret(), faker.awsAccessKeyId()];

/** Text biased towards what these functions parse: quotes, backslashes, escapes, `+`, base64 and hex. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '"',
      "'",
      "`",
      "\\",
      "\\x",
      "\\u{",
      "\\u",
      "}",
      "${",
      "+",
      "\n",
      "\r",
      "/*",
      "*/",
      "//",
      "(",
      ")",
      "[",
      "]",
      "atob(",
      "Buffer.from(",
      ".join(",
      "mb_sk_live_",
      "=",
      "0",
      "f",
      "Z",
    ),
    fc.string({ unit: "grapheme", maxLength: 3 }),
  ),
  maxLength: 300,
});

describe("never throws on arbitrary input", () => {
  it("cookLiteral, for every span and both literal kinds", () => {
    fc.assert(
      fc.property(hostileText, fc.nat(), fc.nat(), fc.boolean(), (text, a, b, template) => {
        const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [
          number,
          number,
        ];
        const piece = cookLiteral(text, start, end, template);
        expect(typeof piece.text).toBe("string");
      }),
      RUNS,
    );
  });

  it("decodeLiteral", () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText, fc.base64String({ maxLength: 400 }), fc.stringMatching(/^[0-9a-f]{0,200}$/)),
        (text) => {
          decodeLiteral(text, { start: 0, end: text.length });
        },
      ),
      RUNS,
    );
  });

  it("the whole extraction, as every kind of file", () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.constantFrom(
          "a.js",
          "a.ts",
          "a.tsx",
          "a.min.js",
          ".env",
          "a.json",
          "a.js.map",
          "a.html",
          "a.vue",
          "a.txt",
        ),
        (text, path) => {
          expect(Array.isArray(scanText(text, { path }))).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

/** A JavaScript literal whose cooked value is `value`, in the given style. */
function literal(value: string, style: "double" | "single" | "template" | "hex" | "unicode"): string {
  switch (style) {
    case "double":
      return `"${value}"`;
    case "single":
      return `'${value}'`;
    case "template":
      return `\`${value}\``;
    case "hex":
      return `"${[...value].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("")}"`;
    case "unicode":
      return `"${[...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}"`;
  }
}

describe("folding a random split of a known key", () => {
  it("always yields the key, located at the first literal", () => {
    const split = fc.constantFrom(...KEYS).chain((key) =>
      fc.record({
        key: fc.constant(key),
        cuts: fc
          .uniqueArray(fc.integer({ min: 1, max: key.length - 1 }), { maxLength: 6 })
          .map((cuts) => cuts.sort((a, b) => a - b)),
        styles: fc.array(
          fc.constantFrom("double", "single", "template", "hex", "unicode") as fc.Arbitrary<
            Parameters<typeof literal>[1]
          >,
          { minLength: 7, maxLength: 7 },
        ),
        spacing: fc.constantFrom("+", " + ", "\n+ ", "+\n  "),
        lead: fc.constantFrom("", "// config\n", "\n\n  ", "let a = 1;\r\n"),
      }),
    );
    fc.assert(
      fc.property(split, ({ key, cuts, styles, spacing, lead }) => {
        const bounds = [0, ...cuts, key.length];
        const parts = bounds.slice(1).map((end, i) => key.slice(bounds[i], end));
        const code = `${lead}export const k = ${parts.map((part, i) => literal(part, styles[i]!)).join(spacing)};\n`;
        const findings = scanText(code, { path: "src/app.js", showSecrets: true });
        const found = findings.find((finding) => finding.secret === key);
        expect(found, code).toBeDefined();
        const firstLiteral = code.indexOf("export const k = ") + "export const k = ".length + 1;
        const before = code.slice(0, firstLiteral);
        const line = before.split("\n").length;
        const column = firstLiteral - before.lastIndexOf("\n");
        expect(
          found!.occurrences.map((o) => [o.location.start.line, o.location.start.column]),
        ).toContainEqual([line, column]);
      }),
      RUNS,
    );
  });
});
