/**
 * The file system as an adversary: unreadable files and directories, symlink loops, links out of the scan
 * roots, a file that disappears between walk and read, a directory named like a file, hostile names, an
 * empty tree and a root that does not exist. Every case runs the real CLI except the vanishing file,
 * which needs the walk and the read pulled apart and so runs the engine in-process.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { scan } from "../../src/engine/scan.js";
import { walkRoots } from "../../src/walk/walker.js";
import { CLI, tempDir } from "../support/cli.js";
import { reportHashOf } from "../support/hashes.js";
import { CaseLog, diagnosticsFor, expectBoundedMemory, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7004);
const log = new CaseLog("filesystem");
afterAll(() => log.write());

const NOBODY = { uid: 65534, gid: 65534 };

function leak(secret: string): string {
  return `export const key = "${secret}";\n`;
}

/** A fresh tree holding `ok.js` (a leak that must always be found) for one case. */
function tree() {
  const { dir, cleanup } = tempDir("clientleak-adv-fs-");
  const secret = faker.mbLiveKey();
  writeFileSync(path.join(dir, "ok.js"), leak(secret));
  return { dir, cleanup, secret };
}

function scanTree(name: string, dir: string, options: { asUser?: typeof NOBODY; root?: string } = {}) {
  const run = log.run(name, ["scan", options.root ?? ".", "--format", "json"], 0, {
    cwd: dir,
    ...(options.asUser ? { asUser: options.asUser } : {}),
  });
  expectBoundedMemory(run, 0, 0);
  return run;
}

/**
 * Root ignores file permissions, so an EACCES case needs an unprivileged user: `nobody` through setpriv,
 * when it exists and can read the built CLI. Otherwise the case is skipped with the reason logged.
 */
function unprivilegedRunner(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const probe = spawnSync("setpriv", [
    `--reuid=${NOBODY.uid}`,
    `--regid=${NOBODY.gid}`,
    "--clear-groups",
    process.execPath,
    "-e",
    `require("fs").accessSync(${JSON.stringify(CLI)}, 4)`,
  ]);
  return probe.status === 0
    ? undefined
    : `running as root and setpriv cannot run the CLI as nobody (${probe.error?.message ?? probe.stderr}); EACCES cannot be produced`;
}
const cannotDropPrivileges = unprivilegedRunner();
if (cannotDropPrivileges) console.warn(`skipping the EACCES cases: ${cannotDropPrivileges}`);

describe("permissions", () => {
  it.skipIf(cannotDropPrivileges !== undefined)(
    "an unreadable file and an unreadable directory are diagnostics; the rest is scanned",
    () => {
      const { dir, cleanup, secret } = tree();
      try {
        writeFileSync(path.join(dir, "locked.js"), leak(faker.mbLiveKey()));
        mkdirSync(path.join(dir, "locked-dir"));
        writeFileSync(path.join(dir, "locked-dir", "inner.js"), leak(faker.mbLiveKey()));
        chmodSync(path.join(dir, "locked.js"), 0o000);
        chmodSync(path.join(dir, "locked-dir"), 0o000);
        chmodSync(dir, 0o755);
        const asUser = process.getuid?.() === 0 ? NOBODY : undefined;
        const run = scanTree("unreadable file and directory (EACCES)", dir, asUser ? { asUser } : {});
        expect(run.status, run.stderr).toBe(1);
        const report = parseReport(run);
        expect(placesOf(report, secret)).toEqual(["ok.js:1:21"]);
        expect(report.findings).toHaveLength(1);
        expect(diagnosticsFor(report, "locked.js").map((d) => [d.code, d.message])).toEqual([
          ["skipped-unreadable", "skipped: cannot read (EACCES)"],
        ]);
        expect(diagnosticsFor(report, "locked-dir").map((d) => d.code)).toEqual(["skipped-unreadable"]);
        expect(run.stderr).toMatch(/locked\.js: .*EACCES/);
      } finally {
        chmodSync(path.join(dir, "locked-dir"), 0o755);
        cleanup();
      }
    },
  );
});

describe("symbolic links are never followed", () => {
  it("a symlink loop ends the walk, with a diagnostic per link", () => {
    const { dir, cleanup, secret } = tree();
    try {
      mkdirSync(path.join(dir, "a"));
      symlinkSync("..", path.join(dir, "a", "up"));
      symlinkSync("self", path.join(dir, "self"));
      const run = scanTree("symlink loop", dir);
      expect(run.status, run.stderr).toBe(1);
      const report = parseReport(run);
      expect(placesOf(report, secret)).toEqual(["ok.js:1:21"]);
      expect(report.diagnostics.filter((d) => d.code === "skipped-symlink").map((d) => d.path)).toEqual([
        "a/up",
        "self",
      ]);
    } finally {
      cleanup();
    }
  });

  it("a symlink to a directory outside the roots is not followed: its leak is never read", () => {
    const outside = tempDir("clientleak-adv-outside-");
    const { dir, cleanup, secret } = tree();
    try {
      const outsideSecret = faker.mbLiveKey();
      writeFileSync(path.join(outside.dir, "elsewhere.js"), leak(outsideSecret));
      symlinkSync(outside.dir, path.join(dir, "linked-dir"));
      symlinkSync(path.join(outside.dir, "elsewhere.js"), path.join(dir, "linked.js"));
      const run = scanTree("symlinks out of the scan root", dir);
      const report = parseReport(run);
      expect(placesOf(report, secret)).toEqual(["ok.js:1:21"]);
      expect(placesOf(report, outsideSecret)).toEqual([]);
      expect(report.diagnostics.filter((d) => d.code === "skipped-symlink").map((d) => d.path)).toEqual([
        "linked-dir",
        "linked.js",
      ]);
    } finally {
      cleanup();
      outside.cleanup();
    }
  });
});

describe("odd entries", () => {
  it("a file deleted between walk and read is a diagnostic, not a crash", async () => {
    const { dir, cleanup, secret } = tree();
    try {
      writeFileSync(path.join(dir, "vanishing.js"), leak(faker.mbLiveKey()));
      const result = await scan({
        paths: ["."],
        cwd: dir,
        jobs: 1,
        collect: async (settings) => {
          const walked = await walkRoots(settings);
          unlinkSync(path.join(dir, "vanishing.js"));
          return walked;
        },
      });
      expect(
        result.findings.map((finding) => [
          finding.secretHash,
          finding.occurrences.map((o) => o.location.path),
        ]),
      ).toEqual([[reportHashOf(secret), ["ok.js"]]]);
      expect(
        result.diagnostics.filter((d) => d.path === "vanishing.js").map((d) => [d.code, d.message]),
      ).toEqual([["skipped-unreadable", "skipped: cannot read (ENOENT)"]]);
    } finally {
      cleanup();
    }
  });

  it("a directory named x.js is walked, not read as a file", () => {
    const { dir, cleanup, secret } = tree();
    try {
      const inner = faker.mbLiveKey();
      mkdirSync(path.join(dir, "x.js"));
      writeFileSync(path.join(dir, "x.js", "inner.js"), leak(inner));
      const run = scanTree("directory named x.js", dir);
      const report = parseReport(run);
      expect(placesOf(report, inner)).toEqual(["x.js/inner.js:1:21"]);
      expect(placesOf(report, secret)).toEqual(["ok.js:1:21"]);
      expect(report.diagnostics).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("names with spaces, newlines, unicode and shell characters are scanned and reported exactly", () => {
    const { dir, cleanup, secret } = tree();
    try {
      const names = ["with space.js", "new\nline.js", "ünï cødé 𝒳.js", "$(echo pwned);`x`.js", "-rf.js"];
      const secrets = names.map((name) => {
        const key = faker.mbLiveKey();
        writeFileSync(path.join(dir, name), leak(key));
        return key;
      });
      const run = scanTree("names with spaces, newlines, unicode, shell characters", dir);
      expect(run.status, run.stderr).toBe(1);
      const report = parseReport(run);
      expect(placesOf(report, secret)).toEqual(["ok.js:1:21"]);
      expect(names.map((_, index) => placesOf(report, secrets[index]!))).toEqual(
        names.map((name) => [`${name}:1:21`]),
      );
      const github = log.run("hostile names, github format", ["scan", ".", "--format", "github"], 0, {
        cwd: dir,
      });
      // A newline in a name must not start a second workflow command.
      expect(github.stdout.split("\n").filter((line) => line.startsWith("::"))).toHaveLength(
        names.length + 1,
      );
      expect(github.stdout).toContain("file=new%0Aline.js");
    } finally {
      cleanup();
    }
  });

  it("an empty directory scans clean: exit 0", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-empty-");
    try {
      mkdirSync(path.join(dir, "empty"));
      const run = scanTree("empty directory", dir, { root: "empty" });
      expect(run.status, run.stderr).toBe(0);
      expect(parseReport(run).stats.filesScanned).toBe(0);
    } finally {
      cleanup();
    }
  });

  it("a root that does not exist is a usage error naming it: exit 2", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-missing-");
    try {
      const run = scanTree("root that does not exist", dir, { root: "no/such/dir" });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/no\/such\/dir: no such file or directory/);
    } finally {
      cleanup();
    }
  });
});
