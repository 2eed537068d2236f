// ES module half of module-log.cjs: runs on Node's loader thread and logs each resolved URL.
import fs from "node:fs";

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.CLIENTLEAK_BENCH_MODULES)
    fs.appendFileSync(process.env.CLIENTLEAK_BENCH_MODULES, `${resolved.url}\n`);
  return resolved;
}
