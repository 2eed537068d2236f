/**
 * The webpack plugin against the real webpack 5 API: small projects in temp folders, built in production
 * mode with terser and DefinePlugin / EnvironmentPlugin, as a user's webpack.config would have them.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import TerserPlugin from "terser-webpack-plugin";
import { afterEach, describe, expect, it } from "vitest";
import webpack, { type Configuration, type Stats } from "webpack";
import { createFaker } from "../scripts/fake-secrets.mjs";
import type { ClientleakPluginOptions } from "../src/plugins/shared.js";
import { ClientleakWebpackPlugin } from "../src/plugins/webpack.js";
import { tempDir } from "./support/cli.js";

const faker = createFaker(909);
const LIVE_KEY = faker.mbLiveKey();
const WEBHOOK_SECRET = faker.webhookSecret();

const INDEX_JS = `import { fetchPatients } from "./api.js";
fetchPatients().then((patients) => { document.body.textContent = String(patients.length); });
`;
/** The key arrives through DefinePlugin's `process.env.MEDBLOCKS_API_KEY`, the webpack way of inlining env. */
const LEAKY_API_JS = `export async function fetchPatients() {
  const response = await fetch("https://api.medblocks.com/v1/patients", {
    headers: { "X-Api-Key": process.env.MEDBLOCKS_API_KEY },
  });
  return response.json();
}
`;
const CLEAN_API_JS = `export async function fetchPatients() {
  const response = await fetch("/api/patients", { headers: { "X-Portal": process.env.PORTAL_NAME } });
  return response.json();
}
`;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project(apiJs: string): string {
  const { dir, cleanup } = tempDir("clientleak-webpack-");
  cleanups.push(cleanup);
  mkdirSync(path.join(dir, "src"));
  writeFileSync(path.join(dir, "src/index.js"), INDEX_JS);
  writeFileSync(path.join(dir, "src/api.js"), apiJs);
  return dir;
}

function webpackBuild(
  root: string,
  options: ClientleakPluginOptions,
  extra: Configuration = {},
): Promise<Stats> {
  const config: Configuration = {
    mode: "production",
    context: root,
    entry: "./src/index.js",
    devtool: "source-map",
    output: { path: path.join(root, "dist"), filename: "[name].[contenthash].js" },
    optimization: { minimize: true, minimizer: [new TerserPlugin()] },
    infrastructureLogging: { level: "none" },
    ...extra,
    plugins: [...(extra.plugins ?? []), new ClientleakWebpackPlugin(options)],
  };
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error || !stats) reject(error ?? new Error("webpack returned no stats"));
      else resolve(stats);
    });
  });
}

const definedKey = () =>
  new webpack.DefinePlugin({ "process.env.MEDBLOCKS_API_KEY": JSON.stringify(LIVE_KEY) });
const messages = (errors: readonly Error[]) => errors.map((error) => error.message).join("\n");

describe("clientleak/webpack", () => {
  /**
   * What copy plugins do (copy-webpack-plugin adds its files at the ADDITIONAL stage; others add files
   * late, at REPORT, after clientleak's own ANALYSE stage): every asset the build writes is checked.
   */
  function copyPlugin(stageName: "PROCESS_ASSETS_STAGE_ADDITIONAL" | "PROCESS_ASSETS_STAGE_REPORT") {
    return {
      apply(compiler: webpack.Compiler) {
        compiler.hooks.thisCompilation.tap("CopyLikePlugin", (compilation) => {
          compilation.hooks.processAssets.tap(
            { name: "CopyLikePlugin", stage: webpack.Compilation[stageName] },
            () => {
              compilation.emitAsset(
                "config.js",
                new webpack.sources.RawSource(`window.APP_CONFIG = { medblocksKey: "${LIVE_KEY}" };\n`),
                { copied: true },
              );
            },
          );
        });
      },
    };
  }

  it.each(["PROCESS_ASSETS_STAGE_ADDITIONAL", "PROCESS_ASSETS_STAGE_REPORT"] as const)(
    "checks a copied asset added at %s and emits nothing",
    async (stage) => {
      const root = project(CLEAN_API_JS);
      const stats = await webpackBuild(root, {}, { plugins: [copyPlugin(stage)] });
      expect(stats.hasErrors()).toBe(true);
      const message = messages(stats.compilation.errors);
      expect(message).toMatch(/CRITICAL {2}.+\(medblocks\/live-api-key\)/);
      expect(message).toMatch(/asset {3}dist\/config\.js:1:\d+/);
      expect(message).not.toContain(LIVE_KEY);
      expect(existsSync(path.join(root, "dist/config.js"))).toBe(false);
    },
  );

  it("lets a clean project build and emit its bundle", async () => {
    const root = project(CLEAN_API_JS);
    const stats = await webpackBuild(
      root,
      {},
      {
        plugins: [new webpack.DefinePlugin({ "process.env.PORTAL_NAME": JSON.stringify("patient-portal") })],
      },
    );
    expect(messages(stats.compilation.errors)).toBe("");
    expect(messages(stats.compilation.warnings)).not.toContain("clientleak");
    expect(Object.keys(stats.compilation.assets).some((name) => /^main\.\w+\.js$/.test(name))).toBe(true);
    expect(existsSync(path.join(root, "dist"))).toBe(true);
  });

  it("fails on a live key from a DefinePlugin value, naming rule, chunk and define key, and emits nothing", async () => {
    const root = project(LEAKY_API_JS);
    const stats = await webpackBuild(root, {}, { plugins: [definedKey()] });
    expect(stats.hasErrors()).toBe(true);
    const message = messages(stats.compilation.errors);
    expect(message).toContain('at or above "low" in the build output would ship: the build is stopped');
    expect(message).toMatch(/CRITICAL {2}.+\(medblocks\/live-api-key\)/);
    expect(message).toMatch(/chunk {3}dist\/main\.\w+\.js:\d+:\d+/);
    // Through the source map, to the line that reads the defined expression (src/api.js line 3).
    expect(message).toMatch(
      /\n {2}source {2}src\/api\.js:3:\d+\n {2}via {5}process\.env\.MEDBLOCKS_API_KEY\n/,
    );
    expect(message).toContain(`${LIVE_KEY.slice(0, 13)}…${LIVE_KEY.slice(-2)} (${LIVE_KEY.length} chars)`);
    expect(message).not.toContain(LIVE_KEY);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("vetoes emitting in development mode too, where webpack would otherwise write despite errors", async () => {
    const root = project(LEAKY_API_JS);
    const stats = await webpackBuild(root, {}, { mode: "development", plugins: [definedKey()] });
    expect(messages(stats.compilation.errors)).toContain("medblocks/live-api-key");
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("names an EnvironmentPlugin variable as the carrier", async () => {
    const root = project(LEAKY_API_JS);
    const stats = await webpackBuild(
      root,
      {},
      {
        plugins: [new webpack.EnvironmentPlugin({ MEDBLOCKS_API_KEY: LIVE_KEY })],
      },
    );
    expect(messages(stats.compilation.errors)).toContain("via     process.env.MEDBLOCKS_API_KEY");
  });

  it("finds a secret hard-coded in source in the chunk and in the emitted source map", async () => {
    const root = project(`export const webhook = { medblocks: true, secret: "${WEBHOOK_SECRET}" };\n`);
    writeFileSync(
      path.join(root, "src/index.js"),
      'import { webhook } from "./api.js";\nconsole.log(webhook);\n',
    );
    const stats = await webpackBuild(root, {});
    const message = messages(stats.compilation.errors);
    expect(message).toMatch(/chunk {3}dist\/main\.\w+\.js:\d+:\d+\n {2}source {2}src\/api\.js:1:\d+\n/);
    // The map ships the original code: the literal starts at column 52, after `… secret: "`.
    expect(message).toMatch(/map {5}src\/api\.js:1:52 \(inside dist\/main\.\w+\.js\.map\)/);
    expect(message).not.toContain(WEBHOOK_SECRET);
  });

  it("warnOnly turns the error into a warning and the bundle is emitted", async () => {
    const root = project(LEAKY_API_JS);
    const stats = await webpackBuild(root, { warnOnly: true }, { plugins: [definedKey()] });
    expect(stats.hasErrors()).toBe(false);
    const warning = messages(stats.compilation.warnings);
    expect(warning).toContain("would ship (warnOnly: the build goes on)");
    expect(warning).toContain("via     process.env.MEDBLOCKS_API_KEY");
    expect(warning).not.toContain(LIVE_KEY);
    expect(existsSync(path.join(root, "dist"))).toBe(true);
  });

  it("include narrows the check to matching files", async () => {
    const root = project(LEAKY_API_JS);
    const stats = await webpackBuild(root, { include: ["**/*.css"] }, { plugins: [definedKey()] });
    expect(stats.hasErrors()).toBe(false);
  });
});
