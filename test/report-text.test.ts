import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { run } from "../src/cli/program.js";
import type { Finding, Occurrence, ScanResult } from "../src/model/types.js";
import { textReporter } from "../src/report/text.js";
import type { CliIo } from "../src/workflow/io.js";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";
import { reportHashOfSha256 } from "./support/hashes.js";
import { expectNoSecretLeak } from "./support/leaks.js";

/** Scan time is the one thing that differs run to run; everything else in a report is pinned. */
function normalise(report: string): string {
  return report.replace(/ in \d+(?:\.\d+)? (?:ms|s|min \d+ s)$/m, " in <time>");
}

/** The planted credentials of the demo fixture, read back with --show-secrets (code-shape findings are not secrets). */
function demoSecrets(): string[] {
  const planted = JSON.parse(readFileSync(path.join(REPO_ROOT, "fixtures/demo/expected.json"), "utf8")) as {
    secretSha256: string;
  }[];
  const hashes = new Set(planted.map((entry) => reportHashOfSha256(entry.secretSha256)));
  const report = JSON.parse(
    runCli(["scan", "fixtures/demo", "--format", "json", "--show-secrets"]).stdout,
  ) as { findings: Finding[] };
  return report.findings
    .filter((finding) => hashes.has(finding.secretHash))
    .map((finding) => finding.secret!);
}

describe("text report of the demo fixture (real scan, built CLI)", () => {
  const args = ["scan", "fixtures/demo"];
  const plain = runCli([...args, "--no-color"]);

  it("is pinned by a snapshot", async () => {
    expect(plain.status).toBe(1);
    await expect(normalise(plain.stdout)).toMatchFileSnapshot("__snapshots__/report-text/demo.txt");
  });

  it("leads each finding with its source location and lists shipped copies below it", () => {
    const block = plain.stdout.split("\n\n").find((text) => text.includes("medblocks/sandbox-api-key"))!;
    const labels = block.split("\n").flatMap((line) => /^ {2}(source|shipped) /.exec(line)?.[1] ?? []);
    expect(labels[0]).toBe("source");
    expect(labels.lastIndexOf("source")).toBeLessThan(labels.indexOf("shipped"));
    expect(block).toMatch(/\n {2}what to do Revoke/);
  });

  it("never prints any part of a secret's body beyond the redacted ends", () => {
    const secrets = demoSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) expectNoSecretLeak(plain.stdout, secret);
  });

  it("is plain ASCII apart from the redaction mark and what the scanned files contain", () => {
    const report = plain.stdout.replace(/…/g, "").replace(/\(Settings → API Keys\)/g, "");
    expect(report).toMatch(/^[\x20-\x7e\n]*$/);
  });
});

describe("text report of a purpose-built project (real scan, built CLI)", () => {
  const faker = createFaker(7309);
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const live = faker.mbLiveKey();
  const hook = faker.webhookSecret();
  mkdirSync(path.join(dir, "src"), { recursive: true });
  mkdirSync(path.join(dir, "dist"), { recursive: true });
  writeFileSync(
    path.join(dir, "src/client.ts"),
    [
      'import { Medblocks } from "@medblocks/connect";',
      "",
      "// Both of these ship to every browser that loads the app.",
      `export const mb = new Medblocks("${live}", { baseUrl: "https://app.medblocks.com" }); const hook = "${hook}";`,
      "export const ready = true;",
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "dist/app.js"),
    `${"var a=1;".repeat(400)}new Medblocks("${live}");${"var b=2;".repeat(400)}`,
  );
  writeFileSync(path.join(dir, "logo.bin"), Buffer.from([0x89, 0x50, 0x00, 0x01]));
  writeFileSync(path.join(dir, "huge.js"), "x".repeat(1_200_000));
  const scanArgs = ["scan", ".", "--max-file-size", "1"];
  const report = runCli([...scanArgs, "--no-color"], { cwd: dir });

  it("is pinned by a snapshot: frames, clipped minified copy, two secrets on one line, skipped files", async () => {
    expect(report.status).toBe(1);
    await expect(normalise(report.stdout)).toMatchFileSnapshot("__snapshots__/report-text/project.txt");
  });

  it("redacts every secret on a frame line, not only the one the finding is about", () => {
    for (const secret of [live, hook]) expectNoSecretLeak(report.stdout, secret);
  });

  it("lists each skipped file a user should act on with its reason in the summary, and counts the rest", () => {
    expect(report.stdout).toMatch(/Skipped 2 files \((?:1 binary, 1 too-large|1 too-large, 1 binary)\):/);
    expect(report.stdout).toMatch(/\n {2}huge\.js {2}1\.1 MB is over --max-file-size 1 MB/);
    expect(report.stdout).toMatch(
      /\n {2}1 file skipped by type \(images, fonts, media, lockfiles, binaries\)/,
    );
    expect(report.stdout).not.toContain("logo.bin");
  });
});

function capture(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: stdoutIsTTY },
    stderr: { write: (text: string) => (stderr += text), isTTY: stdoutIsTTY },
    env,
    cwd: REPO_ROOT,
  };
  return { io, output: () => ({ stdout, stderr }) };
}

describe("colour and Unicode only on a terminal", () => {
  it("uses ANSI colour and Unicode glyphs on a TTY", async () => {
    const { io, output } = capture({}, true);
    expect(await run(["scan", "fixtures/demo"], io)).toBe(1);
    const { stdout } = output();
    expect(stdout).toContain("\x1b[");
    expect(stdout).toMatch(/\d │/);
    expect(stdout).toContain("\x1b[1;97;45m CRITICAL \x1b[0m");
  });

  it.each([
    ["NO_COLOR", ["scan", "fixtures/demo"], { NO_COLOR: "1" }, true],
    ["--no-color", ["scan", "fixtures/demo", "--no-color"], {}, true],
    ["CI", ["scan", "fixtures/demo"], { CI: "true" }, true],
    ["a pipe", ["scan", "fixtures/demo"], {}, false],
  ] as const)("is plain with %s", async (_name, argv, env, tty) => {
    const { io, output } = capture(env, tty);
    await run(argv, io);
    const { stdout } = output();
    expect(stdout).not.toContain("\x1b");
    expect(stdout).not.toContain("│");
    expect(stdout).toContain("[CRITICAL] ");
    expect(stdout).toContain(" | ");
  });
});

describe("source-map originals (Occurrence.original)", () => {
  const location = (file: string, line: number, column: number) => ({
    path: file,
    start: { line, column },
    end: { line, column: column + 43 },
  });
  const bundle = (file: string, originalLine: number): Occurrence => ({
    location: location(file, 1, 4711),
    original: location("web/src/lib/medblocks.ts", originalLine, 26),
    layer: "string",
    snippet: 'var k="mb_sk_live_Ab…yz (43 chars)"',
    frame: [{ line: 1, text: 'var k="mb_sk_live_Ab…yz (43 chars)"', match: true, clippedStart: true }],
  });
  const result = (occurrences: Occurrence[]): ScanResult => ({
    findings: [
      {
        ruleId: "medblocks/live-api-key",
        title: "Medblocks production API key",
        severity: "critical",
        fingerprint: "f".repeat(64),
        secretHash: "e".repeat(64),
        redacted: "mb_sk_live_Ab…yz (43 chars)",
        secretLength: 43,
        message: "Medblocks production API key",
        remediation: "Revoke the key.",
        occurrences,
      },
    ],
    diagnostics: [],
    stats: { filesScanned: 2, filesSkipped: 0, bytesScanned: 2048, durationMs: 12, suppressed: {} },
  });
  const render = (occurrences: Occurrence[]) =>
    textReporter(result(occurrences), { rules: [], failOn: "low", color: false });

  it("leads with the original location a bundle maps to, once for all bundles that map to it", () => {
    const text = render([bundle("web/dist/a.js", 4), bundle("web/dist/b.js", 4)]);
    const places = text.split("\n").filter((line) => /^ {2}(source|shipped) /.test(line));
    expect(places).toEqual([
      "  source     web/src/lib/medblocks.ts:4:26 (mapped from web/dist/a.js)",
      "  shipped    web/dist/a.js:1:4711",
      "  shipped    web/dist/b.js:1:4711",
    ]);
  });

  it("does not repeat an original location whose file was scanned itself", () => {
    const source: Occurrence = {
      location: location("web/src/lib/medblocks.ts", 4, 26),
      layer: "string",
      snippet: "const k = …",
    };
    const text = render([bundle("web/dist/a.js", 4), source]);
    expect(text.match(/web\/src\/lib\/medblocks\.ts:4:26/g)).toHaveLength(1);
    expect(text).not.toContain("mapped from");
  });
});
