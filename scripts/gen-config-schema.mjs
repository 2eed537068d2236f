#!/usr/bin/env node
// Writes clientleak.schema.json (the JSON Schema of clientleak.config.json) from the built validator's
// key lists: `npm run build && npm run schema`. `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { configSchemaText } = await import(path.join(root, "dist/src/config/schema.js"));
const file = path.join(root, "clientleak.schema.json");
const text = configSchemaText();
if (process.argv.includes("--check")) {
  const current = readFileSync(file, "utf8");
  if (JSON.stringify(JSON.parse(current)) !== JSON.stringify(JSON.parse(text))) {
    console.error("clientleak.schema.json is stale: run `npm run build && npm run schema`");
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log("wrote clientleak.schema.json");
}
