// Preloaded with `node --require` by the benchmark's start-up check: logs every module the CLI loads (CommonJS
// through Module._load, ES modules through a resolve hook) to $CLIENTLEAK_BENCH_MODULES, so the bench can
// tell whether a small scan pulled in @babel/parser, trace-mapping or the worker pool.
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const target = process.env.CLIENTLEAK_BENCH_MODULES;
if (target) {
  const load = Module._load;
  Module._load = function logged(request, parent, isMain, ...rest) {
    try {
      fs.appendFileSync(target, `${Module._resolveFilename(request, parent, isMain)}\n`);
    } catch {
      fs.appendFileSync(target, `${request}\n`);
    }
    return load.call(this, request, parent, isMain, ...rest);
  };
  Module.register(pathToFileURL(path.join(__dirname, "module-log-hooks.mjs")));
}
