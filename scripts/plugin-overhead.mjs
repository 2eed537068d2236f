#!/usr/bin/env node
// Measures what the Vite plugin adds to a real build: generates a medium app (MODULES small modules plus
// @babel/parser and commander bundled in from node_modules), then runs `vite build` with source maps in a
// fresh Node process per run, with and without clientleak, alternating, RUNS times each. With the plugin,
// the time spent inside its generateBundle hook (loading the engine + the scan) is reported too, so what
// the plugin costs beyond its own scan can be read off: (with − without) − hook.
//
//   npm run build && node scripts/plugin-overhead.mjs [runs]
//
// Uses the built plugin (dist/src/plugins/vite.js) and the repository's own Vite; writes only to a temp
// folder, which it removes.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.argv[2] ?? 3);
const MODULES = 400;

const root = mkdtempSync(path.join(tmpdir(), "clientleak-overhead-"));
try {
  generateApp(root);
  const times = { without: [], with: [], hook: [], cpuWithout: [], cpuWith: [] };
  for (let run = 0; run < RUNS; run++) {
    const without = timeBuild(root, false);
    times.without.push(without.total);
    times.cpuWithout.push(without.cpu);
    const withPlugin = timeBuild(root, true);
    times.with.push(withPlugin.total);
    times.hook.push(withPlugin.hook);
    times.cpuWith.push(withPlugin.cpu);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  // CPU time (all threads of the build process) is reported too: wall time is at the mercy of a busy machine.
  const labels = {
    without: "wall, without plugin",
    with: "wall, with plugin",
    hook: "  of which in the hook",
    cpuWithout: "cpu, without plugin",
    cpuWith: "cpu, with plugin",
  };
  for (const [variant, values] of Object.entries(times)) {
    console.log(
      `${labels[variant].padEnd(22)} ${values.map((ms) => `${ms} ms`).join(", ")} (median ${median(values)} ms)`,
    );
  }
  const overhead = median(times.with) - median(times.without);
  console.log(
    `overhead: ${overhead} ms wall on the median (${((overhead / median(times.without)) * 100).toFixed(1)}%), ` +
      `${median(times.cpuWith) - median(times.cpuWithout)} ms cpu`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

function generateApp(dir) {
  mkdirSync(path.join(dir, "src/modules"), { recursive: true });
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  writeFileSync(path.join(dir, "index.html"), '<script type="module" src="/src/main.js"></script>\n');
  const imports = [];
  for (let index = 0; index < MODULES; index++) {
    imports.push(`import { render${index} } from "./modules/m${index}.js";`);
    writeFileSync(path.join(dir, `src/modules/m${index}.js`), moduleSource(index));
  }
  writeFileSync(
    path.join(dir, "src/main.js"),
    `${imports.join("\n")}
import { parse } from "@babel/parser";
import { Command } from "commander";
const program = new Command("portal");
const ast = parse(document.body.dataset.code ?? "1 + 1");
document.body.append(${Array.from({ length: MODULES }, (_, index) => `render${index}(ast)`).join(", ")}, program.name());
`,
  );
}

function moduleSource(index) {
  return `const LABELS = ${JSON.stringify(Array.from({ length: 20 }, (_, n) => `label ${index}.${n}: patient record field`))};
export function render${index}(ast) {
  const list = document.createElement("ul");
  for (const [position, label] of LABELS.entries()) {
    const item = document.createElement("li");
    item.textContent = \`\${label} (\${position}) \${ast.type}\`;
    item.dataset.module = "${index}";
    list.append(item);
  }
  return list;
}
`;
}

function timeBuild(dir, withPlugin) {
  const vite = pathToFileURL(path.join(repoRoot, "node_modules/vite/dist/node/index.js")).href;
  const plugin = pathToFileURL(path.join(repoRoot, "dist/src/plugins/vite.js")).href;
  const script = `
    const { build } = await import(${JSON.stringify(vite)});
    let hook = 0;
    const plugins = [];
    if (${withPlugin}) {
      const plugin = (await import(${JSON.stringify(plugin)})).clientleak();
      const check = plugin.generateBundle;
      plugin.generateBundle = async function (...args) {
        const entered = performance.now();
        try { return await check.apply(this, args); } finally { hook += performance.now() - entered; }
      };
      plugins.push(plugin);
    }
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await build({ root: ${JSON.stringify(dir)}, configFile: false, logLevel: "silent", build: { sourcemap: true }, plugins });
    const cpu = process.cpuUsage(cpuBefore);
    console.log(JSON.stringify({ total: Math.round(performance.now() - started), hook: Math.round(hook), cpu: Math.round((cpu.user + cpu.system) / 1000) }));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1));
}
