/**
 * The commit-time guards for real: the `pre-commit` framework (the Debian/pip tool, not a stand-in)
 * installing this repository's .pre-commit-hooks.yaml, and `clientleak install-hook` for plain git and
 * husky. Each blocks a commit that adds a live key and lets a clean one through.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { HUSKY_LINE } from "../src/cli/commands/install-hook.js";
import { CLI, REPO_ROOT, runCli, tempDir } from "./support/cli.js";
import { createRepo, type GitRepo } from "./support/git-repo.js";
import { missingTool, titleUnless } from "./support/system-tools.js";

const faker = createFaker(4242);
const leaky = () =>
  `import { Medblocks } from "@medblocks/connect";\nexport const mb = new Medblocks("${faker.mbLiveKey()}");\n`;

let repo: GitRepo;
let temp: ReturnType<typeof tempDir>;
afterEach(() => {
  repo?.cleanup();
  temp?.cleanup();
});

/** A blocked commit says so, why, how to mark a false positive, and what --no-verify costs. */
function expectCommitBlockedHeadline(output: string, place: string) {
  expect(output).toContain(
    `clientleak: COMMIT BLOCKED: 3 findings at or above "low" in what is being committed (first: medblocks/live-api-key in ${place}).`,
  );
  expect(output).toContain("// clientleak-ignore medblocks/live-api-key -- <why it is safe>");
  expect(output).toMatch(/`git commit --no-verify` skips this check[\s\S]*revoking it and rewriting history/);
}

function commit(cwd: string, env: NodeJS.ProcessEnv, message: string) {
  return spawnSync("git", ["commit", "-m", message], { cwd, env, encoding: "utf8" });
}

/** This repository as it is on disk (tracked and new files), committed into a temp repo pre-commit can clone. */
function snapshotThisRepository(into: string): string {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  })
    .split("\0")
    .filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
  for (const file of files) {
    const target = path.join(into, file);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, file), target);
    chmodSync(target, statSync(path.join(REPO_ROOT, file)).mode & 0o777);
  }
  const git = (...args: string[]) => execFileSync("git", args, { cwd: into, encoding: "utf8" });
  git("init", "-q");
  git("add", "-A");
  git(
    "-c",
    "user.email=t@example.invalid",
    "-c",
    "user.name=t",
    "-c",
    "commit.gpgsign=false",
    "commit",
    "-q",
    "-m",
    "snapshot",
  );
  return git("rev-parse", "HEAD").trim();
}

const noPreCommit = missingTool("pre-commit");

describe.skipIf(noPreCommit !== undefined)(
  titleUnless("pre-commit framework with .pre-commit-hooks.yaml", noPreCommit),
  () => {
    it("blocks a commit that adds a live key and lets a clean commit through", () => {
      temp = tempDir();
      const hookRepo = path.join(temp.dir, "hook repo");
      mkdirSync(hookRepo);
      const rev = snapshotThisRepository(hookRepo);
      repo = createRepo();
      const env = { ...process.env, PRE_COMMIT_HOME: path.join(temp.dir, "pre-commit home"), NO_COLOR: "1" };
      repo.write(
        ".pre-commit-config.yaml",
        `repos:\n  - repo: ${JSON.stringify(hookRepo)}\n    rev: ${rev}\n    hooks:\n      - id: clientleak\n`,
      );
      repo.git("add", ".pre-commit-config.yaml");
      execFileSync("pre-commit", ["install"], { cwd: repo.dir, env });

      repo.write("src/app file é.ts", leaky());
      repo.git("add", "-A");
      const blocked = commit(repo.dir, env, "add a key");
      expect(blocked.status).not.toBe(0);
      expect(blocked.stdout + blocked.stderr).toMatch(/medblocks\/live-api-key/);
      expect(blocked.stdout + blocked.stderr).not.toMatch(/mb_sk_live_[A-Za-z0-9]{20}/);
      expectCommitBlockedHeadline(blocked.stdout + blocked.stderr, "src/app file é.ts:2");

      repo.write("src/app file é.ts", 'export const api = "/api/session";\n');
      repo.git("add", "-A");
      const clean = commit(repo.dir, env, "call the backend instead");
      expect(clean.stdout + clean.stderr).toMatch(/clientleak \(credentials in client-side code\)\.+Passed/);
      expect(clean.status).toBe(0);
      expect(repo.git("log", "--format=%s")).toBe("call the backend instead\n");
    });
  },
);

describe("clientleak install-hook", () => {
  /** A `clientleak` on PATH, as a global or npx install gives the hook. */
  function pathWithClientleak(): NodeJS.ProcessEnv {
    const bin = path.join(temp.dir, "bin");
    mkdirSync(bin);
    writeFileSync(
      path.join(bin, "clientleak"),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`,
    );
    chmodSync(path.join(bin, "clientleak"), 0o755);
    return { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, NO_COLOR: "1" };
  }

  it("installs a plain git hook that scans the staged content, idempotently", () => {
    temp = tempDir();
    repo = createRepo();
    const env = pathWithClientleak();
    const first = runCli(["install-hook"], { cwd: repo.dir });
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/installed: \.git\/hooks\/pre-commit/);
    const hook = path.join(repo.dir, ".git/hooks/pre-commit");
    const installed = readFileSync(hook, "utf8");
    expect(installed).toContain("clientleak scan --staged");
    expect(runCli(["install-hook"], { cwd: repo.dir }).stderr).toMatch(/already installed/);
    expect(readFileSync(hook, "utf8")).toBe(installed);

    repo.write("a.ts", leaky());
    repo.git("add", "a.ts");
    // The working tree no longer has the key; the staged blob does, and that is what would be committed.
    repo.write("a.ts", "export {};\n");
    const blocked = commit(repo.dir, env, "leak");
    expect(blocked.status).toBe(1);
    // git sends a hook's stdout to stderr.
    expect(blocked.stderr).toMatch(/medblocks\/live-api-key/);
    expectCommitBlockedHeadline(blocked.stderr, "a.ts:2");
    repo.git("add", "a.ts");
    expect(commit(repo.dir, env, "clean").status).toBe(0);
  });

  it("never replaces a foreign hook without --force, and keeps a copy when forced", () => {
    temp = tempDir();
    repo = createRepo();
    const hook = path.join(repo.dir, ".git/hooks/pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho team hook\n");
    const refused = runCli(["install-hook"], { cwd: repo.dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/not written by clientleak/);
    expect(readFileSync(hook, "utf8")).toBe("#!/bin/sh\necho team hook\n");
    const forced = runCli(["install-hook", "--force"], { cwd: repo.dir });
    expect(forced.status).toBe(0);
    expect(readFileSync(`${hook}.bak`, "utf8")).toBe("#!/bin/sh\necho team hook\n");
    expect(readFileSync(hook, "utf8")).toContain("clientleak scan --staged");
  });

  it("adds the line to .husky/pre-commit when the repository uses husky, once", () => {
    temp = tempDir();
    repo = createRepo();
    repo.write(".husky/pre-commit", "npx lint-staged");
    const sub = path.join(repo.dir, "packages/web");
    mkdirSync(sub, { recursive: true });
    expect(runCli(["install-hook"], { cwd: sub }).stderr).toMatch(/added to husky/);
    expect(runCli(["install-hook"], { cwd: sub }).stderr).toMatch(/already installed/);
    expect(readFileSync(path.join(repo.dir, ".husky/pre-commit"), "utf8")).toBe(
      `npx lint-staged\n${HUSKY_LINE}\n`,
    );
    expect(existsSync(path.join(repo.dir, ".git/hooks/pre-commit"))).toBe(false);
  });
});
