/**
 * The redaction audit: a secret planted for every rule (its first positive example), then every way the
 * tool can speak — each output format, the report file, the baseline file, the Action's annotations, job
 * summary, SARIF file and outputs, diagnostics and progress on stderr, stage timing, `explain`, `merge`,
 * and the error messages of a broken config and a broken source map that both quote a secret. None of it
 * may hold a raw secret or any 8-character run of one's body. `--show-secrets` is the one exception and is
 * tested as one.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { FORMAT_NAMES } from "../src/report/index.js";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";
import { reportHashOf } from "./support/hashes.js";
import { expectNoSecretLeak } from "./support/leaks.js";

const ACTION = path.join(REPO_ROOT, "dist/src/action/main.js");

/** Every rule's first positive example, each in its own directory under the path the example names. */
const planted = allRules.map((rule, index) => {
  const example = rule.examples.positive[0]!;
  return {
    ruleId: rule.id,
    secret: example.secret,
    // A client-scope rule reports a code shape (an SDK package, a verification call, an env name): its
    // value is code the report must show to be useful, not a credential, so it is planted but not audited.
    credential: rule.scope !== "client",
    file: path.posix.join(`r${String(index).padStart(2, "0")}`, example.path ?? "src/example.js"),
    text: example.text,
  };
});
/** `explain <id>` output per rule: it prints the rule's own examples, which must come out redacted. */
const explained = new Map<string, string>();

/** Everything the tool wrote anywhere, by where it came from. */
const outputs = new Map<string, string>();
let tree: { dir: string; cleanup(): void };

function keep(
  name: string,
  run: { status: number; stdout: string; stderr: string },
  expectedStatus: number,
): void {
  outputs.set(`${name} (stdout)`, run.stdout);
  outputs.set(`${name} (stderr)`, run.stderr);
  expect(run.status, `${name}: ${run.stderr.slice(0, 400)}`).toBe(expectedStatus);
}

function keepFile(name: string, file: string): void {
  outputs.set(name, readFileSync(file, "utf8"));
}

beforeAll(() => {
  tree = tempDir("clientleak-audit-");
  const { dir } = tree;
  for (const { file, text } of planted) {
    mkdirSync(path.dirname(path.join(dir, "app", file)), { recursive: true });
    writeFileSync(path.join(dir, "app", file), text);
  }
  const scan = (args: string[], env?: NodeJS.ProcessEnv) =>
    runCli(["scan", "app", ...args], { cwd: dir, ...(env ? { env } : {}) });

  for (const format of FORMAT_NAMES)
    keep(`scan --format ${format}`, scan(["--format", format, "--progress"]), 1);
  keep("scan -o report.sarif", scan(["--format", "sarif", "-o", "report.sarif"]), 1);
  keepFile("report file report.sarif", path.join(dir, "report.sarif"));
  keep(
    "scan with CLIENTLEAK_TIMING",
    scan(["--format", "text"], { CLIENTLEAK_TIMING: path.join(dir, "timing.json") }),
    1,
  );
  keepFile("CLIENTLEAK_TIMING file", path.join(dir, "timing.json"));

  keep("baseline create", runCli(["baseline", "create", "app", "-o", "baseline.json"], { cwd: dir }), 0);
  for (const name of readdirSync(dir).filter((entry) => entry.includes("baseline")))
    keepFile(`baseline file ${name}`, path.join(dir, name));

  for (const shard of ["1/2", "2/2"])
    keep(
      `scan --shard ${shard}`,
      scan(["--format", "json", "--shard", shard, "-o", `shard-${shard[0]}.json`]),
      1,
    );
  for (const format of ["text", "json"])
    keep(
      `merge --format ${format}`,
      runCli(["merge", "shard-1.json", "shard-2.json", "--format", format], { cwd: dir }),
      1,
    );

  for (const { ruleId } of planted) {
    const run = runCli(["explain", ruleId], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    explained.set(ruleId, run.stdout + run.stderr);
  }

  // Error paths that see a secret: parsers quote the text they choke on, validators name bad values.
  const [first, second] = planted.filter(({ credential }) => credential).map(({ secret }) => secret);
  mkdirSync(path.join(dir, "broken-config"));
  writeFileSync(
    path.join(dir, "broken-config", "clientleak.config.json"),
    `{"allow": {"secrets": [${first}]}}`,
  );
  keep("config that is not JSON", runCli(["scan", "broken-config"], { cwd: dir }), 2);
  mkdirSync(path.join(dir, "raw-allow"));
  writeFileSync(
    path.join(dir, "raw-allow", "clientleak.config.json"),
    JSON.stringify({ allow: { secrets: [first, second] } }),
  );
  keep("config allowing a raw secret", runCli(["scan", "raw-allow"], { cwd: dir }), 2);
  mkdirSync(path.join(dir, "broken-map"));
  writeFileSync(path.join(dir, "broken-map", "app.js"), "console.log(1);\n//# sourceMappingURL=app.js.map\n");
  writeFileSync(
    path.join(dir, "broken-map", "app.js.map"),
    `{"version":3,"sources":["a.js"],"sourcesContent":[${second}],"mappings":""}`,
  );
  for (const format of ["text", "json"])
    keep(
      `source map that is not JSON, --format ${format}`,
      runCli(["scan", "broken-map", "--format", format], { cwd: dir }),
      1,
    );

  const action = spawnSync(process.execPath, [ACTION], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GITHUB_WORKSPACE: dir,
      GITHUB_EVENT_NAME: "push",
      GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
      GITHUB_OUTPUT: path.join(dir, "outputs.txt"),
      INPUT_PATH: "app",
      "INPUT_SARIF-FILE": "action.sarif",
      INPUT_ANNOTATIONS: "true",
    },
  });
  keep("action", { status: action.status ?? -1, stdout: action.stdout, stderr: action.stderr }, 1);
  for (const file of ["summary.md", "outputs.txt", "action.sarif"])
    keepFile(`action ${file}`, path.join(dir, file));
}, 300_000);

afterAll(() => tree?.cleanup());

describe("redaction audit", () => {
  it("plants a secret that is found for every rule, so the audit covers them all", () => {
    const report = JSON.parse(outputs.get("scan --format json (stdout)")!) as {
      findings: { ruleId: string; secretHash: string }[];
    };
    const foundHashes = new Set(report.findings.map((finding) => finding.secretHash));
    const missed = planted
      .filter(({ secret }) => !foundHashes.has(reportHashOf(secret)))
      .map(({ ruleId }) => ruleId);
    expect(missed).toEqual([]);
  });

  it("reaches the error paths it audits: each one says what is wrong", () => {
    expect(outputs.get("config that is not JSON (stderr)")).toMatch(/not valid JSON/);
    expect(outputs.get("config allowing a raw secret (stderr)")).toMatch(
      /allow\.secrets\[0\].*sha256[\s\S]*allow\.secrets\[1\]/,
    );
    expect(outputs.get("source map that is not JSON, --format text (stderr)")).toMatch(
      /app\.js\.map: source map ignored: not valid JSON/,
    );
  });

  const credentials = planted
    .filter(({ credential }) => credential)
    .map(({ ruleId, secret }) => [ruleId, secret] as const);
  it.each(credentials)("no output holds the %s secret or 8 characters of it", (_ruleId, secret) => {
    for (const [name, text] of outputs) {
      try {
        expectNoSecretLeak(text, secret);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
    }
  });
});

describe("explain", () => {
  // Negative examples are printed as written (they are not secrets in their context), so each rule's
  // explanation is audited against its own positive examples, every one of them.
  it.each(allRules.filter((rule) => rule.scope !== "client").map((rule) => [rule.id, rule] as const))(
    "explain %s shows its positive examples redacted",
    (id, rule) => {
      for (const { secret } of rule.examples.positive) expectNoSecretLeak(explained.get(id)!, secret);
    },
  );
});

describe("--show-secrets, the one exception", () => {
  it("prints every planted secret in full, and only when asked", () => {
    const run = runCli(["scan", "app", "--format", "json", "--show-secrets"], { cwd: tree.dir });
    expect(run.status).toBe(1);
    const shown = new Set(
      (JSON.parse(run.stdout) as { findings: { secret?: string }[] }).findings.map(
        (finding) => finding.secret,
      ),
    );
    for (const { secret } of planted) expect(shown.has(secret), secret.slice(0, 12)).toBe(true);
  });
});
