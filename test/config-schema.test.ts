/**
 * The JSON Schema shipped for clientleak.config.json: fresh (generated from the validator's key lists),
 * and agreeing with the validator on what is valid, so an editor's squiggles match what `scan` says.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { configSchema, configSchemaText } from "../src/config/schema.js";
import { validateConfig } from "../src/config/validate.js";
import { REPO_ROOT } from "./support/cli.js";

const ruleIds = new Set(allRules.map((rule) => rule.id));
const validate = new Ajv({ allErrors: true, strict: false }).compile(configSchema());

const GOOD = [
  JSON.parse(readFileSync(path.join(REPO_ROOT, "clientleak.config.json"), "utf8")),
  {
    $schema: "./node_modules/clientleak/clientleak.schema.json",
    include: ["src/**"],
    failOn: "medium",
    maxFileSize: 10,
    rules: { "medblocks/sandbox-api-key": "off" },
    allow: { paths: ["fixtures/**"], secrets: ["a".repeat(64)] },
    client: ["src/components/**"],
    server: ["src/server/**"],
  },
];
const BAD = [
  { failOn: "loud" },
  { extra: 1 },
  { allow: { secrets: ["mb_sk_live_x"] } },
  { allow: { hosts: [] } },
  { maxFileSize: 0 },
  { include: "src/**" },
  { rules: { "medblocks/live-api-key": "severe" } },
  { customRules: [{ id: "Acme Token", title: "t" }] },
];

describe("clientleak.schema.json", () => {
  it("is what `npm run schema` generates from the validator now", () => {
    // Compared as data: the committed file is laid out by biome.
    const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, "clientleak.schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(configSchemaText()));
  });

  it.each(GOOD.map((config, index) => [index, config]))(
    "accepts valid config %i, as the validator does",
    (_, config) => {
      expect(validateConfig(config, ruleIds)).toEqual([]);
      expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it.each(BAD.map((config) => [JSON.stringify(config), config]))(
    "rejects %s, as the validator does",
    (_, config) => {
      expect(validateConfig(config, ruleIds)).not.toEqual([]);
      expect(validate(config)).toBe(false);
    },
  );

  it("ships in the package and is what the repository's own config points at", () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    expect(manifest.files).toContain("clientleak.schema.json");
    expect(GOOD[0].$schema).toBe("./clientleak.schema.json");
  });
});
