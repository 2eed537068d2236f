/**
 * Git modes past a gigabyte (#14, case 13): 24 staged files of 45 MB and one small leak. Blobs are read
 * from git one at a time, so peak memory follows the largest blob, not the sum; a blob over
 * --max-file-size is skipped without being read; and when git itself cannot hand a file over, the scan
 * exits 2 with a clear message instead of reporting "no findings". The big blobs are written straight
 * into the object store and the index (`hash-object`, `update-index --cacheinfo`), so the test needs no
 * gigabyte on disk: git stores them compressed, and --staged never looks at the working tree.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { createRepo, type GitRepo } from "../support/git-repo.js";
import { CaseLog, expectBoundedMemory, MB, parseReport } from "./harness.js";

const faker = createFaker(7130);
const log = new CaseLog("git-blobs");
afterAll(() => log.write());

let repo: GitRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** Stages `count` text blobs of `bytes` each, without writing them to the working tree. */
function stageBigBlobs(target: GitRepo, count: number, bytes: number): void {
  const line = `${"lorem ipsum dolor sit amet ".repeat(3)}\n`;
  const body = line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
  for (let index = 0; index < count; index++) {
    const sha = execFileSync("git", ["-c", "core.looseCompression=1", "hash-object", "-w", "--stdin"], {
      cwd: target.dir,
      input: `// part ${index}\n${body}`,
      encoding: "utf8",
      maxBuffer: 4 * MB,
    }).trim();
    target.git("update-index", "--add", "--cacheinfo", `100644,${sha},big/part-${index}.txt`);
  }
}

describe("staged blobs are streamed one at a time (case 13)", () => {
  it("24 staged files of 45 MB and a small leak: the leak is found, memory follows one blob", () => {
    repo = createRepo("big-staged");
    const secret = faker.mbLiveKey();
    repo.write("src/leak.js", `export const key = "${secret}";\n`);
    repo.git("add", "src/leak.js");
    stageBigBlobs(repo, 24, 45 * MB);
    const run = log.run("staged-24x45MB", ["scan", "--staged", "--format", "json"], 24 * 45 * MB, {
      cwd: repo.dir,
    });
    expect(run.status, run.stderr.slice(0, 500)).toBe(1);
    const report = parseReport(run);
    expect(report.findings.map((finding) => finding.occurrences[0]?.location.path)).toContain("src/leak.js");
    expect(report.stats.filesScanned).toBe(25);
    expect(run.stdout).not.toContain(secret);
    // The sum is 1 GB (2.2 GB peak when it was read in one piece); two workers each hold one blob in
    // flight, and a few copies of each is what one-at-a-time reading costs.
    expectBoundedMemory(run, 2 * 45 * MB, 6);
  }, 300_000);

  it("a blob over --max-file-size is skipped with a diagnostic, the rest is scanned", () => {
    repo = createRepo("big-blob");
    const secret = faker.mbLiveKey();
    repo.write("src/leak.js", `export const key = "${secret}";\n`);
    repo.git("add", "src/leak.js");
    stageBigBlobs(repo, 1, 3 * MB);
    const run = log.run(
      "staged-over-limit",
      ["scan", "--staged", "--format", "json", "--max-file-size", "1"],
      3 * MB,
      {
        cwd: repo.dir,
      },
    );
    expect(run.status, run.stderr.slice(0, 500)).toBe(1);
    const report = parseReport(run);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ code: "skipped-too-large", path: "big/part-0.txt" }),
    );
    expect(report.findings.map((finding) => finding.occurrences[0]?.location.path)).toContain("src/leak.js");
  });

  it("git cannot read a staged blob: exit 2 with a clear message, never 'no findings'", () => {
    repo = createRepo("broken-store");
    repo.write("src/leak.js", `export const key = "${faker.mbLiveKey()}";\n`);
    repo.git("add", "src/leak.js");
    // The index names the blob but the object store lost it (a damaged clone, a full disk mid-write).
    const sha = repo.git("rev-parse", ":src/leak.js").trim();
    const objects = path.join(repo.dir, ".git", "objects", sha.slice(0, 2));
    for (const file of readdirSync(objects)) {
      chmodSync(path.join(objects, file), 0o644);
      execFileSync("rm", ["-f", path.join(objects, file)]);
    }
    const run = log.run("staged-missing-blob", ["scan", "--staged"], 0, { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/could not read the files from git/);
    expect(run.stdout).not.toMatch(/no findings/i);
  });
});
