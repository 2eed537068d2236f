/**
 * `clientleak/vite`: a Vite (and Rollup) plugin that scans every chunk, asset and source map in
 * `generateBundle` (and the files Vite copies from `public/`, at buildStart), before anything is written,
 * and fails the build when a secret would ship.
 *
 *   import clientleak from "clientleak/vite";
 *   export default defineConfig({ plugins: [clientleak({ failOn: "high" })] });
 *
 * The shapes below are the few members of Vite's and Rollup's types this plugin touches, written out so
 * that clientleak's published types do not depend on either package.
 */
import path from "node:path";
import {
  type BuildOutput,
  type ClientleakPluginOptions,
  checkBuildOutput,
  checkPluginOptions,
  copiedFiles,
  type EmittedFile,
  type InlinedValue,
  inlinedFromDefinitions,
} from "./shared.js";

export type { ClientleakPluginOptions } from "./shared.js";

interface ResolvedViteConfig {
  root: string;
  /** The loaded `.env` variables Vite exposes to client code (`VITE_…`), plus MODE, BASE_URL, … */
  env?: Record<string, unknown>;
  define?: Record<string, unknown>;
  build?: { ssr?: unknown; copyPublicDir?: boolean; outDir?: string };
  /** Absolute path of the public directory, or "" when `publicDir: false`. */
  publicDir?: string;
}

interface OutputOptionsShape {
  dir?: string;
  file?: string;
}

type BundleEntry =
  | { type: "chunk"; fileName: string; code: string }
  | { type: "asset"; fileName: string; source: string | Uint8Array };

interface PluginContextShape {
  warn(message: string): void;
  error(message: string | Error): never;
}

export interface ClientleakVitePlugin {
  name: string;
  enforce: "post";
  apply: "build";
  configResolved(config: ResolvedViteConfig): void;
  buildStart(this: PluginContextShape): Promise<void>;
  closeBundle(): void;
  generateBundle(
    this: PluginContextShape,
    outputOptions: OutputOptionsShape,
    bundle: Record<string, BundleEntry>,
  ): Promise<void>;
}

export function clientleak(options: ClientleakPluginOptions = {}): ClientleakVitePlugin {
  checkPluginOptions(options);
  // Set by Vite; plain Rollup has no resolved config and runs with the working directory as the root.
  let config: ResolvedViteConfig | undefined;
  return {
    name: "clientleak",
    // After Vite's own plugins, so the HTML entry and every other emitted asset is in the bundle.
    enforce: "post",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    async buildStart() {
      const files = copiedFromPublic(config);
      if (!config || files.length === 0) return;
      const verdict = await checkBuildOutput(
        {
          root: config.root,
          outDir: path.resolve(config.root, config.build?.outDir ?? "dist"),
          files,
          inlined: [],
          runsInBrowser: true,
        },
        options,
      );
      for (const warning of verdict.warnings) this.warn(warning);
      if (verdict.error) failWithMessageOnly(this, verdict.error);
    },
    async generateBundle(outputOptions, bundle) {
      const root = config?.root ?? process.cwd();
      const outDir = path.resolve(root, outputOptions.dir ?? path.dirname(outputOptions.file ?? "index.js"));
      const output: BuildOutput = {
        root,
        outDir,
        files: Object.values(bundle).map(toEmittedFile),
        inlined: config ? inlinedByVite(config) : [],
        runsInBrowser: !config?.build?.ssr,
      };
      const verdict = await checkBuildOutput(output, options);
      for (const warning of verdict.warnings) this.warn(warning);
      if (verdict.error) failWithMessageOnly(this, verdict.error);
    },
    closeBundle() {
      restoreStackTraces?.();
    },
  };
}

export default clientleak;

let restoreStackTraces: (() => void) | undefined;

/**
 * Fails the build with clientleak's message and nothing else. Rolldown wraps a plugin's error in one of
 * its own, created while the failure unwinds, and `vite build` prints that wrapper's stack: frames of
 * rolldown and Vite that say nothing to the user and bury the message. So at most one frame is recorded
 * while the failed build unwinds; closeBundle (or, failing that, a timer) restores the limit.
 */
function failWithMessageOnly(context: PluginContextShape, message: string): never {
  if (!restoreStackTraces) {
    const limit = Error.stackTraceLimit;
    const timer = setTimeout(() => restoreStackTraces?.(), 10_000);
    timer.unref();
    restoreStackTraces = () => {
      Error.stackTraceLimit = limit;
      clearTimeout(timer);
      restoreStackTraces = undefined;
    };
    // One frame, not none: Node prints an error without frames with its message twice.
    Error.stackTraceLimit = 1;
  }
  const error = new Error(message);
  // Rolldown prints a plugin error's stack after its message, less the message itself: leave it nothing.
  error.stack = `Error: ${message}`;
  return context.error(error);
}

function toEmittedFile(entry: BundleEntry): EmittedFile {
  return entry.type === "chunk"
    ? { fileName: entry.fileName, kind: "chunk", contents: entry.code }
    : { fileName: entry.fileName, kind: "asset", contents: entry.source };
}

/**
 * Vite copies `public/` into the output directory verbatim (client builds, unless `copyPublicDir: false`);
 * a `public/config.js` ships as `dist/config.js`. The copy happens when output starts, before
 * generateBundle, so these files are checked at buildStart: a leak stops the build before anything is
 * written.
 */
function copiedFromPublic(config: ResolvedViteConfig | undefined): EmittedFile[] {
  if (!config?.publicDir || config.build?.copyPublicDir === false || config.build?.ssr) return [];
  return copiedFiles(config.publicDir);
}

/** Vite replaces `import.meta.env.VITE_X` with the variable's value, and `define` keys with their code. */
function inlinedByVite(config: ResolvedViteConfig): InlinedValue[] {
  const env = Object.entries(config.env ?? {}).flatMap(([key, value]) =>
    typeof value === "string" ? [{ name: `import.meta.env.${key}`, value }] : [],
  );
  return [...env, ...inlinedFromDefinitions(config.define ?? {})];
}
