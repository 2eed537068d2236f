#!/usr/bin/env node
// Writes docs/rules.md from the rule metadata, or with --check fails (exit 1) when it is stale.
// Reads the built rules (dist/), so run `npm run build` first.
// Usage: node scripts/gen-rule-docs.mjs [--check] [file]   (file defaults to docs/rules.md)
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allRules } from "../dist/rules/index.js";
import { renderRulesDoc } from "../dist/src/explain/rule-docs.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const file = path.resolve(root, args.find((arg) => !arg.startsWith("--")) ?? "docs/rules.md");
const wanted = renderRulesDoc(allRules);

if (check) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // A missing file is as stale as an outdated one.
  }
  if (current !== wanted) {
    process.stderr.write(
      `${path.relative(root, file)} is stale: run \`npm run build && npm run docs:rules\` and commit it.\n`,
    );
    process.exitCode = 1;
  }
} else {
  writeFileSync(file, wanted);
  process.stdout.write(`wrote ${path.relative(root, file)} (${allRules.length} rules)\n`);
}
