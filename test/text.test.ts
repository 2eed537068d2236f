import { describe, expect, it } from "vitest";
import { OffsetMap } from "../src/extract/fragment.js";
import { redactSecret } from "../src/findings/redact.js";
import { buildSnippet, SNIPPET_MAX } from "../src/findings/snippet.js";
import { jsonStringRegions } from "../src/text/json-string-offsets.js";
import { LineIndex } from "../src/text/line-index.js";
import { lastAtOrBefore, offset } from "../src/text/sorted.js";

describe("lastAtOrBefore", () => {
  it("finds the last key at or before a value, with repeats, and -1 before the first", () => {
    const starts = [0, 4, 4, 9, 20];
    const cases: [number, number][] = [
      [-1, -1],
      [0, 0],
      [3, 0],
      [4, 2],
      [8, 2],
      [9, 3],
      [19, 3],
      [20, 4],
      [99, 4],
    ];
    for (const [value, index] of cases)
      expect(lastAtOrBefore(starts, value, offset), `value ${value}`).toBe(index);
    expect(lastAtOrBefore([], 5, offset)).toBe(-1);
    expect(lastAtOrBefore([{ start: 2 }, { start: 7 }], 7, (s) => s.start)).toBe(1);
  });
});

describe("LineIndex", () => {
  it("maps offsets to 1-based lines and UTF-16 columns, with CRLF and astral characters", () => {
    const text = "ab\r\n😀x\nlast";
    const index = new LineIndex(text);
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(text.indexOf("x"))).toEqual({ line: 2, column: 3 });
    expect(index.position(text.indexOf("last"))).toEqual({ line: 3, column: 1 });
  });

  it("gives exact columns on a 5 MB single line", () => {
    const text = `${"a".repeat(5_000_000)}KEY`;
    expect(new LineIndex(text).position(5_000_000)).toEqual({ line: 1, column: 5_000_001 });
  });
});

describe("OffsetMap", () => {
  it("maps linear runs one to one and collapses escapes onto their start", () => {
    // Source `"a\x62c"` (offsets: a=1, \x62=2..5, c=6) cooked to `abc`.
    const map = new OffsetMap().addLinear(0, 1).addCollapsed(1, 2).addLinear(2, 6);
    expect([0, 1, 2].map((offset) => map.toSource(offset))).toEqual([1, 2, 6]);
  });
});

describe("redactSecret", () => {
  it("keeps the public prefix, at most four body characters and the length", () => {
    const secret = "mb_sk_live_Ab3dEfGh1JkLmN0pQrStUvWxYz12349z";
    expect(redactSecret(secret, "mb_sk_live_")).toBe(`mb_sk_live_Ab…9z (${secret.length} chars)`);
    expect(redactSecret(secret)).toBe(`mb…9z (${secret.length} chars)`);
  });

  it("ignores a prefix the secret does not start with", () => {
    expect(redactSecret("whsec_Ab3dEfGh1JkLmN0pQrSt", "mb_sk_")).toBe("wh…St (26 chars)");
  });

  it("shows nothing of a short body", () => {
    expect(redactSecret("hunter2")).toBe("… (7 chars)");
  });
});

describe("buildSnippet", () => {
  it("stays within 80 characters on a huge line and redacts every secret in the window", () => {
    const first = "mb_sk_live_AAAAbbbbCCCCddddEEEEffff0001";
    const second = "mb_sk_sbx_ZZZZyyyyXXXXwwwwVVVVuuuu0002";
    const text = `${"x".repeat(100_000)}a="${first}",b="${second}"${"y".repeat(100_000)}`;
    const spans = [first, second].map((secret) => ({
      start: text.indexOf(secret),
      end: text.indexOf(secret) + secret.length,
      secret,
      display: redactSecret(secret, secret.slice(0, secret.indexOf("_", 6) + 1)),
    }));
    const snippet = buildSnippet(text, spans[0]!, spans);
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(snippet).toContain("mb_sk_live_AA…01");
    expect(snippet).not.toContain("AAAAbbbb");
    expect(snippet).not.toContain("ZZZZyyyy");
  });
});

describe("jsonStringRegions: decoded offsets back to the JSON text", () => {
  it("lands every decoded range on the text that decodes to it, across every kind of escape", () => {
    const value = 'a"b\\c/d\be\ff\ng\rh\ti\u0001j\u00e9k\u2028l mb_sk_live_x\n\n"end';
    // Escape `/` and `é` too, as some writers do, so every escape form is present.
    const literal = JSON.stringify(value).replace("/", "\\/").replace("é", "\\u00e9");
    const text = `{\n  "sourcesContent": [\n    ${literal}\n  ]\n}`;
    const start = text.indexOf(literal);
    const lines = new LineIndex(text);
    const regions = jsonStringRegions(text, start, start + literal.length, () => lines);
    const raw = (position: { line: number; column: number }) =>
      lines.lineStart(position.line) + position.column - 1;
    for (let from = 0; from < value.length; from++) {
      for (let to = from + 1; to <= value.length; to += 3) {
        const region = regions(from, to);
        expect(JSON.parse(`"${text.slice(raw(region.start), raw(region.end))}"`)).toBe(value.slice(from, to));
      }
    }
  });
});
