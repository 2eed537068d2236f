/**
 * The Vite plugin against the real Vite 8 build API: small projects are written to temp folders and
 * built with the plugin in `plugins`, exactly as a user's vite.config would have it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type InlineConfig, type Logger } from "vite";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { serializeBaseline } from "../src/findings/baseline.js";
import { keyedHasher, randomHashKey } from "../src/findings/fingerprint.js";
import { type ClientleakPluginOptions, clientleak } from "../src/plugins/vite.js";
import { REPO_ROOT, tempDir } from "./support/cli.js";

const faker = createFaker(808);
const LIVE_KEY = faker.mbLiveKey();
const HARD_CODED_KEY = faker.mbLiveKey();

const INDEX_HTML =
  '<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n';
const MAIN_JS = `import { fetchPatients } from "./api.js";
document.body.textContent = String(await fetchPatients());
`;
/** The classic mistake: the browser calls Medblocks directly with a key from a VITE_ variable. */
const LEAKY_API_JS = `export async function fetchPatients() {
  const response = await fetch("https://api.medblocks.com/v1/patients", {
    headers: { "X-Api-Key": import.meta.env.VITE_MEDBLOCKS_API_KEY },
  });
  return response.json();
}
`;
/** The right architecture: the browser calls its own backend; the key stays on the server. */
const CLEAN_API_JS = `export async function fetchPatients() {
  const response = await fetch("/api/patients", { headers: { "X-Portal": import.meta.env.VITE_PORTAL_NAME } });
  return response.json();
}
`;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project(files: Record<string, string>): string {
  const { dir, cleanup } = tempDir("clientleak-vite-");
  cleanups.push(cleanup);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface Captured {
  warnings: string[];
}

function captureLogger(captured: Captured): Logger {
  const ignore = () => {};
  return {
    hasWarned: false,
    info: ignore,
    warn: (message) => captured.warnings.push(message),
    warnOnce: (message) => captured.warnings.push(message),
    error: ignore,
    clearScreen: ignore,
    hasErrorLogged: () => false,
  };
}

async function viteBuild(
  root: string,
  options: ClientleakPluginOptions = {},
  extra: InlineConfig = {},
): Promise<Captured> {
  const captured: Captured = { warnings: [] };
  await build({
    root,
    configFile: false,
    customLogger: captureLogger(captured),
    build: { sourcemap: true, ...extra.build },
    plugins: [clientleak(options)],
    ...(extra.define ? { define: extra.define } : {}),
  });
  return captured;
}

async function failedBuild(
  root: string,
  options: ClientleakPluginOptions = {},
  extra: InlineConfig = {},
): Promise<string> {
  const error = await viteBuild(root, options, extra).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the build should have failed").toBeInstanceOf(Error);
  return (error as Error).message;
}

describe("clientleak/vite", () => {
  it("lets a clean project build and write its output", async () => {
    const root = project({
      "index.html": INDEX_HTML,
      "src/main.js": MAIN_JS,
      "src/api.js": CLEAN_API_JS,
      ".env": `VITE_PORTAL_NAME=patient-portal\nMEDBLOCKS_API_KEY=${LIVE_KEY}\n`,
    });
    const { warnings } = await viteBuild(root);
    // Every message of the plugin starts with "clientleak:" (Rolldown's own timing notes name the plugin too).
    expect(warnings.filter((warning) => warning.includes("clientleak:"))).toEqual([]);
    expect(existsSync(path.join(root, "dist/index.html"))).toBe(true);
  });

  it("fails the build on a live key inlined from a VITE_ variable, naming rule, chunk and variable", async () => {
    const root = project({
      "index.html": INDEX_HTML,
      "src/main.js": MAIN_JS,
      "src/api.js": LEAKY_API_JS,
      ".env": `VITE_MEDBLOCKS_API_KEY=${LIVE_KEY}\n`,
    });
    const message = await failedBuild(root);
    expect(message).toContain(
      '1 secret at or above "low" in the build output would ship: the build is stopped',
    );
    expect(message).toMatch(/CRITICAL {2}.+\(medblocks\/live-api-key\)/);
    expect(message).toMatch(/chunk {3}dist\/assets\/index-[\w-]+\.js:\d+:\d+/);
    // Through the source map, to the line that reads the variable (src/api.js line 3).
    expect(message).toMatch(
      /\n {2}source {2}src\/api\.js:3:\d+\n {2}via {5}import\.meta\.env\.VITE_MEDBLOCKS_API_KEY\n/,
    );
    expect(message).toContain(`${LIVE_KEY.slice(0, 13)}…${LIVE_KEY.slice(-2)} (${LIVE_KEY.length} chars)`);
    expect(message).not.toContain(LIVE_KEY);
    // Whole sentences, as in SARIF and annotations: the rule's message, the value, where it lives.
    expect(message).toMatch(
      /\n {2}what {4}[^\n]+\. Secret: mb_sk_live_\w{2}…\w{2} \(\d+ chars\)\. Client leak: [^\n]+\.\n/,
    );
    expect(message).not.toMatch(/[.!?]:/);
    expect(message).toMatch(/\n {2}fix {5}[^\n]+\.(?:\n|$)/);
    // The error stops the build before the bundle phase writes anything.
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("names a `define` entry as the carrier", async () => {
    const root = project({
      "index.html": INDEX_HTML,
      "src/main.js": "document.title = __MEDBLOCKS_KEY__;\n",
    });
    const message = await failedBuild(root, {}, { define: { __MEDBLOCKS_KEY__: JSON.stringify(LIVE_KEY) } });
    expect(message).toContain("via     __MEDBLOCKS_KEY__");
    expect(message).not.toContain(LIVE_KEY);
  });

  it("finds a key hard-coded in source in the chunk and in the shipped source map", async () => {
    const root = project({
      "index.html": INDEX_HTML,
      "src/main.js": `import { key } from "./config.js";\nfetch("/x", { headers: { "X-Key": key } });\n`,
      "src/config.js": `export const key = "${HARD_CODED_KEY}";\n`,
    });
    const message = await failedBuild(root);
    expect(message).toMatch(
      /chunk {3}dist\/assets\/index-[\w-]+\.js:\d+:\d+\n {2}source {2}src\/(?:main|config)\.js:\d+:\d+/,
    );
    // The map ships the original code too: the literal in src/config.js, column 21 after `export const key = "`.
    expect(message).toMatch(/map {5}src\/config\.js:1:21 \(inside dist\/assets\/index-[\w-]+\.js\.map\)/);
    expect(message).not.toContain(HARD_CODED_KEY);
  });

  it("warnOnly reports the leak as a warning and lets the build write its output", async () => {
    const root = project({
      "index.html": INDEX_HTML,
      "src/main.js": MAIN_JS,
      "src/api.js": LEAKY_API_JS,
      ".env": `VITE_MEDBLOCKS_API_KEY=${LIVE_KEY}\n`,
    });
    const { warnings } = await viteBuild(root, { warnOnly: true });
    const report = warnings.find((warning) => warning.includes("medblocks/live-api-key"));
    expect(report).toContain("would ship (warnOnly: the build goes on)");
    expect(report).toContain("via     import.meta.env.VITE_MEDBLOCKS_API_KEY");
    expect(warnings.join("\n")).not.toContain(LIVE_KEY);
    expect(existsSync(path.join(root, "dist/index.html"))).toBe(true);
  });

  it("failOn above the finding's severity, exclude and the config allowlist let the build pass", async () => {
    const files = {
      "index.html": INDEX_HTML,
      "src/main.js": `document.title = "${faker.mbSandboxKey()}";\n`,
    };
    // A sandbox key is high: failOn critical lets it through.
    await expect(viteBuild(project(files), { failOn: "critical" })).resolves.toBeDefined();
    // Excluding every emitted file leaves nothing to check.
    await expect(viteBuild(project(files), { exclude: ["dist/**"] })).resolves.toBeDefined();
    // The project's clientleak.config.json is read as the CLI reads it.
    const configured = project({
      ...files,
      "clientleak.config.json": JSON.stringify({ failOn: "critical" }),
    });
    await expect(viteBuild(configured)).resolves.toBeDefined();
    // And the default (low) fails on it.
    expect(await failedBuild(project(files))).toContain("medblocks/sandbox-api-key");
  });

  it("a baseline hides known findings, as `clientleak scan --baseline` does", async () => {
    const sandboxKey = faker.mbSandboxKey();
    const key = randomHashKey();
    const baseline = serializeBaseline({
      key,
      entries: [{ ruleId: "medblocks/sandbox-api-key", secretHash: keyedHasher(key).secretHash(sandboxKey) }],
    });
    const files = {
      "index.html": INDEX_HTML,
      "src/main.js": `document.title = "${sandboxKey}";\n`,
      ".clientleak-baseline.json": baseline,
    };
    const { warnings } = await viteBuild(project(files), { baseline: ".clientleak-baseline.json" });
    expect(warnings.join("\n")).toContain("1 known finding hidden by baseline .clientleak-baseline.json");
    // A baseline that covers another secret hides nothing.
    const other = project({ ...files, "src/main.js": `document.title = "${faker.mbSandboxKey()}";\n` });
    expect(await failedBuild(other, { baseline: ".clientleak-baseline.json" })).toContain(
      "medblocks/sandbox-api-key",
    );
    // A missing baseline is an error, never silently an empty one.
    expect(
      await failedBuild(project({ "index.html": INDEX_HTML, "src/main.js": "1;\n" }), {
        baseline: "nope.json",
      }),
    ).toMatch(/baseline .*nope\.json does not exist/);
  });

  it("checks the files Vite copies from public/: a key in public/config.js stops the build", async () => {
    const root = project({
      "index.html": INDEX_HTML,
      "src/main.js": MAIN_JS,
      "src/api.js": CLEAN_API_JS,
      "public/config.js": `window.APP_CONFIG = { medblocksKey: "${LIVE_KEY}" };\n`,
      "public/img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
    });
    const message = await failedBuild(root);
    expect(message).toMatch(/CRITICAL {2}.+\(medblocks\/live-api-key\)/);
    expect(message).toContain("copied  dist/config.js:1:38");
    expect(message).not.toContain(LIVE_KEY);
    expect(existsSync(path.join(root, "dist/config.js"))).toBe(false);
    // `copyPublicDir: false` ships nothing from public/, so there is nothing to stop.
    await expect(viteBuild(root, {}, { build: { copyPublicDir: false } })).resolves.toBeDefined();
    expect(existsSync(path.join(root, "dist/config.js"))).toBe(false);
  });

  it("a failed `vite build` prints clientleak's message, not a stack trace", () => {
    const root = project({
      "index.html": INDEX_HTML,
      "src/main.js": `document.title = "${HARD_CODED_KEY}";\n`,
      "vite.config.mjs": `import clientleak from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, "dist/src/plugins/vite.js")).href)};\nexport default { plugins: [clientleak()] };\n`,
    });
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"));
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, "node_modules/vite/bin/vite.js"), "build"],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: "1" },
        encoding: "utf8",
      },
    );
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(output).toContain('clientleak: 1 secret at or above "low" in the build output would ship');
    expect(output).not.toContain(HARD_CODED_KEY);
    // Rolldown's own wrapper keeps one frame; before, 13 frames of rolldown, Vite and the plugin followed.
    const frames = output.split("\n").filter((line) => /^\s+at /.test(line));
    expect(frames.length, frames.join("\n")).toBeLessThanOrEqual(1);
    expect(output).not.toMatch(/PluginContextImpl|generateBundle \(/);
  });

  it("leaves stack traces as they were after a failed build in the same process", async () => {
    const limit = Error.stackTraceLimit;
    await failedBuild(
      project({ "index.html": INDEX_HTML, "src/main.js": `document.title = "${HARD_CODED_KEY}";\n` }),
    );
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it("rejects invalid options when the plugin is created", () => {
    expect(() => clientleak({ failOn: "severe" as never })).toThrow(/failOn must be one of critical, high/);
  });
});

describe("plugin start-up (built package; run `npm run build` first)", () => {
  /** A module hook that logs every file URL the child process loads. */
  const LOGGING_HOOKS = `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(process.env.CLIENTLEAK_LOAD_LOG, url + "\\n");
  return next(url, context);
}
`;

  it("creating either plugin loads neither the engine nor the rules: they wait for the bundle phase", () => {
    const { dir, cleanup } = tempDir("clientleak-startup-");
    cleanups.push(cleanup);
    const hooks = path.join(dir, "hooks.mjs");
    const log = path.join(dir, "loaded.txt");
    writeFileSync(hooks, LOGGING_HOOKS);
    writeFileSync(log, "");
    const plugin = (name: string) => pathToFileURL(path.join(REPO_ROOT, `dist/src/plugins/${name}.js`)).href;
    const script = `
      import { register } from "node:module";
      register(${JSON.stringify(pathToFileURL(hooks).href)});
      const { clientleak } = await import(${JSON.stringify(plugin("vite"))});
      clientleak({ failOn: "high" });
      const { ClientleakWebpackPlugin } = await import(${JSON.stringify(plugin("webpack"))});
      new ClientleakWebpackPlugin({ warnOnly: true });
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, CLIENTLEAK_LOAD_LOG: log },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
    // The hook saw the plugin modules themselves, so an empty "heavy" list means something.
    expect(loaded).toContain(plugin("shared"));
    const heavy = loaded.filter((url) =>
      /\/dist\/(?:src\/(?:scan|match|extract)|rules)\/?|node_modules/.test(url),
    );
    expect(heavy).toEqual([]);
  });
});
