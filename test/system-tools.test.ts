/**
 * A fresh machine without the system tools some tests drive (Debian's `pre-commit`): `npm test` must pass
 * there and say what it skipped and why. Runs the real vitest on the pre-commit tests with a PATH that
 * holds only node and git.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "./support/cli.js";
import { missingTool } from "./support/system-tools.js";

let temp: ReturnType<typeof tempDir> | undefined;
afterEach(() => temp?.cleanup());

/** A bin directory with only `node` and `git`, as a machine that never installed pre-commit has. */
function pathWithout(): string {
  temp = tempDir();
  const bin = path.join(temp.dir, "bin");
  mkdirSync(bin);
  symlinkSync(process.execPath, path.join(bin, "node"));
  const git = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
  symlinkSync(git, path.join(bin, "git"));
  return bin;
}

it("the pre-commit tests are skipped with a visible reason when pre-commit is not installed", () => {
  const bin = pathWithout();
  expect(missingTool("pre-commit", { PATH: bin })).toMatch(/pre-commit is not on PATH/);
  const vitest = path.join(REPO_ROOT, "node_modules/vitest/vitest.mjs");
  const run = spawnSync(
    process.execPath,
    [vitest, "run", "test/precommit.test.ts", "--project", "cli", "--reporter", "verbose"],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: bin, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
      encoding: "utf8",
    },
  );
  const output = (run.stdout + run.stderr).replace(/\x1b\[[0-9;]*m/g, "");
  expect(output).not.toMatch(/ENOENT/);
  expect(run.status, output).toBe(0);
  expect(output).toMatch(/skipped: pre-commit is not on PATH/);
  // The install-hook tests need only git and node: they still run.
  expect(output).toMatch(/✓ .*installs a plain git hook/u);
});
