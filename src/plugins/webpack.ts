/**
 * `clientleak/webpack`: a webpack 5 plugin that scans every emitted asset (chunks, source maps, HTML) in
 * `processAssets` at the analyse stage, after minification and source maps, and reports leaks through
 * `compilation.errors`. A failed check also vetoes `shouldEmit`, so the leaking files are never written,
 * even in development mode where webpack otherwise emits despite errors.
 *
 *   const { ClientleakWebpackPlugin } = require("clientleak/webpack");
 *   plugins: [new ClientleakWebpackPlugin({ failOn: "high" })]
 *
 * The shapes below are the few members of webpack's types this plugin touches, written out so that
 * clientleak's published types do not depend on webpack.
 */
import {
  type ClientleakPluginOptions,
  checkBuildOutput,
  checkPluginOptions,
  type InlinedValue,
  inlinedFromDefinitions,
} from "./shared.js";

export type { ClientleakPluginOptions } from "./shared.js";

const PLUGIN_NAME = "ClientleakWebpackPlugin";

interface AssetShape {
  name: string;
  source: { source(): string | Buffer };
}

interface CompilationShape {
  outputOptions: { path?: string };
  chunks: Iterable<{ files: Iterable<string> }>;
  errors: Error[];
  warnings: Error[];
  getAssets(): readonly AssetShape[];
  hooks: {
    processAssets: {
      tapPromise(
        options: { name: string; stage: number; additionalAssets?: boolean },
        run: () => Promise<void>,
      ): void;
    };
  };
}

interface CompilerShape {
  context: string;
  platform?: { web?: boolean | null };
  options: { plugins: readonly unknown[] };
  webpack: {
    Compilation: { PROCESS_ASSETS_STAGE_ANALYSE: number };
    WebpackError: new (message: string) => Error;
    DefinePlugin: abstract new (...args: never[]) => { definitions: Record<string, unknown> };
    EnvironmentPlugin: abstract new (
      ...args: never[]
    ) => { keys: string[]; defaultValues: Record<string, unknown> };
  };
  hooks: {
    thisCompilation: { tap(name: string, run: (compilation: CompilationShape) => void): void };
    shouldEmit: { tap(name: string, run: (compilation: CompilationShape) => boolean | undefined): void };
  };
}

export class ClientleakWebpackPlugin {
  constructor(private readonly options: ClientleakPluginOptions = {}) {
    checkPluginOptions(options);
  }

  apply(compiler: CompilerShape): void {
    const { Compilation, WebpackError } = compiler.webpack;
    const blocked = new WeakSet<CompilationShape>();
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      // Assets added after this stage (a copy plugin at REPORT) come back through `additionalAssets`;
      // each asset is checked once.
      const checked = new Set<string>();
      compilation.hooks.processAssets.tapPromise(
        { name: PLUGIN_NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE, additionalAssets: true },
        async () => {
          const assets = compilation.getAssets().filter((asset) => !checked.has(asset.name));
          if (assets.length === 0) return;
          for (const asset of assets) checked.add(asset.name);
          const chunkFiles = new Set([...compilation.chunks].flatMap((chunk) => [...chunk.files]));
          const verdict = await checkBuildOutput(
            {
              root: compiler.context,
              outDir: compilation.outputOptions.path ?? compiler.context,
              files: assets.map((asset) => ({
                fileName: asset.name,
                kind: chunkFiles.has(asset.name) ? "chunk" : "asset",
                contents: asset.source.source(),
              })),
              inlined: inlinedByWebpack(compiler),
              // `platform.web` is false for node targets and null when webpack cannot tell.
              runsInBrowser: compiler.platform?.web !== false,
            },
            this.options,
          );
          for (const warning of verdict.warnings) compilation.warnings.push(new WebpackError(warning));
          if (verdict.error) {
            compilation.errors.push(new WebpackError(verdict.error));
            blocked.add(compilation);
          }
        },
      );
    });
    compiler.hooks.shouldEmit.tap(PLUGIN_NAME, (compilation) =>
      blocked.has(compilation) ? false : undefined,
    );
  }
}

export default ClientleakWebpackPlugin;

/** DefinePlugin replaces its keys with their code; EnvironmentPlugin replaces `process.env.KEY` with the value. */
function inlinedByWebpack(compiler: CompilerShape): InlinedValue[] {
  const { DefinePlugin, EnvironmentPlugin } = compiler.webpack;
  return compiler.options.plugins.flatMap((plugin): InlinedValue[] => {
    if (plugin instanceof DefinePlugin) return inlinedFromDefinitions(plugin.definitions);
    if (plugin instanceof EnvironmentPlugin) {
      return plugin.keys.flatMap((key) => {
        const value = process.env[key] ?? plugin.defaultValues[key];
        return typeof value === "string" ? [{ name: `process.env.${key}`, value }] : [];
      });
    }
    return [];
  });
}
