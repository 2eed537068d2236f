#!/usr/bin/env node
// Prints every adversarial case with its measured wall time and peak memory, from the JSON the suite
// writes under test/adversarial/results/ (run `npx vitest run test/adversarial` first). Times are
// recorded, never asserted: they depend on the machine.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../test/adversarial/results");
if (!existsSync(dir)) {
  console.error("no results yet: run `npx vitest run test/adversarial` first");
  process.exitCode = 1;
} else {
  const records = readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .flatMap((file) => JSON.parse(readFileSync(path.join(dir, file), "utf8")));
  const mb = (bytes) => (bytes / 1048576).toFixed(1);
  console.log("| suite | case | input MB | exit | wall s | peak RSS MB |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: |");
  for (const r of records) {
    console.log(
      `| ${r.suite} | ${r.name.replaceAll("|", "\\|").replaceAll("\n", " ")} | ${mb(r.inputBytes)} | ${r.exitCode} | ${(r.wallMs / 1000).toFixed(2)} | ${mb(r.maxRssBytes)} |`,
    );
  }
}
