/**
 * vitest globalSetup: build `dist/` from the current sources before any test runs, so the tests that
 * spawn the real CLI (or load the built plugins) always test the edit just made, never yesterday's build.
 * The build is incremental (tsc's build info), so an unchanged tree costs a couple of seconds.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default function buildBeforeTests(): void {
  const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`the build failed, so the tests would run stale code:\n${result.stdout}${result.stderr}`);
  }
}
