/**
 * The history of a range under load (#15 item 5 meets #14): a commit that adds tens of megabytes (one
 * huge minified line, or many lines) and a binary blob, removed again by the next commit, next to a small
 * leak that is also added and removed. The log is parsed as a stream with lines and per-file added text
 * capped at --max-file-size, so memory stays bounded, the oversized additions are a diagnostic, and the
 * small leak is still reported with its commits.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { createRepo, type GitRepo } from "../support/git-repo.js";
import { CaseLog, expectBoundedMemory, MB, parseReport } from "./harness.js";

const faker = createFaker(7150);
const log = new CaseLog("git-history");
afterAll(() => log.write());

let repo: GitRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

describe("huge and binary additions in the range's history", () => {
  it("40 MB in one line and 40 MB in lines, added and removed: skipped with a diagnostic, leak found", () => {
    repo = createRepo("huge-history");
    repo.write("src/app.js", "export const a = 1;\n");
    const base = repo.commit("base");
    const secret = faker.mbLiveKey();
    repo.write("src/app.js", `export const a = 1;\nexport const k = "${secret}";\n`);
    repo.write("dist/one-line.js", `var x="${"a".repeat(40 * MB)}";\n`);
    repo.write(
      "data/lines.txt",
      "lorem ipsum dolor sit amet, consectetur adipiscing elit\n".repeat((40 * MB) / 56),
    );
    writeFileSync(path.join(repo.dir, "data", "blob.bin"), Buffer.alloc(2 * MB, 0));
    repo.commit("everything at once");
    repo.git("rm", "-q", "-r", "dist", "data");
    repo.write("src/app.js", "export const a = 1;\n");
    repo.commit("take it all out");
    const run = log.run(
      "history-80MB-added-and-removed",
      ["scan", "--since", base, "--format", "json", "--max-file-size", "10"],
      80 * MB,
      { cwd: repo.dir },
    );
    expect(run.status, run.stderr.slice(0, 500)).toBe(1);
    const report = parseReport(run);
    expect(report.findings.map((finding) => finding.occurrences[0]?.location.path)).toEqual(["src/app.js"]);
    const skipped = report.diagnostics.filter((diagnostic) => diagnostic.code === "skipped-too-large");
    expect(skipped.map((diagnostic) => diagnostic.path).sort()).toEqual([
      "data/lines.txt",
      "dist/one-line.js",
    ]);
    expect(run.stdout).not.toContain(secret);
    // Nothing of the 80 MB is held at once beyond the 10 MB cap of one line or one file's additions.
    expectBoundedMemory(run, 10 * MB, 8);
  }, 120_000);
});
