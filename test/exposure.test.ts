/**
 * Severity by where the value lives (#15 item 4), in a real git repository through the real CLI: a
 * server-only key in a git-ignored or untracked .env is not a client leak; in a tracked file it is a
 * repository leak; behind a public prefix or in client code it is the critical client leak. Every format
 * says which case.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { gitFileStates } from "../src/walk/git.js";
import { runCli } from "./support/cli.js";
import { createRepo, type GitRepo } from "./support/git-repo.js";
import { expectNoSecretLeak } from "./support/leaks.js";

const faker = createFaker(4004);
const KEY = faker.mbLiveKey();

let repo: GitRepo;
afterEach(() => repo?.cleanup());

interface JsonFinding {
  ruleId: string;
  severity: string;
  exposure?: { case: string; summary: string };
}

function scan(args: string[] = []) {
  const run = runCli(["scan", ".", "--format", "json", ...args], { cwd: repo.dir });
  return { status: run.status, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings };
}

/** A repository whose .gitignore ignores `.env`, with a first commit. */
function backendRepo(): void {
  repo = createRepo();
  repo.write(".gitignore", ".env\n");
  repo.write("README.md", "portal\n");
  repo.commit("init");
}

describe("a server-only key in a file git does not track", () => {
  it("git-ignored .env: info, not a client leak, and the scan passes", () => {
    backendRepo();
    repo.write(".env", `MEDBLOCKS_API_KEY=${KEY}\n`);
    const { status, findings } = scan();
    expect(findings.map((f) => [f.ruleId, f.severity, f.exposure?.case])).toEqual([
      ["medblocks/live-api-key", "info", "local"],
    ]);
    expect(findings[0]!.exposure!.summary).toBe(
      "not a client leak: a server-only value in .env (git ignores it), which does not ship to the browser",
    );
    expect(status).toBe(0);
  });

  it("untracked, not ignored: info too, and says git does not track it", () => {
    backendRepo();
    repo.write("server/.env.local", `MEDBLOCKS_API_KEY=${KEY}\n`);
    const [finding] = scan().findings;
    expect(finding?.severity).toBe("info");
    expect(finding?.exposure?.summary).toContain("server/.env.local (git does not track it)");
  });

  it("every format says which case", () => {
    backendRepo();
    repo.write(".env", `MEDBLOCKS_API_KEY=${KEY}\n`);
    for (const format of ["text", "sarif", "github", "markdown"]) {
      const run = runCli(["scan", ".", "--format", format], { cwd: repo.dir });
      expect(run.stdout, format).toMatch(/not a client leak/i);
      expectNoSecretLeak(run.stdout, KEY);
    }
    const sarif = JSON.parse(runCli(["scan", ".", "--format", "sarif"], { cwd: repo.dir }).stdout);
    expect(sarif.runs[0].results[0].properties.exposure).toBe("local");
    expect(sarif.runs[0].results[0].level).toBe("note");
  });
});

describe("a server-only key in a tracked file", () => {
  it("is a repository leak with its own message and remediation, at most high", () => {
    backendRepo();
    repo.write(".env.production", `MEDBLOCKS_API_KEY=${KEY}\n`);
    repo.commit("add production env");
    const run = runCli(["scan", "."], { cwd: repo.dir });
    expect(run.stdout).toContain("[HIGH] Medblocks production API key");
    expect(run.stdout).toContain(
      "exposure   repository leak: tracked by git in .env.production; not shipped to the browser",
    );
    expect(run.stdout).toContain("git history keeps every committed copy");
    expect(run.status).toBe(1);
  });

  it("staged counts as tracked", () => {
    backendRepo();
    repo.write("server/config.ts", `export const key = "${KEY}";\n`);
    repo.git("add", "server/config.ts");
    expect(scan().findings.map((f) => f.exposure?.case)).toEqual(["repository"]);
  });
});

describe("a key that reaches the browser stays critical", () => {
  it("behind a public prefix, even in an ignored file", () => {
    backendRepo();
    repo.write(".env", `VITE_MEDBLOCKS_API_KEY=${KEY}\n`);
    const { status, findings } = scan();
    expect(findings.map((f) => [f.severity, f.exposure?.summary])).toEqual([
      ["critical", "client leak: behind a public env prefix, the bundler publishes it"],
    ]);
    expect(status).toBe(1);
  });

  it("in client code, whatever else holds a copy", () => {
    backendRepo();
    repo.write(".env", `MEDBLOCKS_API_KEY=${KEY}\n`);
    repo.write("src/api.ts", `export const key = "${KEY}";\n`);
    expect(scan().findings.map((f) => [f.severity, f.exposure?.summary])).toEqual([
      ["critical", "client leak: in client code"],
    ]);
  });
});

describe("gitFileStates", () => {
  it("asks git twice for any number of files, and says nothing outside a repository", () => {
    backendRepo();
    repo.write(".env", "A=1\n");
    repo.write("new.txt", "x\n");
    const states = gitFileStates(repo.dir, ["README.md", ".env", "new.txt", "../elsewhere"]);
    expect(Object.fromEntries(states!)).toEqual({
      "README.md": "tracked",
      ".env": "ignored",
      "new.txt": "untracked",
      "../elsewhere": "untracked",
    });
    expect(gitFileStates("/", ["etc/hosts"])).toBeUndefined();
  });
});
