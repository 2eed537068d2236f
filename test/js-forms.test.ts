/**
 * fixtures/js-forms: a credential planted in every form the JavaScript layer understands, built for real
 * by esbuild --minify, Vite and webpack 5 + terser. Each must be found in its source file AND in every
 * bundle, and in the source at the exact place it was written.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./support/cli.js";
import { reportHashOfSha256 } from "./support/hashes.js";

interface Expected {
  form: string;
  secretSha256: string;
  files: string[];
}

interface Occurrence {
  location: { path: string; start: { line: number; column: number } };
}

interface Finding {
  ruleId: string;
  evidence?: "code";
  secretHash: string;
  occurrences: Occurrence[];
}

const FIXTURE = path.join(REPO_ROOT, "fixtures/js-forms");
const expected = JSON.parse(readFileSync(path.join(FIXTURE, "expected.json"), "utf8")) as Expected[];

/** What the source text must start with at a form's reported location: the first literal of the expression. */
const SOURCE_AT_LOCATION: Record<string, string> = {
  "\\x escapes": "\\x6d\\x62_sk_live_",
  "+ chain": 'mb_sk_sbx_" + "',
  "[…].join('')": "mb_sk_live_",
  "String.fromCharCode": "119, 104, 115",
  atob: '"bWJfc2tf',
  "Buffer.from base64": '"LS0tLS1CRUdJTi',
  "env name": "VITE_MEDBLOCKS_API_KEY;",
  "SDK import": '@medblocks/connect"',
  // Assembled from constants: reported where it is put together, not where a part was written.
  "constants in a template": `\`\${PREFIX}\${ENV}_\${A}\${B}\``,
  "constant object property + let": "CONFIG.prefix + body",
  decodeURIComponent: '"%6d%62%5f%73%6b%5f',
  "hex through a renamed Buffer polyfill": '"77687365635f',
  "base64 PEM in .env": "LS0tLS1CRUdJTi",
};

describe("fixtures/js-forms: every form, in the source and in three real bundles", () => {
  const run = runCli(["scan", "fixtures/js-forms", "--format", "json"]);
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  const relative = (occurrence: Occurrence) => path.relative("fixtures/js-forms", occurrence.location.path);

  it("exits 1 with findings", () => {
    expect(run.status).toBe(1);
  });

  it.each(expected)("finds the $form form in every file it was planted in", (planted) => {
    const findings = report.findings.filter(
      (finding) => finding.secretHash === reportHashOfSha256(planted.secretSha256),
    );
    expect(findings.length, `${planted.form} not reported`).toBeGreaterThan(0);
    const files = findings.flatMap((finding) => finding.occurrences.map(relative));
    for (const pattern of planted.files) {
      expect(
        files.some((file) => picomatch.isMatch(file, pattern)),
        `${planted.form} missing in ${pattern}`,
      ).toBe(true);
    }
  });

  it.each(expected.filter((planted) => planted.form in SOURCE_AT_LOCATION))(
    "points at the first literal of the $form form in its source",
    (planted) => {
      const source = planted.files[0]!;
      const lines = readFileSync(path.join(FIXTURE, source), "utf8").split("\n");
      const occurrence = report.findings
        .filter((finding) => finding.secretHash === reportHashOfSha256(planted.secretSha256))
        .flatMap((finding) => finding.occurrences)
        .find((candidate) => relative(candidate) === source)!;
      const { line, column } = occurrence.location.start;
      expect(lines[line - 1]!.slice(column - 1)).toMatch(
        new RegExp(`^${escapeRegExp(SOURCE_AT_LOCATION[planted.form]!)}`),
      );
    },
  );

  it("reports one rule per secret and place in JavaScript: no value is reported twice at one location", () => {
    const places = report.findings.flatMap((finding) =>
      finding.occurrences
        .filter((occurrence) => /\.(?:js|html)$/.test(occurrence.location.path))
        .map(
          (occurrence) =>
            `${finding.secretHash} ${occurrence.location.path}:${occurrence.location.start.line}:${occurrence.location.start.column}`,
        ),
    );
    expect(places.length).toBe(new Set(places).size);
  });

  it("never reports a piece of a folded value on its own", () => {
    const planted = new Set(expected.map((item) => reportHashOfSha256(item.secretSha256)));
    // Code evidence (the sandbox key's prefix next to a live key: a production-readiness finding) is no value.
    const unexpected = report.findings.filter(
      (finding) =>
        finding.evidence !== "code" &&
        !planted.has(finding.secretHash) &&
        finding.occurrences.some((occurrence) => relative(occurrence).startsWith("src/")),
    );
    expect(unexpected.map((finding) => finding.ruleId)).toEqual([]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
