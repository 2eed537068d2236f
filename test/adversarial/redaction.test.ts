/**
 * Secrets placed where a reader of the output would not look for them (#14, cases 1–7 and 9): as object
 * keys and env names, as a Basic-auth user name, in a source map's `sources` label, next to a neighbour in
 * a map, as undetected copies in context lines, after a percent-escape, in an ignore comment, in a
 * directory name. Each case scans with the real CLI in every format, writes a baseline, merges shard
 * reports, and checks that no output holds 8 consecutive characters of any planted secret.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { describeError } from "../../src/model/errors.js";
import { FORMAT_NAMES } from "../../src/report/index.js";
import { runCli, tempDir } from "../support/cli.js";
import { reportHashOf } from "../support/hashes.js";
import { expectNoSecretLeak } from "../support/leaks.js";
import { CaseLog, type JsonReport, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7014);
const log = new CaseLog("redaction");
afterAll(() => log.write());

/**
 * Writes `files` into a fresh tree, scans it in every format, as a baseline and as merged shards, and
 * checks every output against every secret in `secrets`. Returns the JSON report.
 */
function scanEverywhere(name: string, files: Record<string, string>, secrets: readonly string[]): JsonReport {
  const { dir, cleanup } = tempDir("clientleak-adv-redact-");
  try {
    let inputBytes = 0;
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, "app", file)), { recursive: true });
      writeFileSync(path.join(dir, "app", file), text);
      inputBytes += Buffer.byteLength(text);
    }
    const outputs = new Map<string, string>();
    let report: JsonReport | undefined;
    for (const format of FORMAT_NAMES) {
      const run = log.run(`${name} (${format})`, ["scan", "app", "--format", format], inputBytes, {
        cwd: dir,
      });
      expect(run.status, `${format}: ${run.stderr.slice(0, 300)}`).toBe(1);
      outputs.set(`--format ${format}`, run.stdout + run.stderr);
      if (format === "json") report = parseReport(run);
    }
    const baseline = runCli(["baseline", "create", "app", "-o", "baseline.json"], { cwd: dir });
    expect(baseline.status, baseline.stderr).toBe(0);
    outputs.set("baseline create", baseline.stdout + baseline.stderr);
    outputs.set("baseline file", readFileSync(path.join(dir, "baseline.json"), "utf8"));
    for (const shard of ["1/2", "2/2"]) {
      const run = runCli(["scan", "app", "--format", "json", "--shard", shard, "-o", `s${shard[0]}.json`], {
        cwd: dir,
      });
      outputs.set(`shard ${shard}`, run.stdout + run.stderr);
    }
    for (const format of ["text", "markdown"]) {
      const merged = runCli(["merge", "s1.json", "s2.json", "--format", format], { cwd: dir });
      outputs.set(`merge --format ${format}`, merged.stdout + merged.stderr);
    }
    for (const secret of secrets) {
      for (const [where, text] of outputs) {
        try {
          expectNoSecretLeak(text, secret);
        } catch (error) {
          throw new Error(`${where}: ${(error as Error).message}`);
        }
      }
    }
    return report!;
  } finally {
    cleanup();
  }
}

const found = (report: JsonReport, secret: string) =>
  report.findings.some((finding) => finding.secretHash === reportHashOf(secret));

describe("secrets in names (case 1)", () => {
  it("an object key that is a key: both keys are reported, neither is printed", () => {
    const [oldKey, newKey] = [faker.mbLiveKey(), faker.mbLiveKey()];
    const report = scanEverywhere(
      "object key holding a key",
      { "rotated.js": `export const ROTATED = { "${oldKey}": "${newKey}" };\n` },
      [oldKey, newKey],
    );
    const column = `export const ROTATED = { "${oldKey}": "`.length + 1;
    expect(placesOf(report, newKey)).toEqual([`app/rotated.js:1:${column}`]);
    expect(found(report, oldKey)).toBe(true);
  });

  it("env names, JSON properties and HTML script objects holding keys", () => {
    const keys = [faker.mbLiveKey(), faker.mbLiveKey(), faker.mbLiveKey(), faker.mbLiveKey()];
    const report = scanEverywhere(
      "env name, JSON key, HTML script key",
      {
        ".env": `${keys[0]}=1\n`,
        "public/data.json": `{"${keys[1]}": {"enabled": true}}\n`,
        "public/index.html": `<html><script>var cfg = {"${keys[2]}": "${keys[3]}"};</script></html>\n`,
      },
      keys,
    );
    for (const key of keys) expect(found(report, key), key.slice(0, 14)).toBe(true);
  });
});

describe("Basic credentials (case 2)", () => {
  it("never names the user, and reports a key used as the user name with a filler password", () => {
    const user = faker.mbLiveKey();
    const keyUser = faker.base62(32);
    const basic = Buffer.from(`${user}:unused-password-9`).toString("base64");
    const keyOnly = Buffer.from(`${keyUser}:X`).toString("base64");
    const report = scanEverywhere(
      "Basic credentials with a key as user",
      {
        "api.js": `fetch(u,{headers:{Authorization:"Basic ${basic}"}});\nfetch(v,{headers:{Authorization:"Basic ${keyOnly}"}});\n`,
      },
      [user, basic, keyOnly, keyUser],
    );
    expect(found(report, keyOnly), "KEY:X").toBe(true);
  });
});

describe("source maps (cases 3 and 4)", () => {
  it("a `sources` label with a password is never printed with it", () => {
    const password = faker.password();
    const key = faker.mbLiveKey();
    const map = {
      version: 3,
      sources: [`https://deploy:${password}@git.internal.corp/src/config.js`],
      sourcesContent: [`export const key = "${key}";\nexport const other = 1;\n`],
      names: [],
      mappings: "AAAA",
    };
    scanEverywhere(
      "sources label with userinfo",
      {
        "dist/app.js": `var k="${key}";\n//# sourceMappingURL=app.js.map\n`,
        "dist/app.js.map": JSON.stringify(map),
      },
      [password, key],
    );
  });

  it("a neighbour's secret superseded by its embedded copy stays hidden in the map's snippets", () => {
    const [k1, k2] = [faker.mbLiveKey(), faker.mbLiveKey()];
    const report = scanEverywhere(
      "neighbour in a map snippet",
      {
        "dist/app.js.map": `{"version":3,"sources":["a.js"],"sourcesContent":["${k2}"],"names":["${k1}"],"mappings":""}`,
      },
      [k1, k2],
    );
    expect(found(report, k1) && found(report, k2)).toBe(true);
  });
});

describe("copies no rule reported (case 5)", () => {
  it("a URL-encoded copy on the next line is hidden in the context lines", () => {
    const key = faker.mbLiveKey();
    scanEverywhere(
      "undetected copy in a context line",
      { "link.js": `export const key = "${key}";\nconst url = "https://x.test/?key%3D${key}x";\n` },
      [key],
    );
  });

  it("a key right after a percent-escape is detected", () => {
    const key = faker.mbLiveKey();
    const report = scanEverywhere(
      "key after %22",
      { "state.js": `location.href = "/cb?state=%7B%22k%22%3A%22${key}%22%7D";\n` },
      [key],
    );
    expect(found(report, key)).toBe(true);
  });
});

describe("ignore comments and directory names (cases 6 and 9)", () => {
  it("an ignore comment naming a key as its rule does not echo it", () => {
    const key = faker.mbLiveKey();
    scanEverywhere(
      "key in an ignore comment",
      { "ignored.js": `export const k = "${key}"; // clientleak-ignore ${key} -- rotated\n` },
      [key],
    );
  });

  it("a directory named after a key is not printed in any format or the baseline", () => {
    const dirKey = faker.mbLiveKey();
    const fileKey = faker.mbLiveKey();
    scanEverywhere(
      "directory named after a key",
      { [`${dirKey}/config.js`]: `export const key = "${fileKey}";\n` },
      [dirKey, fileKey],
    );
  });
});

describe("error messages say where, not what (case 7)", () => {
  it("no parser error passes 8 characters of its input through describeError", () => {
    const key = faker.mbLiveKey();
    const texts = [
      `{"a": ${key}}`,
      `"x ${key}`,
      `{"a":1,\n"b":"${key}\n`,
      `['${key}`,
      `{"k": "${key.slice(0, 20)}\n${key.slice(20)}"`,
      `${key}"`,
      `\`${key}`,
      `{"${key}"}`,
    ];
    for (let cut = 0; cut < key.length; cut += 3) texts.push(`{"a": "${key.slice(0, cut)}'${key.slice(cut)}`);
    for (const text of texts) {
      let message = "";
      try {
        JSON.parse(text);
      } catch (error) {
        message = describeError(error);
      }
      expect(message).not.toBe("");
      expectNoSecretLeak(message, key);
    }
    expect(describeError(new Error(`bad value "${key}\nmore`))).not.toContain(key.slice(11, 19));
  });
});
