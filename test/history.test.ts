/**
 * Every commit of a `--diff`/`--since` range is scanned, not only its head (#15, item 5): a key one commit
 * of a pull request added and the next deleted is in the repository's history for good. Real repositories
 * in temp dirs, the built CLI as a child process.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { parseHunkHeader, unquotePath } from "../src/walk/history.js";
import { runCli } from "./support/cli.js";
import { createRepo, type GitRepo } from "./support/git-repo.js";

const faker = createFaker(1515);

interface CommitJson {
  short: string;
  subject: string;
  date: string;
  removedIn?: { short: string; subject: string };
}
interface JsonReport {
  findings: {
    ruleId: string;
    occurrences: {
      location: { path: string; start: { line: number } };
      status?: string;
      commit?: CommitJson;
    }[];
  }[];
}

let repo: GitRepo;
afterEach(() => repo?.cleanup());

const keyFile = (key: string) => `export const a = 1;\nexport const k = "${key}";\n`;

function scanJson(args: string[]): { status: number; report: JsonReport; stdout: string; stderr: string } {
  const run = runCli(["scan", ...args, "--format", "json"], { cwd: repo.dir });
  return { ...run, report: JSON.parse(run.stdout || '{"findings":[]}') as JsonReport };
}

const short = (sha: string) => repo.git("rev-parse", "--short", sha).trim();

/** main: a clean file; feature: a commit that adds a key, one that deletes it, one unrelated. */
function addedThenRemoved(key: string) {
  repo = createRepo();
  repo.write("src/app.js", "export const a = 1;\n");
  const base = repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("src/app.js", keyFile(key));
  const added = repo.commit("wire the client");
  repo.write("src/app.js", "export const a = 1;\n");
  const removed = repo.commit("oops, remove the key");
  repo.write("README.md", "# docs\n");
  repo.commit("docs");
  return { base, added, removed };
}

describe("a key added and removed inside the range", () => {
  it("is reported where it was added, with the commit that added it and the one that removed it", () => {
    const key = faker.mbLiveKey();
    const { base, added, removed } = addedThenRemoved(key);
    for (const args of [
      ["--diff", `${base}...feature`],
      ["--since", base],
    ]) {
      const { status, report, stdout } = scanJson(args);
      expect(status).toBe(1);
      expect(stdout).not.toContain(key);
      const found = report.findings.filter((finding) => finding.ruleId === "medblocks/live-api-key");
      expect(found).toHaveLength(1);
      expect(found[0]!.occurrences).toHaveLength(1);
      const [occurrence] = found[0]!.occurrences;
      expect(occurrence!.location.path).toBe("src/app.js");
      expect(occurrence!.location.start.line).toBe(2);
      expect(occurrence!.status).toBe("new");
      expect(occurrence!.commit).toMatchObject({
        short: short(added),
        subject: "wire the client",
        removedIn: { short: short(removed), subject: "oops, remove the key" },
      });
    }
  });

  it("says so in every format: text, markdown, SARIF and annotations with no line at head", () => {
    const key = faker.mbLiveKey();
    const { base, added, removed } = addedThenRemoved(key);
    const note = `removed in ${short(removed)}: still in the git history, rotate it`;
    const outputs = Object.fromEntries(
      ["text", "markdown", "sarif", "github"].map((format) => [
        format,
        runCli(["scan", "--diff", `${base}...HEAD`, "--format", format], { cwd: repo.dir }).stdout,
      ]),
    );
    expect(outputs.text).toMatch(
      new RegExp(`commit +added in ${short(added)} \\(\\d{4}-\\d\\d-\\d\\d, "wire the client"\\)`),
    );
    for (const output of Object.values(outputs)) {
      expect(output).toContain(note);
      expect(output).not.toContain(key);
    }
    expect(outputs.github).not.toMatch(/file=/);
    expect(JSON.parse(outputs.sarif!).runs[0].results[0].properties.commit).toMatchObject({
      short: short(added),
      removedIn: { short: short(removed) },
    });
  });

  it("a key still at head is one finding at its head location, naming the commit that added it", () => {
    const key = faker.mbLiveKey();
    repo = createRepo();
    repo.write("src/app.js", "export const a = 1;\n");
    const base = repo.commit("base");
    repo.write("src/app.js", keyFile(key));
    const added = repo.commit("add the key");
    repo.write("src/app.js", `// top\n${keyFile(key)}`);
    repo.write("src/copy.js", keyFile(key));
    repo.commit("move it down, copy it");
    const { status, report } = scanJson(["--diff", `${base}...HEAD`]);
    expect(status).toBe(1);
    const found = report.findings.filter((finding) => finding.ruleId === "medblocks/live-api-key");
    expect(found).toHaveLength(1);
    const places = found[0]!.occurrences.map(
      (occurrence) =>
        `${occurrence.location.path}:${occurrence.location.start.line} ${occurrence.commit?.short}`,
    );
    // At head: app.js line 3 (added to app.js in the first commit), copy.js line 2 (added by the second).
    expect(places.sort()).toEqual([`src/app.js:3 ${short(added)}`, `src/copy.js:2 ${short("HEAD")}`]);
    expect(found[0]!.occurrences.every((occurrence) => occurrence.commit?.removedIn === undefined)).toBe(
      true,
    );
  });

  it("the same value removed in one file and kept in another is one finding, at head", () => {
    const key = faker.mbLiveKey();
    const { base } = addedThenRemoved(key);
    repo.write("src/kept.js", keyFile(key));
    repo.commit("keep a copy");
    const found = scanJson(["--diff", `${base}...HEAD`]).report.findings.filter(
      (finding) => finding.ruleId === "medblocks/live-api-key",
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.occurrences.map((occurrence) => occurrence.location.path)).toEqual(["src/kept.js"]);
  });

  it("keys several commits added to one file keep their own commit and line", () => {
    const [first, second] = [faker.mbLiveKey(), faker.mbLiveKey()];
    repo = createRepo();
    repo.write("src/app.js", "export const a = 1;\n");
    const base = repo.commit("base");
    repo.write("src/app.js", `export const a = 1;\nexport const k = "${first}";\n`);
    const one = repo.commit("one");
    repo.write("src/app.js", `export const a = 1;\n// a\n// b\n// c\nexport const j = "${second}";\n`);
    const two = repo.commit("two");
    repo.write("src/app.js", "export const a = 1;\n");
    const three = repo.commit("three");
    const places = scanJson(["--since", base])
      .report.findings.filter((finding) => finding.ruleId === "medblocks/live-api-key")
      .map((finding) => {
        const [occurrence] = finding.occurrences;
        const { commit, location } = occurrence!;
        return `${location.path}:${location.start.line} ${commit?.short} ${commit?.removedIn?.short}`;
      });
    expect(places.sort()).toEqual(
      [`src/app.js:2 ${short(one)} ${short(two)}`, `src/app.js:5 ${short(two)} ${short(three)}`].sort(),
    );
  });

  it("file names with a newline and unicode, and a scan from a subdirectory, name the file as at head", () => {
    const key = faker.mbLiveKey();
    repo = createRepo();
    repo.write("web/keep.js", "export const a = 1;\n");
    const base = repo.commit("base");
    repo.write("web/src/new\nfile é.js", keyFile(key));
    repo.write("web/src/with space.js", keyFile(faker.mbLiveKey()));
    repo.commit("add");
    repo.git("rm", "-q", "web/src/new\nfile é.js", "web/src/with space.js");
    repo.commit("remove");
    // A user's diff.relative makes git print paths from the subdirectory: the scan must not care.
    repo.git("config", "diff.relative", "true");
    const run = runCli(["scan", "--since", base, "--format", "json"], { cwd: path.join(repo.dir, "web") });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const places = report.findings
      .filter((item) => item.ruleId === "medblocks/live-api-key")
      .map((item) => `${item.occurrences[0]!.location.path}:${item.occurrences[0]!.location.start.line}`);
    // git ends a `+++` line with a tab when the name holds a space: it is not part of the name.
    expect(places.sort()).toEqual(["src/new\nfile é.js:2", "src/with space.js:2"]);
  });

  it("a key that only a merge commit added (a conflict resolution) is found, in the merge", () => {
    const key = faker.mbLiveKey();
    repo = createRepo();
    repo.write("src/app.js", "export const a = 1;\n");
    const base = repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("src/app.js", "export const a = 2;\n");
    repo.commit("feature side");
    repo.git("checkout", "-q", "main");
    repo.write("src/app.js", "export const a = 3;\n");
    repo.commit("main side");
    repo.git("checkout", "-q", "feature");
    try {
      repo.git("merge", "-q", "main");
    } catch {
      // The conflict is the point: its resolution adds the key, and then a later commit removes it.
    }
    repo.write("src/app.js", keyFile(key));
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-edit");
    const merge = repo.git("rev-parse", "HEAD").trim();
    repo.write("src/app.js", "export const a = 4;\n");
    repo.commit("clean up");
    const { status, report } = scanJson(["--diff", `${base}..feature`]);
    expect(status).toBe(1);
    const found = report.findings.filter((finding) => finding.ruleId === "medblocks/live-api-key");
    expect(found).toHaveLength(1);
    expect(found[0]!.occurrences[0]!.commit?.short).toBe(short(merge));
  });
});

describe("commit subjects are output too", () => {
  it("a key pasted into the subject of a commit is redacted wherever the subject is printed", () => {
    const [key, pasted] = [faker.mbLiveKey(), faker.mbLiveKey()];
    repo = createRepo();
    repo.write("src/app.js", "export const a = 1;\n");
    const base = repo.commit("base");
    repo.write("src/app.js", keyFile(key));
    repo.commit(`use ${pasted} for now`);
    repo.write("src/app.js", "export const a = 1;\n");
    repo.commit("remove it");
    for (const format of ["json", "text", "sarif", "github", "markdown"]) {
      const run = runCli(["scan", "--since", base, "--format", format], { cwd: repo.dir });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/use mb\\?_sk\\?_live\\?_/);
      expect(run.stdout).not.toContain(pasted);
      expect(run.stdout).not.toContain(key);
    }
  });
});

describe("never a clean result from a history git could not read", () => {
  it("a blob of a middle commit is missing from the object store: exit 2 with a clear message", () => {
    const key = faker.mbLiveKey();
    const { base } = addedThenRemoved(key);
    const blob = repo.git("rev-parse", `${base}:src/app.js`).trim();
    const added = repo.git("rev-parse", "feature~2:src/app.js").trim();
    expect(added).not.toBe(blob);
    rmSync(path.join(repo.dir, ".git", "objects", added.slice(0, 2), added.slice(2)), { force: true });
    const run = runCli(["scan", "--since", base], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/could not read the history of .* from git/);
    expect(run.stdout).not.toMatch(/no findings|no leaked/i);
  });
});

describe("git log parsing", () => {
  it("reads hunk headers of ordinary and combined (merge) diffs", () => {
    expect(parseHunkHeader("@@ -1,0 +2,3 @@ fn()")).toEqual({ parents: [0], result: 3, nextLine: 2 });
    expect(parseHunkHeader("@@ -9 +12 @@")).toEqual({ parents: [1], result: 1, nextLine: 12 });
    expect(parseHunkHeader("@@ -20,2 +19,0 @@")).toEqual({ parents: [2], result: 0, nextLine: 20 });
    expect(parseHunkHeader("@@@ -3,0 -2,1 +3,2 @@@")).toEqual({ parents: [0, 1], result: 2, nextLine: 3 });
    expect(parseHunkHeader("@@ nonsense @@")).toBeUndefined();
  });

  it("unquotes git's C-style quoted paths", () => {
    expect(unquotePath("b/plain.js")).toBe("b/plain.js");
    expect(unquotePath('"b/new\\nfile \\303\\251.ts"')).toBe("b/new\nfile é.ts");
    expect(unquotePath('"b/a\\"q\\\\t\\tx"')).toBe('b/a"q\\t\tx');
  });
});
