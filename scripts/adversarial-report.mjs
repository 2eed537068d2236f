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

  // Doubling checks: cases recorded as "<name> (N=<n>)" at N and 2N; linear means 2N costs about 2x N.
  const sized = records.flatMap((r) => {
    const match = /^(.*) \(N=(\d+)\)$/.exec(r.name);
    return match ? [{ ...r, base: `${r.suite} | ${match[1]}`, n: Number(match[2]) }] : [];
  });
  const groups = new Map();
  for (const r of sized) groups.set(r.base, [...(groups.get(r.base) ?? []), r]);
  if (groups.size > 0) {
    console.log("\n| doubling check | N | 2N | wall 2N/N | peak RSS 2N/N |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    for (const [base, runs] of groups) {
      const byN = new Map(runs.map((r) => [r.n, r]));
      for (const small of runs) {
        const large = byN.get(small.n * 2);
        if (!large) continue;
        console.log(
          `| ${base} | ${small.n} | ${large.n} | ${(large.wallMs / small.wallMs).toFixed(2)} | ${(large.maxRssBytes / small.maxRssBytes).toFixed(2)} |`,
        );
      }
    }
  }
}
