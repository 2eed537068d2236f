/**
 * The security posture, tested rather than promised: no network code anywhere in the engine or the rules,
 * nothing loaded by a computed name, nothing from a scanned repository executed (its config files are
 * read as text, never run), and an Action that needs no token.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.js";
import { moduleUse, sourceFiles } from "./support/modules.js";

/** Node's network modules and the one HTTP client that ships with it. */
const NETWORK_MODULES = new Set(["http", "https", "http2", "net", "dgram", "tls", "undici"]);

const ENGINE_FILES = [...sourceFiles("src"), ...sourceFiles("rules")];

describe("no network access at run time", () => {
  it("finds the engine and rule sources it checks", () => {
    expect(ENGINE_FILES.length).toBeGreaterThan(50);
    expect(ENGINE_FILES).toContain(path.join("src", "engine", "scan.ts"));
  });

  it.each(ENGINE_FILES)(
    "%s imports no network module, loads nothing by a computed name and never calls fetch",
    (file) => {
      const use = moduleUse(readFileSync(path.join(REPO_ROOT, file), "utf8"));
      expect(
        use.specifiers.filter((specifier) =>
          NETWORK_MODULES.has(specifier.replace(/^node:/, "").split("/")[0]!),
        ),
      ).toEqual([]);
      expect(use.computedLoads, "import()/require() of a computed name").toBe(0);
      expect(use.fetchCalls, "fetch(...)").toBe(0);
    },
  );

  it("the checker itself sees every form of a network import and fetch", () => {
    const use = moduleUse(
      'import http from "node:http"; export * from "https"; const n = require("net"); await import("undici"); const m = require(name); globalThis.fetch(u); fetch(u); const s = "fetch(x) require(\\"tls\\")";',
    );
    expect(use.specifiers).toEqual(expect.arrayContaining(["node:http", "https", "net", "undici"]));
    expect(use.specifiers).not.toContain("tls");
    expect(use.computedLoads).toBe(1);
    expect(use.fetchCalls).toBe(2);
  });

  it("the committed Action bundle requires no network module either", () => {
    const bundle = path.join(REPO_ROOT, "action/dist/index.mjs");
    expect(existsSync(bundle)).toBe(true);
    const text = readFileSync(bundle, "utf8");
    const network =
      /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](?:node:)?(?:https?|http2|net|dgram|tls|undici)["']/g;
    expect(text.match(network) ?? []).toEqual([]);
  });
});

describe("nothing from a scanned repository is executed", () => {
  const { dir, cleanup } = tempDir("clientleak-posture-");
  afterAll(cleanup);
  const marker = (name: string) => path.join(dir, `executed-${name}`);

  it("config files of the tool and of bundlers are read as text, never run", () => {
    const secret = createFaker(7003).mbLiveKey();
    const payload = (name: string) =>
      `require("node:fs").writeFileSync(${JSON.stringify(marker(name))}, "ran");\n`;
    const esm = (name: string) =>
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker(name))}, "ran");\n`;
    const files: Record<string, string> = {
      "clientleak.config.js": payload("clientleak.config.js"),
      "clientleak.config.mjs": esm("clientleak.config.mjs"),
      "clientleak.config.cjs": payload("clientleak.config.cjs"),
      "vite.config.ts": `${esm("vite.config.ts")}export default { envPrefix: "APP_" };\n`,
      "next.config.js": `${payload("next.config.js")}module.exports = { env: {} };\n`,
      "nuxt.config.ts": esm("nuxt.config.ts"),
      "webpack.config.js": payload("webpack.config.js"),
      "package.json": JSON.stringify({
        name: "hostile",
        scripts: { prepare: `node -e '${payload("package.json").replaceAll("'", "")}'` },
      }),
      ".env": `VITE_MEDBLOCKS_KEY=${secret}\n`,
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    const run = runCli(["scan", ".", "--format", "json"], { cwd: dir });
    // The scan ran (the key is reported; with envPrefix APP_ it is server-only, so its severity is low).
    expect(run.status, run.stderr).not.toBe(2);
    expect(JSON.parse(run.stdout).findings).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.startsWith("executed-"))).toEqual([]);
  });
});

describe("the GitHub Action asks for nothing it does not need", () => {
  const actionYml = readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8");
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

  it("has no token input and reads no token", () => {
    expect(actionYml).not.toMatch(/token/i);
    for (const file of sourceFiles("src/action")) {
      expect(readFileSync(path.join(REPO_ROOT, file), "utf8"), file).not.toMatch(
        /GITHUB_TOKEN|ACTIONS_RUNTIME_TOKEN|INPUT_TOKEN/,
      );
    }
  });

  it("documents a permissions block that only reads the checkout (plus SARIF upload where used)", () => {
    const blocks = [...readme.matchAll(/^permissions:\n((?: {2}[a-z-]+: [a-z]+\n)+)/gm)].map((match) =>
      match[1]!
        .trim()
        .split("\n")
        .map((line) => line.trim()),
    );
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(block).toContain("contents: read");
      expect(block.filter((line) => line !== "contents: read" && line !== "security-events: write")).toEqual(
        [],
      );
    }
  });
});
