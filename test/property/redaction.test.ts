/**
 * Redaction, for any secret and any format: the report holds no run of more than 4 consecutive
 * characters of the secret's body.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { scanText } from "../../src/engine/scan-text.js";
import { FORMAT_NAMES, REPORTERS } from "../../src/report/index.js";
import { expectNoSecretLeak } from "../support/leaks.js";

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const AWS_BODY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const chars = (alphabet: string, length: number) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length })
    .map((list) => list.join(""));

/** Credentials of the shapes the rules know, with random bodies. */
const secrets = fc.oneof(
  chars(BASE62, 32).map((body) => `mb_sk_live_${body}`),
  chars(BASE62, 32).map((body) => `mb_sk_sbx_${body}`),
  chars(AWS_BODY, 16).map((body) => `AKIA${body}`),
);

describe("redaction", () => {
  it("no format prints more than 4 consecutive characters of any secret's body", () => {
    fc.assert(
      fc.property(
        secrets,
        fc.constantFrom(...FORMAT_NAMES),
        fc.constantFrom("src/app.js", "dist/assets/index-4f2a.js", ".env"),
        (secret, format, path) => {
          const text =
            path === ".env" ? `VITE_KEY=${secret}\n` : `export const k = "${secret}"; // ${secret}\n`;
          const findings = scanText(text, { path });
          fc.pre(findings.length > 0); // a random body can be a placeholder (a run of one character): nothing to redact
          const report = REPORTERS[format](
            {
              findings,
              diagnostics: [],
              stats: {
                filesScanned: 1,
                filesSkipped: 0,
                bytesScanned: text.length,
                durationMs: 1,
                suppressed: {},
              },
            },
            { rules: allRules, failOn: "low", color: false },
          );
          expectNoSecretLeak(report, secret, 5);
        },
      ),
      { numRuns: 120, seed: 7007 },
    );
  });

  it("the planted secrets are found, so the property above is not vacuous", () => {
    const found = fc
      .sample(secrets, { numRuns: 30, seed: 7007 })
      .filter((secret) => scanText(`export const k = "${secret}";\n`, { path: "src/app.js" }).length > 0);
    expect(found.length).toBeGreaterThan(25);
  });
});
