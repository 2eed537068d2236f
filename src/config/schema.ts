/**
 * The JSON Schema of `clientleak.config.json`, built from the validator's own key lists and patterns so
 * the two cannot drift (`npm run schema` writes clientleak.schema.json; a test checks it is fresh). The
 * schema is for editors: completion and red squiggles. The validator stays the authority at run time
 * (it also proves custom rules' patterns and examples, and knows the rule ids of this version).
 */
import { SEVERITIES } from "../model/types.js";
import { ID_SHAPE, type SPEC_KEYS } from "./custom-rules.js";
import { type ALLOW_KEYS, SHA256, type TOP_LEVEL_KEYS } from "./validate.js";

const stringArray = (description: string) => ({
  description,
  type: "array",
  items: { type: "string", minLength: 1 },
});

const CUSTOM_RULE_PROPERTIES: Record<(typeof SPEC_KEYS)[number], object> = {
  id: { description: "family/name, lower case", type: "string", pattern: ID_SHAPE.source },
  title: { type: "string", minLength: 1 },
  severity: { enum: [...SEVERITIES] },
  keywords: stringArray("Lower-case literals; one of them occurs in every match (the prefilter)."),
  pattern: {
    description: "A JavaScript regular expression with a named group (?<secret>…).",
    type: "string",
  },
  flags: { description: "Only i.", type: "string" },
  description: { type: "string", minLength: 1 },
  remediation: { type: "string", minLength: 1 },
  minEntropy: {
    description: "Minimum Shannon entropy of the secret, bits per character.",
    type: "number",
    minimum: 0,
  },
  allow: stringArray("Exact values never reported (documentation samples)."),
  examples: {
    type: "object",
    additionalProperties: false,
    required: ["positive", "negative"],
    properties: {
      positive: { type: "array", minItems: 1 },
      negative: { type: "array", minItems: 1 },
    },
  },
};

const ALLOW_PROPERTIES: Record<(typeof ALLOW_KEYS)[number], object> = {
  paths: stringArray("Globs of files whose findings are hidden."),
  secrets: {
    description: "sha256 hex digests of secrets to hide (never the secret itself).",
    type: "array",
    items: { type: "string", pattern: SHA256.source },
  },
};

const TOP_LEVEL_PROPERTIES: Record<(typeof TOP_LEVEL_KEYS)[number], object> = {
  $schema: { type: "string" },
  include: stringArray("Only scan files matching these globs."),
  exclude: stringArray("Skip files matching these globs."),
  failOn: { description: "Lowest severity that fails the run.", enum: [...SEVERITIES] },
  maxFileSize: {
    description: "Skip files larger than this many megabytes.",
    type: "number",
    exclusiveMinimum: 0,
  },
  rules: {
    description: 'Rule id (see `clientleak rules`) → severity, or "off".',
    type: "object",
    additionalProperties: { enum: ["off", ...SEVERITIES] },
  },
  allow: { type: "object", additionalProperties: false, properties: ALLOW_PROPERTIES },
  client: stringArray("Globs of files that run in the browser."),
  server: stringArray("Globs of files that run only on the server."),
  customRules: {
    description: "Plain pattern rules, proven at load time by their examples.",
    type: "array",
    items: {
      type: "object",
      additionalProperties: false,
      required: ["id", "title", "severity", "keywords", "pattern", "examples"],
      properties: CUSTOM_RULE_PROPERTIES,
    },
  },
};

export function configSchema(): object {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://github.com/clientleak/clientleak/raw/main/clientleak.schema.json",
    title: "clientleak.config.json",
    type: "object",
    additionalProperties: false,
    properties: TOP_LEVEL_PROPERTIES,
  };
}

/** The committed file's text: what `npm run schema` writes. */
export function configSchemaText(): string {
  return `${JSON.stringify(configSchema(), null, 2)}\n`;
}
