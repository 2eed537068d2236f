/**
 * Checks a parsed `clientleak.config.json` and names every problem by its key path, so one run tells
 * the user everything that is wrong rather than one error at a time.
 */
import { SEVERITIES, type Severity } from "../model/types.js";
import { type CustomRuleSpec, validateCustomRules } from "./custom-rules.js";

export interface ConfigFile {
  include?: string[];
  exclude?: string[];
  failOn?: Severity;
  maxFileSize?: number;
  rules?: Record<string, Severity | "off">;
  allow?: { paths?: string[]; secrets?: string[] };
  client?: string[];
  server?: string[];
  customRules?: CustomRuleSpec[];
}

/** The keys a config may have; `schema.ts` builds the JSON Schema from these same lists. */
export const TOP_LEVEL_KEYS = [
  "$schema",
  "include",
  "exclude",
  "failOn",
  "maxFileSize",
  "rules",
  "allow",
  "client",
  "server",
  "customRules",
] as const;
export const ALLOW_KEYS = ["paths", "secrets"] as const;
export const SHA256 = /^[0-9a-f]{64}$/;
/**
 * The most globs one list may have, and rules one config. Real configs list tens of globs; a glob compiles
 * to a matcher every file is tested against, so millions of them (#14 case 12: 3M allow paths ran out of
 * memory) are refused with their key path instead of being compiled. Secret digests go into a set and
 * are limited only by the config's size.
 */
export const MAX_CONFIG_ENTRIES = 10_000;
/** Problems listed in full; past this the message counts the rest (one bad entry a million times is one problem). */
const MAX_PROBLEMS = 20;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A glob list: checked like any string list, refused past MAX_CONFIG_ENTRIES. */
function checkGlobs(value: unknown, key: string, problems: string[]): void {
  if (Array.isArray(value) && !withinLimit(value.length, key, problems)) return;
  checkStringArray(value, key, problems);
}

/** Whether `size` entries under `key` are within MAX_CONFIG_ENTRIES; otherwise says so. */
function withinLimit(size: number, key: string, problems: string[]): boolean {
  if (size <= MAX_CONFIG_ENTRIES) return true;
  problems.push(`${key}: ${size} entries, more than the ${MAX_CONFIG_ENTRIES} a config may have`);
  return false;
}

function checkStringArray(value: unknown, key: string, problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`${key}: must be an array of strings`);
    return;
  }
  value.forEach((item, index) => {
    if (typeof item !== "string" || item.length === 0)
      problems.push(`${key}[${index}]: must be a non-empty string`);
  });
}

function checkKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  problems: string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      problems.push(`${prefix}${key}: unknown key (allowed: ${allowed.join(", ")})`);
  }
}

export function validateConfig(value: unknown, knownRuleIds: ReadonlySet<string>): string[] {
  const problems = checkConfig(value, knownRuleIds);
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `and ${problems.length - MAX_PROBLEMS} more problems`];
}

function checkConfig(value: unknown, knownRuleIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!isPlainObject(value)) return ["(root): must be a JSON object"];
  checkKeys(value, TOP_LEVEL_KEYS, "", problems);
  for (const key of ["include", "exclude", "client", "server"] as const) {
    if (value[key] !== undefined) checkGlobs(value[key], key, problems);
  }
  if (value.failOn !== undefined && !SEVERITIES.includes(value.failOn as Severity)) {
    problems.push(`failOn: must be one of ${SEVERITIES.join(", ")}`);
  }
  if (value.maxFileSize !== undefined && !(typeof value.maxFileSize === "number" && value.maxFileSize > 0)) {
    problems.push("maxFileSize: must be a positive number of megabytes");
  }
  // A custom rule's id is as good as a built-in one under "rules" (to turn it off or change its severity).
  const ruleIds = new Set(knownRuleIds);
  const customRulesCount = Array.isArray(value.customRules) ? value.customRules.length : 0;
  if (value.customRules !== undefined && withinLimit(customRulesCount, "customRules", problems)) {
    for (const problem of validateCustomRules(value.customRules, knownRuleIds)) problems.push(problem);
    if (Array.isArray(value.customRules)) {
      for (const spec of value.customRules)
        if (isPlainObject(spec) && typeof spec.id === "string") ruleIds.add(spec.id);
    }
  }
  if (value.rules !== undefined) {
    if (!isPlainObject(value.rules)) problems.push('rules: must be an object of rule id → severity or "off"');
    else if (withinLimit(Object.keys(value.rules).length, "rules", problems)) {
      for (const [id, setting] of Object.entries(value.rules)) {
        if (!ruleIds.has(id)) problems.push(`rules.${id}: unknown rule id (see \`clientleak rules\`)`);
        if (setting !== "off" && !SEVERITIES.includes(setting as Severity)) {
          problems.push(`rules.${id}: must be "off" or one of ${SEVERITIES.join(", ")}`);
        }
      }
    }
  }
  if (value.allow !== undefined) {
    if (!isPlainObject(value.allow)) problems.push("allow: must be an object with paths and/or secrets");
    else {
      checkKeys(value.allow, ALLOW_KEYS, "allow.", problems);
      if (value.allow.paths !== undefined) checkGlobs(value.allow.paths, "allow.paths", problems);
      if (value.allow.secrets !== undefined) {
        checkStringArray(value.allow.secrets, "allow.secrets", problems);
        if (Array.isArray(value.allow.secrets)) {
          value.allow.secrets.forEach((hash, index) => {
            if (typeof hash === "string" && !SHA256.test(hash)) {
              problems.push(
                `allow.secrets[${index}]: must be a lower-case sha256 hex digest of the secret, never the secret`,
              );
            }
          });
        }
      }
    }
  }
  return problems;
}
