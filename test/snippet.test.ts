import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { redactSecret } from "../src/findings/redact.js";
import { buildSnippet, type SecretSpan } from "../src/findings/snippet.js";
import { runCli } from "./support/cli.js";

const faker = createFaker(5151);

/** A bundle line where a code-evidence rule reports the key's prefix at the key's own place. */
function sandboxLine() {
  const key = faker.mbSandboxKey();
  const text = `fetch(e.href,n)}})();var e=\`${key}\`,t=class extends Error{status;code;}`;
  const start = text.indexOf(key);
  const keySpan: SecretSpan = {
    start,
    end: start + key.length,
    secret: key,
    display: redactSecret(key, "mb_sk_sbx_"),
  };
  const prefixSpan: SecretSpan = {
    start,
    end: start + "mb_sk_sbx_".length,
    secret: "mb_sk_sbx_",
    display: "mb_sk_sbx_",
  };
  return { key, text, keySpan, prefixSpan };
}

describe("snippets where spans overlap", () => {
  it("prints a code span inside a key once, as the key's redacted form (not prefix + key)", () => {
    const { key, text, keySpan, prefixSpan } = sandboxLine();
    for (const target of [prefixSpan, keySpan]) {
      const snippet = buildSnippet(text, target, [keySpan, prefixSpan]);
      expect(snippet).not.toContain("mb_sk_sbx_mb_sk_sbx_");
      expect(snippet.split("mb_sk_sbx_").length - 1).toBe(1);
      expect(snippet).toContain(`var e=\`${keySpan.display}\`,t=class`);
      expect(snippet).not.toContain(key.slice(12, 20));
    }
  });

  it("prints spans that partly overlap the target once each, around it, and no raw character between", () => {
    const { key, text, keySpan } = sandboxLine();
    const tail: SecretSpan = { start: keySpan.end - 4, end: keySpan.end + 3, secret: "x", display: "[TAIL]" };
    const head: SecretSpan = {
      start: keySpan.start - 3,
      end: keySpan.start + 4,
      secret: "y",
      display: "[HEAD]",
    };
    const snippet = buildSnippet(text, keySpan, [head, keySpan, tail]);
    expect(snippet).toContain(`var [HEAD]${keySpan.display}[TAIL]=class`);
    expect(snippet).not.toContain(key.slice(-4));
  });

  it("the demo's sandbox key reads once in every snippet of the built CLI's JSON report", () => {
    const run = runCli(["scan", "fixtures/demo", "-f", "json", "-q"]);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; occurrences: { snippet: string; frame?: { text: string }[] }[] }[];
    };
    const sandbox = report.findings.filter((finding) => finding.ruleId.startsWith("medblocks/sandbox-"));
    expect(sandbox.map((finding) => finding.ruleId).sort()).toEqual([
      "medblocks/sandbox-api-key",
      "medblocks/sandbox-key-in-production",
    ]);
    for (const occurrence of sandbox.flatMap((finding) => finding.occurrences)) {
      for (const text of [occurrence.snippet, ...(occurrence.frame ?? []).map((line) => line.text)])
        expect(text).not.toContain("mb_sk_sbx_mb_sk_sbx_");
    }
  }, 60_000);
});
