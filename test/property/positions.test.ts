/**
 * Positions: a key planted at a random place in random text is reported at exactly its line and column,
 * whatever the line endings (LF, CRLF) and however many astral-plane characters (two UTF-16 units each)
 * come before it on its line.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { scanText } from "../../src/engine/scan-text.js";

const faker = createFaker(7008);
const KEYS = [faker.mbLiveKey(), faker.webhookSecret(), faker.awsAccessKeyId()];

/** Filler that cannot join onto a key: spaces and punctuation around letters, accents and emoji. */
const filler = fc.string({
  unit: fc.constantFrom("a", "Z", " ", "\t", "é", "𝒳", "😀", "=", ";", ",", "(", ")", "中", "ß"),
  maxLength: 40,
});
const lines = fc.array(filler, { maxLength: 12 });

describe("positions", () => {
  it("line and column point exactly at a planted key, after CRLF and astral characters", () => {
    fc.assert(
      fc.property(
        lines,
        lines,
        filler,
        filler,
        fc.constantFrom("\n", "\r\n"),
        fc.constantFrom(...KEYS),
        fc.constantFrom("notes.txt", "src/app.js"),
        (above, below, lead, trail, eol, key, path) => {
          const keyLine = `${lead} "${key}" ${trail}`;
          const text = [...above, keyLine, ...below].join(eol);
          const findings = scanText(text, { path, showSecrets: true });
          const found = findings.find((finding) => finding.secret === key);
          expect(found, JSON.stringify(text)).toBeDefined();
          const expected = [above.length + 1, lead.length + 3];
          expect(
            found!.occurrences.map((o) => [o.location.start.line, o.location.start.column]),
          ).toContainEqual(expected);
        },
      ),
      { numRuns: 150, seed: 7008 },
    );
  });
});
