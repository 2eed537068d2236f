/**
 * Bundles the GitHub Action entry (src/action/main.ts) into action/dist/index.mjs: one ESM file with every
 * dependency inside, so the Action runs without `npm install`. The bundle is committed; test/action.test.ts
 * rebuilds it in memory and fails when the committed file is stale.
 *
 *   node scripts/build-action.mjs          write action/dist/index.mjs
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ACTION_BUNDLE = path.join(root, "action/dist/index.mjs");

/** The bundle's text. Deterministic: same sources and esbuild version, same bytes. */
export async function bundleAction() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["src/action/main.ts"],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    write: false,
    legalComments: "none",
    // Some dependencies are CommonJS and call require(): give the ESM bundle one.
    banner: {
      js: 'import { createRequire as __clientleakCreateRequire } from "node:module";\nconst require = __clientleakCreateRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(path.dirname(ACTION_BUNDLE), { recursive: true });
  writeFileSync(ACTION_BUNDLE, await bundleAction());
  console.log(`wrote ${path.relative(root, ACTION_BUNDLE)}`);
}
