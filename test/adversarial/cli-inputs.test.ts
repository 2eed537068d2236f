/**
 * What the CLI takes besides the scanned files (#14, cases 9 and 14–18): shard reports given to `merge`,
 * the hook file `install-hook` writes, source-map names that would make the output probe the disk,
 * config keys and report titles that carry terminal escapes or workflow commands, and `--jobs`.
 */
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { REPO_ROOT, runCli, tempDir } from "../support/cli.js";
import { expectNoSecretLeak } from "../support/leaks.js";
import { CaseLog } from "./harness.js";

const faker = createFaker(7018);
const log = new CaseLog("cli-inputs");
afterAll(() => log.write());

/** Two shard reports of a tree that leaks `secret`, scanned with `extra` flags. */
function shardReports(dir: string, secret: string, extra: string[] = []): string[] {
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "app", "a.js"), `export const key = "${secret}";\n`);
  writeFileSync(path.join(dir, "app", "b.js"), `export const again = "${secret}";\n`);
  const files: string[] = [];
  for (const shard of ["1/2", "2/2"]) {
    const file = `shard-${shard[0]}.json`;
    const run = runCli(["scan", "app", "--format", "json", "--shard", shard, "-o", file, ...extra], {
      cwd: dir,
    });
    expect([0, 1], run.stderr).toContain(run.status);
    files.push(file);
  }
  return files;
}

describe("merge validates its reports like a config (case 14)", () => {
  it("a bad failOn, a made-up severity or a malformed occurrence: exit 2 naming the key path", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-merge-");
    try {
      const [first] = shardReports(dir, faker.mbLiveKey());
      const report = JSON.parse(readFileSync(path.join(dir, first!), "utf8"));
      const index = report.findings.length > 0 ? 0 : -1;
      const variants: [string, (copy: typeof report) => void, RegExp][] = [
        ["failOn", (copy) => (copy.failOn = "bogus"), /report\.failOn: not one of critical/],
        [
          "severity",
          (copy) => {
            copy.findings = [{ ...(report.findings.at(index) ?? {}), severity: "catastrophic" }];
          },
          /report\.findings\[0\]\.severity: not one of critical/,
        ],
        [
          "occurrence",
          (copy) => {
            copy.findings = [{ ...(report.findings.at(index) ?? {}), occurrences: [{ location: 7 }] }];
          },
          /report\.findings\[0\]\.occurrences\[0\]\.location: not an object/,
        ],
      ];
      for (const [name, change, expected] of variants) {
        const copy = structuredClone(report);
        change(copy);
        writeFileSync(path.join(dir, `bad-${name}.json`), JSON.stringify(copy));
        for (const format of ["text", "github"]) {
          const run = runCli(["merge", `bad-${name}.json`, "--format", format], { cwd: dir });
          expect(run.status, `${name}: ${run.stderr}`).toBe(2);
          expect(run.stderr).toMatch(expected);
          expect(run.stderr).not.toMatch(/\n\s+at /);
          expect(run.stdout).not.toContain("::undefined");
        }
      }
    } finally {
      cleanup();
    }
  });
});

describe("merge of --show-secrets shards (case 9)", () => {
  it("redacts unless merge is asked to show secrets too", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-merge-");
    const secret = faker.mbLiveKey();
    try {
      const files = shardReports(dir, secret, ["--show-secrets"]);
      for (const format of ["text", "json", "github", "markdown", "sarif"]) {
        const run = runCli(["merge", ...files, "--format", format], { cwd: dir });
        expect(run.status, run.stderr).toBe(1);
        expectNoSecretLeak(run.stdout + run.stderr, secret);
      }
      const shown = runCli(["merge", ...files, "--format", "json", "--show-secrets"], { cwd: dir });
      expect(shown.stdout).toContain(secret);
    } finally {
      cleanup();
    }
  });
});

describe("install-hook writes only regular files (case 15)", () => {
  it("refuses a .husky/pre-commit that links outside the repository", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-hook-");
    try {
      const repo = path.join(dir, "repo");
      mkdirSync(path.join(repo, ".husky"), { recursive: true });
      execFileSync("git", ["init", "-q", repo]);
      const victim = path.join(dir, "victim");
      writeFileSync(victim, "precious\n", { mode: 0o600 });
      symlinkSync("../../victim", path.join(repo, ".husky", "pre-commit"));
      const run = runCli(["install-hook"], { cwd: repo });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/symbolic link/);
      expect(readFileSync(victim, "utf8")).toBe("precious\n");
      expect(statSync(victim).mode & 0o777).toBe(0o600);
      expect(lstatSync(path.join(repo, ".husky", "pre-commit")).isSymbolicLink()).toBe(true);
    } finally {
      cleanup();
    }
  });
});

describe("map sources are labels, never probed outside the tree (case 16)", () => {
  it("a map naming /etc/passwd does not make it the primary location", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-probe-");
    const secret = faker.mbLiveKey();
    try {
      mkdirSync(path.join(dir, "dist"));
      writeFileSync(
        path.join(dir, "dist", "app.js"),
        `var k="${secret}";\n//# sourceMappingURL=app.js.map\n`,
      );
      const map = {
        version: 3,
        sources: ["../../../../../../../../etc/passwd"],
        names: [],
        mappings: "AAAA,QAAQ",
      };
      writeFileSync(path.join(dir, "dist", "app.js.map"), JSON.stringify(map));
      const run = log.run("map source ../../etc/passwd", ["scan", "dist", "--format", "json"], 0, {
        cwd: dir,
      });
      expect(run.status, run.stderr).toBe(1);
      const occurrences = (
        JSON.parse(run.stdout) as {
          findings: { occurrences: { original?: { path: string }; originalInRepository?: boolean }[] }[];
        }
      ).findings.flatMap((finding) => finding.occurrences);
      expect(occurrences.some((o) => o.original?.path.endsWith("etc/passwd"))).toBe(true);
      expect(occurrences.some((o) => o.originalInRepository)).toBe(false);
      const sarif = runCli(["scan", "dist", "--format", "sarif"], { cwd: dir });
      const uris = [...sarif.stdout.matchAll(/"uri":\s*"([^"]*)"/g)].map((m) => m[1]);
      expect(uris.every((uri) => !uri!.includes("etc/passwd")) || !sarif.stdout.includes('"primary')).toBe(
        true,
      );
    } finally {
      cleanup();
    }
  });
});

describe("injection (case 17)", () => {
  const forged = "\n::error file=README.md,line=1::forged\u001b[31mred\u202e";

  it("a config key holding a workflow command and ANSI escapes is printed inert", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-inject-");
    try {
      mkdirSync(path.join(dir, "app"));
      writeFileSync(path.join(dir, "app", "clientleak.config.json"), JSON.stringify({ [forged]: 1 }));
      const run = runCli(["scan", "app"], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/invalid config/);
      expect(run.stderr).not.toMatch(/^::error/m);
      expect(run.stderr).not.toContain("\u001b");
      expect(run.stderr).not.toContain("\u202e");
    } finally {
      cleanup();
    }
  });

  it("merge prints report titles and paths inert, in text, github and markdown", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-inject-");
    try {
      const both = shardReports(dir, faker.mbLiveKey());
      const pick = JSON.parse(readFileSync(path.join(dir, both[0]!), "utf8")).findings.length
        ? both[0]!
        : both[1]!;
      const report = JSON.parse(readFileSync(path.join(dir, pick), "utf8"));
      report.findings[0].title = `title${forged}`;
      report.findings[0].message = `message${forged}`;
      report.findings[0].occurrences[0].location.path = `src/${forged}.js`;
      writeFileSync(path.join(dir, "forged.json"), JSON.stringify(report));
      for (const format of ["text", "github", "markdown"]) {
        const run = runCli(["merge", "forged.json", "--format", format], { cwd: dir });
        expect(run.status, run.stderr).toBe(1);
        const out = run.stdout + run.stderr;
        expect(out, format).not.toMatch(/^::error file=README/m);
        expect(out, format).not.toContain("\u001b");
        expect(out, format).not.toContain("\u202e");
      }
    } finally {
      cleanup();
    }
  });
});

describe("--jobs (case 18)", () => {
  it("never starts more workers than there are cores", async () => {
    // The built module: under vitest the TypeScript one never starts a pool at all.
    const built = path.join(REPO_ROOT, "dist/src/engine/pool/policy.js");
    const { workerCount } = (await import(built)) as typeof import("../../src/engine/pool/policy.js");
    const count = workerCount({ jobs: 200, fileCount: 300, totalBytes: 1 << 30, callerRules: false });
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(availableParallelism());
  });

  it("an unwritable -o fails before the scan, as a usage error", () => {
    const { dir, cleanup } = tempDir("clientleak-adv-out-");
    try {
      mkdirSync(path.join(dir, "app"));
      writeFileSync(path.join(dir, "app", "a.js"), "var a = 1;\n");
      const run = runCli(["scan", "app", "-o", "no/such/dir/report.json"], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/cannot write the report/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      cleanup();
    }
  });
});
