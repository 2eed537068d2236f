import { expect } from "vitest";
import { compiledFor } from "../../src/engine/scan-text.js";

const PEM_FOOTER = /-----END [A-Z0-9 ]{1,40}-----\s*$/;
/** RFC 1421 headers of a legacy encrypted PEM (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: <cipher>,<IV>`): public metadata. */
const PEM_HEADERS = /^(?:\s{0,4}(?:Proc-Type|DEK-Info): [^\n]{0,200}\n)+/;

/** The part of a secret that must never be printed: without its public prefix and PEM armour. */
export function secretBody(secret: string): string {
  return secret
    .slice(compiledFor().publicPrefixOf(secret).length)
    .replace(PEM_HEADERS, "")
    .replace(PEM_FOOTER, "");
}

/**
 * Asserts that `output` holds neither the secret nor any `window`-character run of its body (line
 * breaks in the body are ignored, so a PEM line is one run).
 */
export function expectNoSecretLeak(output: string, secret: string, window = 8): void {
  expect(output.includes(secret), "raw secret in output").toBe(false);
  const body = secretBody(secret).replace(/\s/g, "");
  const haystack = output.replace(/\s/g, "");
  for (let start = 0; start + window <= body.length; start++) {
    const run = body.slice(start, start + window);
    if (haystack.includes(run))
      expect.fail(`output contains ${window} consecutive characters of a secret body at offset ${start}`);
  }
}
