/**
 * Bundles the two entry points that must run straight from a checkout of this repository, without
 * `npm install` or a build: the GitHub Action (action/dist/index.mjs, action.yml's `main`) and the CLI the
 * pre-commit hook runs (action/dist/cli.mjs, see .pre-commit-hooks.yaml). Each is one ESM file with every
 * dependency inside. Both are committed; test/action.test.ts rebuilds them in memory and fails when a
 * committed file is stale.
 *
 *   node scripts/build-action.mjs          (npm run build:action)
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Output file (relative to the repository) → entry point, and whether it is run as an executable. */
export const BUNDLES = [
  { output: "action/dist/index.mjs", entry: "src/action/main.ts", executable: false },
  { output: "action/dist/cli.mjs", entry: "src/cli/main.ts", executable: true },
];

/** Some dependencies are CommonJS and call require(): give the ESM bundle one. */
const REQUIRE_SHIM =
  'import { createRequire as __clientleakCreateRequire } from "node:module";\nconst require = __clientleakCreateRequire(import.meta.url);';

/**
 * The sources load heavy dependencies at first use with `createRequire(import.meta.url)("pkg")`, which
 * esbuild cannot see. Rewritten to a plain `require("pkg")`, the dependency is bundled as a CommonJS module
 * that still runs only when first required, so the bundle works from a checkout with no node_modules.
 */
const LAZY_REQUIRE = /createRequire\(import\.meta\.url\)\(("[^"]{1,100}")\)/g;
const bundleLazyRequires = {
  name: "bundle-lazy-requires",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      return { contents: source.replace(LAZY_REQUIRE, "require($1)"), loader: "ts" };
    });
  },
};

/** The bundle's text. Deterministic: same sources and esbuild version, same bytes. */
export async function bundle({ entry }) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    write: false,
    legalComments: "none",
    // The CLI entry's own `#!/usr/bin/env node` line is kept first by esbuild.
    banner: { js: REQUIRE_SHIM },
    logLevel: "warning",
    // A worktree whose node_modules is a link to another checkout's must bundle byte for byte what a
    // plain clone bundles: module paths in the output's comments stay as seen from this root.
    preserveSymlinks: true,
    plugins: [bundleLazyRequires],
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const target of BUNDLES) {
    const file = path.join(root, target.output);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await bundle(target));
    if (target.executable) chmodSync(file, 0o755);
    console.log(`wrote ${target.output}`);
  }
}
