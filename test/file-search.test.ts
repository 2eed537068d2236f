/**
 * The one search of a JavaScript text (src/match/file-search.ts) and the prefilter's position table
 * (src/match/gram-filter.ts) are speed-ups only: they must find exactly what the plain searches find, a
 * global case-insensitive alternation of the prefilter's keywords and the evidence search of
 * js-leads.ts, on any text. Generated texts are made of the keywords' and leads' own pieces, in either
 * case, with the characters that trip up case folding and seven-bit reading (`K` KELVIN SIGN, `ſ`, `İ`,
 * `ā`, whose low bits alias `\x01`) between them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { findLeads } from "../src/extract/js-leads.js";
import { CompiledRules } from "../src/match/engine.js";
import { GramFilter } from "../src/match/gram-filter.js";
import { Prefilter, type RuleWindows } from "../src/match/prefilter.js";
import { escapeRegExp } from "../src/text/regexp.js";

const compiled = new CompiledRules(allRules);

/** The prefilter as a plain search: every hit, overlapping ones included. */
function plainWindows(prefilter: Prefilter, text: string): RuleWindows {
  const regex = new RegExp(prefilter.keywords.map(escapeRegExp).join("|") || "(?!)", "gi");
  const result: RuleWindows = new Map();
  for (let hit = regex.exec(text); hit !== null; hit = regex.exec(text)) {
    regex.lastIndex = hit.index + 1;
    prefilter.addHit(result, hit[0].toLowerCase(), hit.index, text.length);
  }
  return result;
}

const sorted = (windows: RuleWindows) => [...windows].sort((a, b) => a[0] - b[0]);

const pieces = [
  ...new Set([
    ...compiled.prefilterFor("bundle").prefilter.keywords,
    ...compiled.leads,
    ...compiled.leads.map((lead) => lead.toUpperCase()),
    "String.fromCharCode(109, 98, 95, 115, 107)",
    '["mb_", "sk_", "live_"].join("")',
    "\\x6d\\x62\\x5f",
    "clientSecret: ",
    '"Bearer " + t',
    '"',
    "'",
    "+",
    "]",
    "\\",
    "\n",
    " ",
    "a",
    "K",
    "ſ",
    "İ",
    "ā",
    "\u0080",
    "é",
  ]),
];
const texts = fc
  .array(
    fc.oneof(
      fc.constantFrom(...pieces),
      fc.string({ maxLength: 4 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

describe("one search per file", () => {
  it("the prefilter finds the windows a plain search finds", () => {
    fc.assert(
      fc.property(
        texts,
        fc.constantFrom("bundle", "json", "sourcemap", "env", "html") as fc.Arbitrary<"bundle">,
        (text, kind) => {
          const prefilter = compiled.prefilterFor(kind).prefilter;
          expect(sorted(prefilter.candidateWindows(text))).toEqual(sorted(plainWindows(prefilter, text)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("the file search finds the prefilter's windows and the evidence search's leads", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const found = compiled.searchFor("bundle").search(text);
        expect(sorted(found.windows)).toEqual(
          sorted(plainWindows(compiled.prefilterFor("bundle").prefilter, text)),
        );
        expect(found.leads).toEqual(findLeads(text, compiled));
      }),
      { numRuns: 400 },
    );
  });

  it("keywords beyond ASCII (a custom rule's) and empty ones are found as a plain search finds them", () => {
    const prefilter = new Prefilter(
      [["пароль", "ключ"], ["ab"], ["ſecret"]],
      [
        { before: 1, after: 2 },
        { before: 0, after: 0 },
        { before: 3, after: 3 },
      ],
    );
    const words = fc.constantFrom(
      "ПАРОЛЬ",
      "пароль",
      "Ключ",
      "ſecret",
      "SECRET",
      "secret",
      "aB",
      "K",
      "ā",
      " ",
      "x",
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(sorted(prefilter.candidateWindows(text))).toEqual(sorted(plainWindows(prefilter, text)));
      }),
      { numRuns: 300 },
    );
    const empty = new Prefilter([[""]], [{ before: 0, after: 0 }]);
    expect(sorted(empty.candidateWindows("abc"))).toEqual(sorted(plainWindows(empty, "abc")));
  });

  it("the position table finds every start, in either case, up to the last character", () => {
    const filter = new GramFilter(["q~", "\\", "abc"]);
    const all = (text: string) => {
      const at: number[] = [];
      for (let i = filter.next(text, 0); i !== -1; i = filter.next(text, i + 1)) at.push(i);
      return at;
    };
    expect(all("xxQ~xAbCx\\")).toEqual([2, 5, 9]);
    expect(all("q")).toEqual([]);
    expect(all("Q~")).toEqual([0]);
    expect(all("ab")).toEqual([]);
    expect(all("")).toEqual([]);
    expect(new GramFilter([]).next("abc", 0)).toBe(-1);
  });
});
