/**
 * The two committed entry points that run without a build, on an app archive: the pre-commit hook's CLI
 * (action/dist/cli.mjs, what .pre-commit-hooks.yaml runs) and the GitHub Action (action/dist/index.mjs).
 * Both must read the APK exactly as the built CLI does: same findings, members named by their virtual path.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, tempDir } from "../support/cli.js";

const FIXTURE = path.join(REPO_ROOT, "fixtures/mobile");
const APK = "apk/app-release.apk";
const temp = tempDir("clientleak-mobile-entry-");
afterAll(() => temp.cleanup());

interface Report {
  findings: { ruleId: string; secretHash: string }[];
}

/** `ruleId secretHash` of every finding, sorted: what two runs must agree on. */
function findingsOf(stdout: string): string[] {
  return (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${f.secretHash}`).sort();
}

// Run from the fixture folder: the repository config allowlists fixtures/.
const built = runCli(["scan", APK, "--format", "json"], { cwd: FIXTURE });

describe("an APK through the committed entry points", () => {
  it("the hook's bundled CLI finds what the built CLI finds", () => {
    const hook = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, "action/dist/cli.mjs"), "scan", APK, "--format", "json"],
      { cwd: FIXTURE, encoding: "utf8" },
    );
    expect(hook.status, hook.stderr).toBe(1);
    expect(findingsOf(hook.stdout)).toEqual(findingsOf(built.stdout));
    expect(findingsOf(hook.stdout).length).toBeGreaterThan(5);
  });

  it("the Action annotates archive members by their virtual path and fails the check", () => {
    const workspace = path.join(temp.dir, "workspace");
    mkdirSync(workspace);
    copyFileSync(path.join(FIXTURE, APK), path.join(workspace, "app-release.apk"));
    const eventFile = path.join(temp.dir, "event.json");
    const outputFile = path.join(temp.dir, "output");
    writeFileSync(eventFile, "{}");
    writeFileSync(outputFile, "");
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "action/dist/index.mjs")], {
      cwd: temp.dir,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: "true",
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: "workflow_dispatch",
        GITHUB_EVENT_PATH: eventFile,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: path.join(temp.dir, "summary.md"),
        INPUT_PATH: ".",
      },
    });
    expect(run.status, run.stderr).toBe(1);
    const annotated = new Set(
      [...run.stdout.matchAll(/^::(?:error|warning|notice) file=([^,]+),/gm)].map((m) => m[1]),
    );
    expect([...annotated].sort()).toEqual(
      [
        "app-release.apk!/assets/index.android.bundle",
        "app-release.apk!/assets/public/assets/" +
          JSON.parse(readFileSync(path.join(FIXTURE, "expected.json"), "utf8")).script,
        "app-release.apk!/lib/arm64-v8a/libapp.so",
      ].sort(),
    );
    const count = /^findings<<(\S+)\n(\d+)\n\1$/m.exec(readFileSync(outputFile, "utf8"))?.[2];
    expect(Number(count)).toBe(findingsOf(built.stdout).length);
    // Redacted like every other output: no planted value in full.
    expect(run.stdout).not.toMatch(/mb_sk_live_[A-Za-z0-9]{20}/);
  });
});
