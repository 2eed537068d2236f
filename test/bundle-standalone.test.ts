import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";

/**
 * The pre-commit hook and the Action run action/dist/cli.mjs from a checkout of this repository, where no
 * node_modules exists: every dependency, the lazily loaded parser included, must be inside the bundle.
 */
describe("the committed CLI bundle, run where no node_modules exists", () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it("understands JavaScript exactly as the built CLI does", () => {
    const bundle = path.join(temp.dir, "cli.mjs");
    copyFileSync(path.join(REPO_ROOT, "action/dist/cli.mjs"), bundle);
    const args = [
      "scan",
      "fixtures/js-forms",
      "--config",
      "fixtures/js-forms/clientleak.config.json",
      "-f",
      "json",
    ];
    const standalone = spawnSync(process.execPath, [bundle, ...args], { cwd: REPO_ROOT, encoding: "utf8" });
    const built = runCli(args);
    const ids = (stdout: string) =>
      JSON.parse(stdout)
        .findings.map((finding: { fingerprint: string }) => finding.fingerprint)
        .sort();
    expect(standalone.stderr).not.toContain("Cannot find module");
    expect(ids(standalone.stdout)).toEqual(ids(built.stdout));
    expect(ids(built.stdout).length).toBeGreaterThan(10);
  });
});
