/**
 * The git modes against real repositories: --staged reads the index (not the working tree), --diff and
 * --since scan what a range changed and tell new lines from existing ones. Repositories and file names
 * carry spaces, unicode and newlines; worktrees and shallow clones are covered.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { parseAddedLines, parseRange } from "../src/walk/git.js";
import { runCli } from "./support/cli.js";
import { createRepo, type GitRepo } from "./support/git-repo.js";

const faker = createFaker(505);
const LIVE_KEY = faker.mbLiveKey();
const OTHER_KEY = faker.mbLiveKey();
const THIRD_KEY = faker.mbLiveKey();

const medblocksFile = (key: string, padding = "") =>
  `${padding}import { Medblocks } from "@medblocks/connect";\nexport const client = new Medblocks("${key}");\n`;

interface JsonOccurrence {
  location: { path: string; start: { line: number; column: number } };
  status?: "new" | "existing";
}
interface JsonReport {
  findings: { ruleId: string; redacted: string; occurrences: JsonOccurrence[] }[];
  diagnostics: { code: string; message: string }[];
}

function scanJson(repo: GitRepo, args: string[]): { status: number; report: JsonReport; stderr: string } {
  const run = runCli(["scan", ...args, "--format", "json"], { cwd: repo.dir });
  return {
    status: run.status,
    report: run.stdout
      ? (JSON.parse(run.stdout) as JsonReport)
      : ({ findings: [], diagnostics: [] } as JsonReport),
    stderr: run.stderr,
  };
}

/** Where the planted keys were found; other rules (the SDK-in-client shape) are not what these tests are about. */
function places(report: JsonReport): string[] {
  return report.findings
    .filter((finding) => finding.ruleId === "medblocks/live-api-key")
    .flatMap((finding) =>
      finding.occurrences.map(
        (o) => `${o.location.path}:${o.location.start.line}${o.status ? ` ${o.status}` : ""}`,
      ),
    )
    .sort();
}

let repo: GitRepo;
afterEach(() => repo?.cleanup());

describe("--staged", () => {
  it("scans the staged blob of a partially staged file, with positions in the staged content", () => {
    repo = createRepo();
    repo.write("src/client.ts", "export {};\n");
    repo.commit("initial");
    repo.write("src/client.ts", medblocksFile(LIVE_KEY, "// staged\n"));
    repo.git("add", "src/client.ts");
    // The working tree then drops the key and shifts every line: the commit would still carry it.
    repo.write("src/client.ts", "// line\n// line\n// line\nexport {};\n");

    const { status, report } = scanJson(repo, ["--staged"]);
    expect(status).toBe(1);
    expect(places(report)).toEqual(["src/client.ts:3"]);
    expect(report.findings[0]!.occurrences[0]!.location.start.column).toBe(38);
  });

  it("passes when only the working tree holds a key and the index is clean", () => {
    repo = createRepo();
    repo.write("a.ts", "export {};\n");
    repo.git("add", "a.ts");
    repo.write("a.ts", medblocksFile(LIVE_KEY));
    const { status, report } = scanJson(repo, ["--staged"]);
    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
  });

  it("reads names with spaces, unicode and newlines, in the first commit of a repository", () => {
    repo = createRepo();
    const names = ["with space.ts", "ünïcødé/日本.ts", "new\nline.ts"];
    for (const [index, name] of names.entries())
      repo.write(name, medblocksFile([LIVE_KEY, OTHER_KEY, THIRD_KEY][index]!));
    repo.git("add", "-A");
    const { status, report } = scanJson(repo, ["--staged"]);
    expect(status).toBe(1);
    expect(places(report)).toEqual(names.map((name) => `${name}:2`).sort());
  });

  it("skips staged deletions and limits itself to the given paths", () => {
    repo = createRepo();
    repo.write("gone.ts", medblocksFile(LIVE_KEY));
    repo.write("web/app.ts", medblocksFile(OTHER_KEY));
    repo.write("server/app.ts", medblocksFile(THIRD_KEY));
    repo.commit("initial");
    repo.git("rm", "-q", "gone.ts");
    repo.write("web/app.ts", medblocksFile(OTHER_KEY, "// touched\n"));
    repo.write("server/app.ts", medblocksFile(THIRD_KEY, "// touched\n"));
    repo.git("add", "-A");
    expect(places(scanJson(repo, ["--staged", "web"]).report)).toEqual(["web/app.ts:3"]);
    expect(places(scanJson(repo, ["--staged"]).report)).toEqual(["server/app.ts:3", "web/app.ts:3"]);
  });

  it("works from a subdirectory and inside a linked worktree", () => {
    repo = createRepo();
    repo.write("README.md", "hello\n");
    repo.commit("initial");
    const worktree = path.join(path.dirname(repo.dir), "worktree é");
    repo.git("worktree", "add", "-q", worktree, "-b", "feature");
    execFileSync("git", ["-C", worktree, "config", "user.email", "t@example.invalid"]);
    repo.write("../worktree é/pkg/a b.ts", medblocksFile(LIVE_KEY));
    execFileSync("git", ["-C", worktree, "add", "-A"]);
    const fromWorktree = runCli(["scan", "--staged", "--format", "json"], { cwd: worktree });
    expect(fromWorktree.status).toBe(1);
    expect(places(JSON.parse(fromWorktree.stdout) as JsonReport)).toEqual(["pkg/a b.ts:2"]);
    const inPkg = runCli(["scan", "--staged", "--format", "json"], { cwd: path.join(worktree, "pkg") });
    expect(places(JSON.parse(inPkg.stdout) as JsonReport)).toEqual(["a b.ts:2"]);
    // diff.relative in the user's config makes git print paths from the subdirectory: same result.
    execFileSync("git", ["-C", worktree, "config", "diff.relative", "true"]);
    const relative = runCli(["scan", "--staged", "--format", "json"], { cwd: path.join(worktree, "pkg") });
    expect(places(JSON.parse(relative.stdout) as JsonReport)).toEqual(["a b.ts:2"]);
  });

  it("says clearly when there is no repository", () => {
    repo = createRepo();
    const outside = path.dirname(repo.dir);
    const run = runCli(["scan", "--staged"], { cwd: outside });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--staged needs a git repository/);
  });
});

describe("--diff and --since", () => {
  /** base: an old key in old.ts; head: a new key added to old.ts, a new file, an untouched leaky file. */
  function prShapedRepo(): { base: string; head: string } {
    repo = createRepo();
    repo.write("old.ts", medblocksFile(LIVE_KEY));
    repo.write("untouched.ts", medblocksFile(THIRD_KEY));
    const base = repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write(
      "old.ts",
      `${medblocksFile(LIVE_KEY)}// more\nexport const second = new Medblocks("${OTHER_KEY}");\n`,
    );
    repo.write("new\nfile é.ts", medblocksFile(OTHER_KEY));
    const head = repo.commit("head");
    return { base, head };
  }

  it("marks findings on added lines new and others existing, and scans only changed files", () => {
    const { base, head } = prShapedRepo();
    const { status, report } = scanJson(repo, ["--diff", `${base}...${head}`]);
    expect(status).toBe(1);
    expect(places(report)).toEqual(["new\nfile é.ts:2 new", "old.ts:2 existing", "old.ts:4 new"]);
  });

  it("fails on existing findings only with --fail-on-existing", () => {
    repo = createRepo();
    repo.write("old.ts", medblocksFile(LIVE_KEY));
    const base = repo.commit("base");
    repo.write("old.ts", `// a harmless edit\n${medblocksFile(LIVE_KEY)}`);
    repo.commit("head");
    const quiet = scanJson(repo, ["--diff", `${base}...HEAD`]);
    expect(places(quiet.report)).toEqual(["old.ts:3 existing"]);
    expect(quiet.status).toBe(0);
    expect(scanJson(repo, ["--diff", `${base}...HEAD`, "--fail-on-existing"]).status).toBe(1);
    expect(scanJson(repo, ["--since", base]).status).toBe(0);
    expect(places(scanJson(repo, ["--since", base]).report)).toEqual(["old.ts:3 existing"]);
  });

  it("uses the merge base for A...B and the commit itself for A..B", () => {
    const { base, head } = prShapedRepo();
    repo.git("checkout", "-q", "main");
    repo.write("main-only.ts", medblocksFile(faker.mbLiveKey()));
    repo.commit("main moves on");
    const symmetric = scanJson(repo, ["--diff", `main...${head}`]).report;
    expect(places(symmetric)).toEqual(["new\nfile é.ts:2 new", "old.ts:2 existing", "old.ts:4 new"]);
    const direct = scanJson(repo, ["--diff", `main..${head}`]).report;
    expect(places(direct)).toContain("old.ts:4 new");
    expect(base).not.toBe(head);
  });

  it("reports a missing base commit in a shallow clone with the fetch-depth fix", () => {
    const { base } = prShapedRepo();
    const origin = repo.dir;
    const clone = path.join(path.dirname(origin), "shallow clone ü");
    execFileSync("git", ["clone", "-q", "--depth", "1", "--branch", "feature", `file://${origin}`, clone]);
    const run = runCli(["scan", "--diff", `${base}...HEAD`], { cwd: clone });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/shallow clone/);
    expect(run.stderr).toMatch(/fetch-depth: 0/);
  });

  it("rejects a range that is not one, and two modes at once", () => {
    repo = createRepo();
    repo.write("a.ts", "export {};\n");
    repo.commit("one");
    expect(runCli(["scan", "--diff", "HEAD"], { cwd: repo.dir }).stderr).toMatch(/not a range/);
    expect(runCli(["scan", "--diff", "nope...HEAD"], { cwd: repo.dir }).stderr).toMatch(
      /commit nope is not in this repository/,
    );
    expect(runCli(["scan", "--staged", "--since", "HEAD"], { cwd: repo.dir }).status).toBe(2);
  });
});

describe("git output parsing", () => {
  it("reads added-line ranges from -U0 hunks, including pure deletions and one-line hunks", () => {
    const patch = [
      "diff --git a/x b/x",
      "--- a/x",
      "+++ b/x",
      "@@ -1,0 +2,3 @@",
      "+a",
      "+b",
      "+c",
      "@@ -9 +12 @@ fn()",
      "-x",
      "+y",
      "@@ -20,2 +22,0 @@",
      "diff --git a/y b/y",
      "Binary files a/y and b/y differ",
      "",
    ].join("\n");
    expect(parseAddedLines(patch)).toEqual([
      [
        [2, 4],
        [12, 12],
      ],
      [],
    ]);
  });

  it("splits ranges", () => {
    expect(parseRange("a...b")).toEqual({ base: "a", head: "b", symmetric: true });
    expect(parseRange("a..b")).toEqual({ base: "a", head: "b", symmetric: false });
    expect(parseRange("...b")).toEqual({ base: "HEAD", head: "b", symmetric: true });
  });
});
