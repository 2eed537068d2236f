/**
 * The GitHub Action for real: the committed bundle runs as a child process with the environment the
 * runner provides (event payload of a pull request, workspace = a real repository with base and head
 * commits, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, INPUT_*). Also: the bundle is not stale, action.yml has
 * the expected shape and declares exactly the inputs the entry reads.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { INPUT_NAMES } from "../src/action/inputs.js";
import { escapeData, escapeProperty } from "../src/report/github.js";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";
import { createRepo, type GitRepo } from "./support/git-repo.js";

const BUNDLE = path.join(REPO_ROOT, "action/dist/index.mjs");
const faker = createFaker(1234);
const [OLD_KEY, NEW_KEY] = [faker.mbLiveKey(), faker.mbLiveKey()];
/** A name with a comma and a colon: both must be escaped inside the `file=` property. */
const AWKWARD_FILE = "src/a,b:c.ts";

let repo: GitRepo;
let temp: ReturnType<typeof tempDir>;
afterEach(() => {
  repo?.cleanup();
  temp?.cleanup();
});

interface ActionRun {
  status: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** `name<<delimiter\nvalue\ndelimiter` records, as the runner reads them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}

function runAction(
  workspace: string,
  event: { name: string; payload: unknown },
  inputs: Record<string, string>,
): ActionRun {
  const outputFile = path.join(temp.dir, "output");
  const summaryFile = path.join(temp.dir, "summary.md");
  const eventFile = path.join(temp.dir, "event.json");
  writeFileSync(eventFile, JSON.stringify(event.payload));
  writeFileSync(outputFile, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  // The runner starts the action from an unrelated directory; only GITHUB_WORKSPACE says where to scan.
  const result = spawnSync(process.execPath, [BUNDLE], { cwd: temp.dir, env, encoding: "utf8" });
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    outputs: parseOutputs(readFileSync(outputFile, "utf8")),
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, "utf8") : "",
  };
}

function prRepo(): { base: string; head: string } {
  repo = createRepo();
  repo.write("src/old.ts", `export const old = "${OLD_KEY}";\n`);
  repo.write("src/untouched.ts", `export const untouched = "${faker.mbLiveKey()}";\n`);
  const base = repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("src/old.ts", `// touched\nexport const old = "${OLD_KEY}";\n`);
  repo.write(AWKWARD_FILE, `export const fresh = "${NEW_KEY}";\n`);
  const head = repo.commit("head");
  return { base, head };
}

const annotations = (stdout: string) =>
  stdout.split("\n").filter((line) => /^::(error|warning|notice) /.test(line));

describe("the Action entry on a pull request", () => {
  it("annotates, summarises, writes SARIF and outputs, and fails on the new finding", () => {
    temp = tempDir();
    const { base, head } = prRepo();
    const payload = { pull_request: { number: 7, base: { sha: base }, head: { sha: head } } };
    const run = runAction(
      repo.dir,
      { name: "pull_request", payload },
      { path: ".", "sarif-file": "out/clientleak.sarif" },
    );

    expect(run.status).toBe(1);
    const lines = annotations(run.stdout).filter((line) => line.includes("medblocks/live-api-key"));
    expect(lines).toHaveLength(2);
    const fresh = lines.find((line) => line.includes("a%2Cb%3Ac.ts"))!;
    expect(fresh).toMatch(
      /^::error file=src\/a%2Cb%3Ac\.ts,line=1,endLine=1,col=23,endColumn=\d+,title=critical%3A /,
    );
    expect(lines.find((line) => line.includes("old.ts"))).toMatch(/title=\[existing\] critical%3A/);
    expect(run.stdout).not.toContain(NEW_KEY);
    expect(run.stdout).not.toContain(OLD_KEY);
    expect(run.stdout).not.toContain("untouched.ts");

    expect(run.summary).toMatch(/^## clientleak: /);
    expect(run.summary).toContain("| Severity | Finding | Secret (redacted) | Where | Status |");
    expect(run.summary).toContain("`src/a,b:c.ts:1:23`");
    expect(run.summary).toMatch(/Medblocks dashboard/);
    expect(run.summary).toMatch(/Move the call to your backend/);
    expect(run.summary).not.toContain(NEW_KEY);

    const sarifFile = path.join(repo.dir, "out/clientleak.sarif");
    expect(run.outputs["sarif-file"]).toBe(sarifFile);
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(2);
    const sarif = JSON.parse(readFileSync(sarifFile, "utf8")) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results.length).toBe(Number(run.outputs.findings));
  });

  it("fails on a key one commit of the pull request added and the next removed (#15 item 5)", () => {
    temp = tempDir();
    repo = createRepo();
    repo.write("src/app.ts", "export const a = 1;\n");
    const base = repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("src/app.ts", `export const a = 1;\nexport const k = "${NEW_KEY}";\n`);
    const added = repo.commit("add the client");
    repo.write("src/app.ts", "export const a = 1;\n");
    const head = repo.commit("remove the key");
    const payload = { pull_request: { base: { sha: base }, head: { sha: head } } };
    const run = runAction(repo.dir, { name: "pull_request", payload }, { "sarif-file": "out.sarif" });
    expect(run.status).toBe(1);
    const [line, ...rest] = annotations(run.stdout);
    expect(rest).toEqual([]);
    // The key is not at head: the annotation names the commit and the old place, not a line of today's file.
    expect(line).toMatch(/^::error title=/);
    expect(line).not.toMatch(/file=/);
    const short = (sha: string) => repo.git("rev-parse", "--short", sha).trim();
    expect(line).toContain(`src/app.ts:2:19 in ${short(added)}`);
    expect(line).toContain(`removed in ${short(head)}: still in the git history, rotate it`);
    expect(run.summary).toContain(`removed in ${short(head)}`);
    const sarif = readFileSync(path.join(repo.dir, "out.sarif"), "utf8");
    expect(sarif).toContain(`"short": "${short(added)}"`);
    for (const output of [run.stdout, run.summary, sarif]) expect(output).not.toContain(NEW_KEY);
  });

  /** A pull request that only touches a file whose key was already there at its base. */
  function touchExistingFinding() {
    temp = tempDir();
    repo = createRepo();
    repo.write("src/old.ts", `export const old = "${OLD_KEY}";\n`);
    const base = repo.commit("base");
    repo.write("src/old.ts", `// touched\nexport const old = "${OLD_KEY}";\n`);
    const head = repo.commit("head");
    return { pull_request: { base: { sha: base }, head: { sha: head } } };
  }

  it("passes when the pull request only touches files with existing findings, and honours fail-on", () => {
    const payload = touchExistingFinding();
    const run = runAction(repo.dir, { name: "pull_request", payload }, { annotations: "false" });
    expect(run.status).toBe(0);
    expect(annotations(run.stdout)).toEqual([]);
    expect(run.summary).toMatch(/existing/);
    expect(run.outputs["sarif-file"]).toBe("");
  });

  it("existing findings are warnings, not errors, and the summary line counts them apart (#15 item 7)", () => {
    const payload = touchExistingFinding();
    const run = runAction(repo.dir, { name: "pull_request", payload }, {});
    expect(run.status).toBe(0);
    expect(annotations(run.stdout).map((line) => line.split(" ")[0])).toEqual(["::warning"]);
    expect(run.stdout).toContain(
      "clientleak: 1 finding(s); 1 existing before this change (reported, not failing); 0 failing at or above fail-on low",
    );
  });

  it("scans everything on push, including an untracked build directory given as a second path", () => {
    temp = tempDir();
    prRepo();
    repo.write("dist/assets/app.js", `var k="${faker.mbLiveKey()}";\n`);
    const run = runAction(
      repo.dir,
      { name: "push", payload: {} },
      { path: ".\ndist", "fail-on": "critical" },
    );
    expect(run.status).toBe(1);
    const files = annotations(run.stdout).map((line) => /file=([^,]+)/.exec(line)?.[1]);
    expect(files).toEqual(expect.arrayContaining(["src/old.ts", "src/untouched.ts", "dist/assets/app.js"]));
  });

  it("on a pull request also scans a path git does not track (build output) in full", () => {
    temp = tempDir();
    const { base, head } = prRepo();
    repo.write("dist/app.js", `var k="${faker.mbLiveKey()}";\n`);
    const payload = { pull_request: { base: { sha: base }, head: { sha: head } } };
    const run = runAction(repo.dir, { name: "pull_request", payload }, { path: "src\ndist" });
    expect(annotations(run.stdout).some((line) => line.startsWith("::error file=dist/app.js,"))).toBe(true);
  });

  it("prints one error annotation and exits 2 on a bad input or a shallow clone", () => {
    temp = tempDir();
    const { base, head } = prRepo();
    const bad = runAction(repo.dir, { name: "push", payload: {} }, { "fail-on": "severe" });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toMatch(/^::error title=clientleak::input fail-on/m);

    const clone = path.join(path.dirname(repo.dir), "shallow");
    execFileSync("git", ["clone", "-q", "--depth", "1", "--branch", "feature", `file://${repo.dir}`, clone]);
    const payload = { pull_request: { base: { sha: base }, head: { sha: head } } };
    const shallow = runAction(clone, { name: "pull_request", payload }, {});
    expect(shallow.status).toBe(2);
    expect(shallow.stdout).toMatch(/fetch-depth: 0/);
  });

  it("prints the same annotations as `clientleak scan --format github`", () => {
    temp = tempDir();
    const { base, head } = prRepo();
    const payload = { pull_request: { base: { sha: base }, head: { sha: head } } };
    const action = runAction(repo.dir, { name: "pull_request", payload }, {});
    const cli = runCli(["scan", "--diff", `${base}...${head}`, "--format", "github"], { cwd: repo.dir });
    expect(annotations(cli.stdout)).toEqual(annotations(action.stdout));
  });
});

describe("workflow-command escaping", () => {
  it("percent-encodes %, CR and LF in data, and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeProperty("dir/a,b:c%\n.ts")).toBe("dir/a%2Cb%3Ac%25%0A.ts");
  });
});

describe("action.yml and the committed bundle", () => {
  it("the committed bundles are what `npm run build:action` builds now", async () => {
    const { BUNDLES, bundle } = await import("../scripts/build-action.mjs");
    for (const target of BUNDLES) {
      const committed = readFileSync(path.join(REPO_ROOT, target.output), "utf8");
      expect(
        committed === (await bundle(target)),
        `${target.output} is stale: run \`npm run build:action\` and commit it`,
      ).toBe(true);
    }
  });

  it("has the shape GitHub expects and declares exactly the inputs the entry reads", () => {
    const yaml = execFileSync(
      "python3",
      [
        "-c",
        "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
        path.join(REPO_ROOT, "action.yml"),
      ],
      {
        encoding: "utf8",
      },
    );
    const action = JSON.parse(yaml) as {
      runs: { using: string; main: string };
      inputs: Record<string, unknown>;
    };
    const input = {
      type: "object",
      required: ["description"],
      properties: {
        description: { type: "string" },
        required: { type: "boolean" },
        default: { type: "string" },
      },
      additionalProperties: false,
    };
    const schema = {
      type: "object",
      required: ["name", "description", "runs", "inputs", "outputs"],
      properties: {
        name: { type: "string" },
        description: { type: "string" },
        runs: {
          type: "object",
          required: ["using", "main"],
          properties: { using: { const: "node24" }, main: { type: "string" } },
          additionalProperties: false,
        },
        inputs: { type: "object", additionalProperties: input },
        outputs: { type: "object", additionalProperties: { type: "object", required: ["description"] } },
      },
    };
    const ajv = new Ajv({ allErrors: true });
    const valid = ajv.validate(schema, action);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(existsSync(path.join(REPO_ROOT, action.runs.main))).toBe(true);
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  });
});
