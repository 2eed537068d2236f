/**
 * The Action's inputs, read the way the runner passes them: `INPUT_<NAME>` with the name upper-cased and
 * spaces turned into underscores (hyphens stay: `sarif-file` arrives as `INPUT_SARIF-FILE`).
 */
import { readFileSync } from "node:fs";
import { isSeverity } from "../config/resolve.js";
import { UsageError } from "../model/errors.js";
import type { Severity } from "../model/types.js";

/** Every input action.yml declares; test/action.test.ts keeps the two in sync. */
export const INPUT_NAMES = [
  "path",
  "mode",
  "fail-on",
  "config",
  "baseline",
  "sarif-file",
  "annotations",
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export type ActionMode = "auto" | "full" | "diff";
const MODES: readonly ActionMode[] = ["auto", "full", "diff"];
const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);

export interface ActionInputs {
  paths: string[];
  /** The commit range to scan, or undefined for a full scan. */
  range?: string;
  failOn?: Severity;
  config?: string;
  baseline?: string;
  sarifFile?: string;
  annotations: boolean;
}

export function input(env: NodeJS.ProcessEnv, name: InputName): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

function booleanInput(env: NodeJS.ProcessEnv, name: InputName, fallback: boolean): boolean {
  const value = input(env, name).toLowerCase();
  if (value === "") return fallback;
  if (["true", "yes", "1"].includes(value)) return true;
  if (["false", "no", "0"].includes(value)) return false;
  throw new UsageError(`input ${name}: "${value}" is not true or false`);
}

/** `base...head` of the pull request in the event payload. */
function pullRequestRange(env: NodeJS.ProcessEnv): string | undefined {
  if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? "") || !env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as {
    pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
  };
  const base = event.pull_request?.base?.sha;
  const head = event.pull_request?.head?.sha;
  return base && head ? `${base}...${head}` : undefined;
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const paths = input(env, "path")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const mode = (input(env, "mode") || "auto") as ActionMode;
  if (!MODES.includes(mode)) throw new UsageError(`input mode: "${mode}" is not one of ${MODES.join(", ")}`);
  const range = mode === "full" ? undefined : pullRequestRange(env);
  if (mode === "diff" && !range)
    throw new UsageError("input mode: diff needs a pull_request event (or use auto / full)");
  const failOn = input(env, "fail-on");
  if (failOn && !isSeverity(failOn))
    throw new UsageError(`input fail-on: "${failOn}" is not a severity (critical, high, medium, low, info)`);
  const config = input(env, "config");
  const baseline = input(env, "baseline");
  const sarifFile = input(env, "sarif-file");
  return {
    paths: paths.length ? paths : ["."],
    ...(range ? { range } : {}),
    ...(failOn ? { failOn: failOn as Severity } : {}),
    ...(config ? { config } : {}),
    ...(baseline ? { baseline } : {}),
    ...(sarifFile ? { sarifFile } : {}),
    annotations: booleanInput(env, "annotations", true),
  };
}
