// The pre-commit case: a temp git repository with five small staged files, `clientleak scan --staged`
// timed over repeated runs (wall time including Node start-up), and one run with the module log on to see
// what a small scan loads.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { percentile } from "./measure.mjs";

const HEAVY_MODULES = {
  babel: "@babel/parser",
  traceMapping: "@jridgewell/trace-mapping",
  pool: "/pool/pool.js",
  worker: "/pool/worker.js",
};

function stagedRepo() {
  const faker = createFaker(77);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clientleak-bench-staged-"));
  const files = {
    "src/api.ts": `export const client = { baseUrl: "/api", apiKey: "${faker.mbSandboxKey()}" };\n`,
    "src/format.ts":
      "export function money(cents: number): string {\n  return (cents / 100).toFixed(2);\n}\n",
    "src/button.jsx": 'export const Button = ({ label }) => <button type="button">{label}</button>;\n',
    ".env.example": "VITE_API_URL=https://example.test\nMEDBLOCKS_API_KEY=<YOUR_KEY>\n",
    "package.json": `${JSON.stringify({ name: "staged-demo", version: "1.0.0", private: true }, null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const git = (...args) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", ".");
  return dir;
}

/**
 * `scan --staged` when this build has it, else the same five files by name. `byName` runs it the way the
 * pre-commit framework's hook does (.pre-commit-hooks.yaml: the staged names as arguments).
 */
function scanArgs(cli, dir, byName) {
  const help = spawnSync(process.execPath, [cli, "scan", "--help"], { encoding: "utf8" }).stdout;
  const files = execFileSync("git", ["diff", "--cached", "--name-only"], { cwd: dir, encoding: "utf8" })
    .trim()
    .split("\n");
  return help.includes("--staged") && !byName ? ["scan", "--staged", "-q"] : ["scan", "-q", ...files];
}

export function measureSmallScan(cli, runs, { byName = false } = {}) {
  const dir = stagedRepo();
  try {
    const args = scanArgs(cli, dir, byName);
    const env = { ...process.env, NO_COLOR: "1" };
    const walls = [];
    let status;
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      status = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, stdio: "ignore" }).status;
      walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const log = path.join(dir, ".modules.log");
    spawnSync(
      process.execPath,
      ["--require", path.join(path.dirname(fileURLToPath(import.meta.url)), "module-log.cjs"), cli, ...args],
      {
        cwd: dir,
        env: { ...env, CLIENTLEAK_BENCH_MODULES: log },
        stdio: "ignore",
      },
    );
    const loaded = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
    const plainNode = [];
    for (let run = 0; run < Math.min(runs, 10); run++) {
      const started = process.hrtime.bigint();
      spawnSync(process.execPath, ["-e", "0"], { stdio: "ignore" });
      plainNode.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return {
      command: `clientleak ${args.join(" ")}`,
      files: 5,
      runs,
      exitCode: status,
      medianMs: Math.round(percentile(walls, 0.5)),
      p90Ms: Math.round(percentile(walls, 0.9)),
      nodeStartupMedianMs: Math.round(percentile(plainNode, 0.5)),
      loaded: Object.fromEntries(
        Object.entries(HEAVY_MODULES).map(([name, needle]) => [name, loaded.includes(needle)]),
      ),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
