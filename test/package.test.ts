/**
 * First contact: what a user installs and copies from the README. The manifest has no install-time
 * scripts (npm 11 warns about them on every consumer install), the licence it names ships, and every
 * snippet names a ref that exists in this repository.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/cli.js";

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("package.json and LICENSE", () => {
  it("builds in prepack, never at install time", () => {
    for (const script of ["preinstall", "install", "postinstall", "prepare"]) {
      expect(manifest.scripts[script], script).toBeUndefined();
    }
    expect(manifest.scripts.prepack).toBe("npm run build");
  });

  it("ships the MIT licence package.json names", () => {
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License\n/);
    const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(pack.status, pack.stderr).toBe(0);
    const files = JSON.parse(pack.stdout)[0].files.map((file: { path: string }) => file.path);
    expect(files).toContain("LICENSE");
    expect(files).toContain("dist/src/cli/main.js");
  });
});

describe("README snippets", () => {
  it("shows how to install clientleak into a project and run it", () => {
    expect(readme).toContain("npm i -D clientleak");
    expect(readme).toContain("npx clientleak scan dist");
    // The quick start builds: npm ci runs no install scripts.
    expect(readme).toContain("npm ci && npm run build && node dist/src/cli/main.js scan fixtures/demo");
  });

  it("names only refs of this repository that exist (pre-commit rev, Action uses)", () => {
    const revs = [...readme.matchAll(/^\s+rev: (\S+)/gm)].map((match) => match[1]!);
    const uses = [...readme.matchAll(/uses: clientleak\/clientleak@(\S+)/g)].map((match) => match[1]!);
    expect(revs.length).toBeGreaterThan(0);
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of new Set([...revs, ...uses])) {
      const known = [ref, `origin/${ref}`].some(
        (name) =>
          spawnSync("git", ["rev-parse", "--verify", "--quiet", `${name}^{commit}`], { cwd: REPO_ROOT })
            .status === 0,
      );
      expect(known, `${ref} is not a branch, tag or commit of this repository`).toBe(true);
    }
  });
});
