import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { runCli, tempDir } from "./support/cli.js";

const faker = createFaker(4242);
const liveKey = faker.mbLiveKey();
const sandboxKey = faker.mbSandboxKey();

describe("clientleak CLI (built binary as a child process)", () => {
  const temp = tempDir();
  beforeAll(() => {
    mkdirSync(path.join(temp.dir, "src"), { recursive: true });
    writeFileSync(path.join(temp.dir, "src/client.js"), `export const key = "${liveKey}";\n`);
    writeFileSync(path.join(temp.dir, "src/sandbox.ts"), `const k = '${sandboxKey}';\n`);
    writeFileSync(path.join(temp.dir, "src/clean.js"), `export const url = "https://app.medblocks.com";\n`);
  });
  afterAll(() => temp.cleanup());

  it("finds leaks, exits 1, and prints only redacted secrets on stdout", () => {
    const run = runCli(["scan", "."], { cwd: temp.dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("medblocks/live-api-key");
    expect(run.stdout).toContain("src/client.js:1:21");
    expect(run.stdout).toContain("mb_sk_live_");
    expect(run.stdout).not.toContain(liveKey);
    expect(run.stdout).not.toContain(sandboxKey);
    expect(run.stderr).not.toContain(liveKey);
  });

  it("exits 0 when nothing reaches --fail-on", () => {
    expect(runCli(["scan", "src/clean.js"], { cwd: temp.dir }).status).toBe(0);
    expect(
      runCli(["scan", ".", "--fail-on", "critical", "--exclude", "src/client.js"], { cwd: temp.dir }).status,
    ).toBe(0);
  });

  it("shows the secret only with --show-secrets", () => {
    expect(runCli(["scan", ".", "--show-secrets"], { cwd: temp.dir }).stdout).toContain(liveKey);
  });

  it("rejects an unknown flag with one clear line and exit 2", () => {
    const run = runCli(["scan", "--no-such-flag"], { cwd: temp.dir });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("--no-such-flag");
  });

  it("rejects a missing path and a bad --fail-on with exit 2", () => {
    const missing = runCli(["scan", "does-not-exist"], { cwd: temp.dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe("clientleak: cannot scan does-not-exist: no such file or directory");
    expect(runCli(["scan", "--fail-on", "severe"], { cwd: temp.dir }).status).toBe(2);
  });

  it("rejects an invalid config naming every bad key, exit 2", () => {
    writeFileSync(
      path.join(temp.dir, "bad.json"),
      JSON.stringify({
        failOn: "loud",
        rules: { "nope/rule": "off" },
        allow: { secrets: ["mb_sk_live_x"] },
        extra: 1,
      }),
    );
    const run = runCli(["scan", ".", "--config", "bad.json"], { cwd: temp.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("failOn");
    expect(run.stderr).toContain("rules.nope/rule");
    expect(run.stderr).toContain("allow.secrets[0]");
    expect(run.stderr).toContain("extra: unknown key");
  });

  it("honours config allowlists by path and by secret hash, and rule overrides", async () => {
    const { sha256Hex } = await import("../src/findings/fingerprint.js");
    writeFileSync(
      path.join(temp.dir, "allow.json"),
      JSON.stringify({ allow: { paths: ["src/sandbox.ts"], secrets: [sha256Hex(liveKey)] } }),
    );
    const run = runCli(["scan", ".", "--config", "allow.json", "--format", "json"], { cwd: temp.dir });
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual([]);
    expect(report.stats.suppressed).toEqual({ "allowlisted path": 1, "allowlisted secret": 1 });
    expect(run.status).toBe(0);
  });

  it("lists rules and documents exit codes in --help", () => {
    const rules = runCli(["rules"]);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(/medblocks\/live-api-key\s+critical/);
    const help = runCli(["scan", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Exit codes:");
  });

  it("writes the report to --output and nothing to stdout", () => {
    const run = runCli(["scan", ".", "--format", "json", "--output", "report.json"], { cwd: temp.dir });
    expect(run.stdout).toBe("");
    expect(run.status).toBe(1);
  });

  it("refuses an --output it cannot write with one line and exit 2, before scanning", () => {
    writeFileSync(path.join(temp.dir, "a-file"), "");
    // A binary file would be a skip diagnostic if the scan ran: the error must come first and alone.
    writeFileSync(path.join(temp.dir, "src/logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    const cases: Array<[string[], string]> = [
      [
        ["scan", ".", "-o", "/nonexistent/x.txt"],
        "clientleak: cannot write the report to /nonexistent/x.txt: directory /nonexistent does not exist",
      ],
      [["scan", ".", "-o", "src"], "clientleak: cannot write the report to src: it is a directory"],
      [
        ["scan", ".", "--output", "a-file/x.txt"],
        `clientleak: cannot write the report to a-file/x.txt: ${path.join(temp.dir, "a-file")} is not a directory`,
      ],
      [
        ["baseline", "create", ".", "-o", "missing/b.json"],
        `clientleak: cannot write the baseline to missing/b.json: directory ${path.join(temp.dir, "missing")} does not exist`,
      ],
      [
        ["merge", "nothing.json", "-o", "/nonexistent/m.txt"],
        "clientleak: cannot write the report to /nonexistent/m.txt: directory /nonexistent does not exist",
      ],
    ];
    for (const [args, message] of cases) {
      const run = runCli(args, { cwd: temp.dir });
      expect(run.stderr, args.join(" ")).toBe(`${message}\n`);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
    }
  });

  it("lists the skips a user should act on once; skips by type are a count unless --verbose", () => {
    const dir = path.join(temp.dir, "skips");
    mkdirSync(path.join(dir, "assets"), { recursive: true });
    writeFileSync(path.join(dir, "assets/logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    writeFileSync(path.join(dir, "assets/font.woff2"), Buffer.from([0x77, 0x4f, 0x46, 0x32, 0]));
    writeFileSync(path.join(dir, "package-lock.json"), "{}\n");
    writeFileSync(path.join(dir, "huge.js"), "x".repeat(1_200_000));
    writeFileSync(path.join(dir, "app.js"), "export const ok = 1;\n");
    const args = ["scan", ".", "--max-file-size", "1"];

    const text = runCli(args, { cwd: dir });
    expect(text.stdout).toContain(
      "Skipped 4 files (3 excluded-type, 1 too-large):\n  huge.js  1.1 MB is over",
    );
    expect(text.stdout).toContain(
      "3 files skipped by type (images, fonts, media, lockfiles, binaries): --verbose lists them",
    );
    expect(text.stdout).not.toMatch(/logo\.png|font\.woff2|package-lock/);
    // The text report lists them: stderr does not repeat them.
    expect(text.stderr).toBe("");

    const verbose = runCli([...args, "--verbose"], { cwd: dir });
    for (const name of ["assets/logo.png", "assets/font.woff2", "package-lock.json", "huge.js"]) {
      expect(verbose.stdout.split(`\n  ${name}  `)).toHaveLength(2);
    }
    expect(verbose.stderr).toBe("");

    // Other formats carry every skip in the report; stderr names the one to act on, once.
    const json = runCli([...args, "--format", "json"], { cwd: dir });
    expect(JSON.parse(json.stdout).diagnostics).toHaveLength(4);
    expect(json.stderr).toBe("clientleak: huge.js: skipped: 1.1 MB is over --max-file-size 1 MB\n");
    const jsonVerbose = runCli([...args, "--format", "json", "--verbose"], { cwd: dir });
    expect(jsonVerbose.stderr.trim().split("\n")).toHaveLength(4);
  });

  it("scans standard input with `-`, named by --stdin-filename", () => {
    const piped = runCli(["scan", "-"], { cwd: temp.dir, input: `export const key = "${liveKey}";\n` });
    expect(piped.status).toBe(1);
    expect(piped.stdout).toContain("medblocks/live-api-key");
    expect(piped.stdout).toContain("<stdin>:1:21");
    expect(piped.stdout).toContain("Scanned 1 file");
    expect(piped.stdout + piped.stderr).not.toContain(liveKey);

    // The label decides how the text is read: a .env file with a public prefix.
    const env = runCli(["scan", "-", "--stdin-filename", "web/.env.production", "--format", "json"], {
      cwd: temp.dir,
      input: `VITE_MEDBLOCKS_KEY=${liveKey}\n`,
    });
    expect(env.status).toBe(1);
    const report = JSON.parse(env.stdout);
    const paths = report.findings.flatMap((finding: { occurrences: { location: { path: string } }[] }) =>
      finding.occurrences.map((occurrence) => occurrence.location.path),
    );
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set(["web/.env.production"]));

    expect(runCli(["scan", "-"], { cwd: temp.dir, input: "export const ok = 1;\n" }).status).toBe(0);
    const mixed = runCli(["scan", "-", "src"], { cwd: temp.dir });
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toBe(
      "clientleak: `-` (standard input) cannot be scanned together with other paths\n",
    );
    const unnamed = runCli(["scan", "src", "--stdin-filename", "a.js"], { cwd: temp.dir });
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toBe("clientleak: --stdin-filename names standard input: scan `-` with it\n");
  });
});
