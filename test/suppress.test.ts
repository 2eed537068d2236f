/**
 * Inline ignores: the directive grammar, adjacency in minified lines, and the diagnostics for directives
 * without a reason, with an unknown rule, or that silence nothing — through the real CLI.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { ADJACENT_GAP, parseDirectives } from "../src/findings/suppress.js";
import { runCli, tempDir } from "./support/cli.js";

const faker = createFaker(707);
const RULE = "medblocks/live-api-key";
const [KEY_A, KEY_B, KEY_C] = [faker.mbLiveKey(), faker.mbLiveKey(), faker.mbLiveKey()];
/** Built by concatenation so this test file holds no directive of its own. */
const IGNORE = ["clientleak", "ignore"].join("-");
const NEXT = `${IGNORE}-next-line`;

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());

interface Report {
  findings: {
    ruleId: string;
    occurrences: { location: { path: string; start: { line: number; column: number } } }[];
  }[];
  diagnostics: { code: string; path?: string; message: string }[];
  stats: { suppressed: Record<string, number> };
}

function scanFile(name: string, text: string, extra: string[] = []) {
  temp = tempDir();
  writeFileSync(path.join(temp.dir, name), text);
  const run = runCli(["scan", name, "--format", "json", ...extra], { cwd: temp.dir });
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

/** `line:column` of every live-key occurrence still reported. */
function reported(report: Report): string[] {
  return report.findings
    .filter((finding) => finding.ruleId === RULE)
    .flatMap((finding) =>
      finding.occurrences.map((o) => `${o.location.start.line}:${o.location.start.column}`),
    )
    .sort();
}

describe("directive grammar", () => {
  it("reads same-line and next-line directives in //, /* */, # and <!-- --> comments", () => {
    const text = [
      `a = 1; // ${IGNORE} ${RULE} -- test fixture`,
      `/* ${NEXT} ${RULE} -- rotated 2024-05 */`,
      `# ${IGNORE} aws/access-key-id -- documentation sample`,
      `<!-- ${IGNORE} ${RULE} -- demo page -->`,
      `/*! ${IGNORE} ${RULE} -- kept by the minifier */`,
    ].join("\n");
    const { directives, malformed } = parseDirectives(text);
    expect(malformed).toEqual([]);
    expect(directives.map((d) => [d.kind, d.ruleId, d.reason, d.line])).toEqual([
      ["same-line", RULE, "test fixture", 1],
      ["next-line", RULE, "rotated 2024-05", 2],
      ["same-line", "aws/access-key-id", "documentation sample", 3],
      ["same-line", RULE, "demo page", 4],
      ["same-line", RULE, "kept by the minifier", 5],
    ]);
    expect(text.slice(directives[1]!.commentStart, directives[1]!.commentEnd)).toBe(
      `/* ${NEXT} ${RULE} -- rotated 2024-05 */`,
    );
  });

  it("ignores the marker outside comments and in longer words; flags a missing reason or rule id", () => {
    const text = [
      `const s = "${IGNORE} ${RULE} -- in a string";`,
      `// ${IGNORE}d ${RULE} -- not the marker`,
      `// ${IGNORE} ${RULE}`,
      `// ${IGNORE} ${RULE} --   `,
      `// ${IGNORE} -- reason without a rule`,
    ].join("\n");
    const { directives, malformed } = parseDirectives(text);
    expect(directives).toEqual([]);
    expect(malformed.map((m) => m.line)).toEqual([3, 4, 5]);
    expect(malformed[0]!.problem).toMatch(/needs a reason/);
    expect(malformed[2]!.problem).toMatch(/needs a rule id/);
  });

  it("the syntax written out in docs (<rule-id> -- <reason>) is neither a directive nor a mistake", () => {
    const text = `/**\n * const key = "…"; // ${IGNORE} <rule-id> -- <reason>\n */\n// ${IGNORE} <medblocks/x>\n`;
    expect(parseDirectives(text)).toEqual({ directives: [], malformed: [] });
    const elided = `// \`/*! ${IGNORE} …\` and \`/** ${IGNORE} ...\`\n`;
    expect(parseDirectives(elided)).toEqual({ directives: [], malformed: [] });
    // Not a placeholder: still reported.
    expect(parseDirectives(`// ${IGNORE} <a b> -- why`).malformed).toHaveLength(1);
  });
});

describe("inline ignores through the CLI", () => {
  it("silences a same-line finding and a next-line finding, and counts them", () => {
    const { status, report } = scanFile(
      "config.ts",
      [
        `export const a = "${KEY_A}"; // ${IGNORE} ${RULE} -- sandbox fixture, revoked`,
        `// ${NEXT} ${RULE} -- revoked key kept for a regression test`,
        `export const b = "${KEY_B}";`,
        `export const c = "${KEY_C}";`,
      ].join("\n"),
    );
    expect(reported(report)).toEqual(["4:19"]);
    expect(report.stats.suppressed["inline ignore"]).toBe(2);
    expect(status).toBe(1);
  });

  it("in a minified line silences only the finding adjacent to the comment", () => {
    const filler = "x".repeat(ADJACENT_GAP + 20);
    const line = [
      `var a="${KEY_A}";`,
      `/*! ${IGNORE} ${RULE} -- public demo key */`,
      `var b="${KEY_B}";var f="${filler}";var c="${KEY_C}";`,
    ].join("");
    const { report } = scanFile("app.min.js", `${line}\n`);
    // Before the comment: KEY_A's closing `";` (2 chars); after it: `var b="` (7 chars). The nearer wins.
    const columnOf = (key: string) => `1:${line.indexOf(key) + 1}`;
    expect(reported(report)).toEqual([columnOf(KEY_B), columnOf(KEY_C)].sort());
  });

  it("does not reach past another finding or further than the adjacency gap", () => {
    const far = `var a="${KEY_A}";${" ".repeat(ADJACENT_GAP + 1)}/* ${IGNORE} ${RULE} -- too far */`;
    const blocked = `var a="${KEY_A}",b="${KEY_B}";/* ${IGNORE} aws/access-key-id -- wrong rule */`;
    const { report } = scanFile("bundle.js", `${far}\n${blocked}\n`);
    expect(reported(report)).toEqual(["1:8", "2:8", `2:${blocked.indexOf(KEY_B) + 1}`].sort());
    const codes = report.diagnostics.map((d) => `${d.code} ${d.path}`);
    expect(codes).toContain("unused-ignore bundle.js:1");
    expect(codes).toContain("unused-ignore bundle.js:2");
  });

  it("reports unknown rules and missing reasons; --report-unused-ignores fails on them", () => {
    const text = [
      `export const a = "${KEY_A}"; // ${IGNORE} medblocks/no-such-rule -- typo`,
      `export const b = "${KEY_B}"; // ${IGNORE} ${RULE}`,
    ].join("\n");
    const plain = scanFile("a.ts", text, ["--fail-on", "critical"]);
    expect(reported(plain.report)).toEqual(["1:19", "2:19"]);
    expect(plain.report.diagnostics.map((d) => d.code).sort()).toEqual([
      "missing-ignore-reason",
      "unknown-rule-in-ignore",
    ]);

    const clean = `export const a = 1; // ${IGNORE} ${RULE} -- left behind\n`;
    expect(scanFile("b.ts", clean).status).toBe(0);
    const strict = scanFile("b.ts", clean, ["--report-unused-ignores"]);
    expect(strict.status).toBe(1);
    expect(strict.report.diagnostics.map((d) => d.code)).toEqual(["unused-ignore"]);
  });
});

describe("inline ignores after one secret's copies became one finding", () => {
  const WEBHOOK = faker.webhookSecret();
  /** The vendor rule names the value (Medblocks code next to one copy); the other copy only the generic rule matched. */
  function webhookProject(ignoreLine: string) {
    temp = tempDir();
    writeFileSync(
      path.join(temp.dir, "medblocks.ts"),
      `import { Medblocks } from "@medblocks/connect";\nexport const signingSecret = "${WEBHOOK}";\n`,
    );
    writeFileSync(path.join(temp.dir, "webhook.ts"), `export const secret = "${WEBHOOK}"; ${ignoreLine}\n`);
    const run = runCli(["scan", ".", "--format", "json", "--report-unused-ignores"], { cwd: temp.dir });
    const report = JSON.parse(run.stdout) as Report;
    const value = report.findings.filter((finding) => finding.ruleId.includes("webhook"));
    return {
      status: run.status,
      report,
      value,
      places: value.flatMap((finding) => finding.occurrences.map((o) => o.location.path)).sort(),
    };
  }

  it("an ignore naming the generic rule that matched the copy silences that copy of the vendor-named finding", () => {
    const plain = webhookProject("");
    expect(plain.value.map((finding) => finding.ruleId)).toEqual(["medblocks/webhook-secret"]);
    expect(plain.places).toEqual(["medblocks.ts", "webhook.ts"]);

    const ignored = webhookProject(
      `// ${IGNORE} webhook/signing-secret -- test fixture for the webhook handler`,
    );
    expect(ignored.value.map((finding) => finding.ruleId)).toEqual(["medblocks/webhook-secret"]);
    expect(ignored.places).toEqual(["medblocks.ts"]);
    expect(ignored.report.diagnostics.filter((d) => d.code === "unused-ignore")).toEqual([]);
  });

  it("an ignore naming the finding's (vendor) rule silences a copy only the generic rule matched", () => {
    const ignored = webhookProject(
      `// ${IGNORE} medblocks/webhook-secret -- test fixture for the webhook handler`,
    );
    expect(ignored.places).toEqual(["medblocks.ts"]);
  });

  it("an ignore naming a rule that matched neither the copy nor the finding silences nothing, and says so", () => {
    const ignored = webhookProject(`// ${IGNORE} ${RULE} -- wrong rule`);
    expect(ignored.places).toEqual(["medblocks.ts", "webhook.ts"]);
    expect(ignored.report.diagnostics.map((d) => d.code)).toContain("unused-ignore");
    expect(JSON.stringify(ignored.report)).not.toContain("matchedRules");
  });
});
