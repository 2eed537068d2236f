import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError, describeError } from "../model/errors.js";
import { readFailure, readTextFileSync } from "../model/safe-read.js";

/** A config is a few KB; a file past this is not one (or is `/dev/zero` under the config's name). */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

import { type ConfigFile, validateConfig } from "./validate.js";

export const CONFIG_FILE_NAME = "clientleak.config.json";

export interface LoadedConfig {
  /** Absolute path of the file, or undefined when none was found. */
  file?: string;
  /** Directory that relative globs in the file are resolved against. */
  baseDir: string;
  config: ConfigFile;
}

/**
 * The config file is JSON, never code: nothing from a scanned repository is executed. Searched in the
 * first scanned directory, then the working directory, unless `--config` names one.
 */
export function loadConfig(
  explicit: string | undefined,
  roots: readonly string[],
  cwd: string,
  knownRuleIds: ReadonlySet<string>,
): LoadedConfig {
  const file = explicit ? path.resolve(cwd, explicit) : findConfig(roots, cwd);
  if (!file) return { baseDir: cwd, config: {} };
  let text: string;
  try {
    text = readTextFileSync(file, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new ConfigError(file, [`cannot be read (${readFailure(error)})`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON (${describeError(error)})`]);
  }
  const problems = validateConfig(parsed, knownRuleIds);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { file, baseDir: path.dirname(file), config: parsed as ConfigFile };
}

function findConfig(roots: readonly string[], cwd: string): string | undefined {
  const candidates = [...roots.slice(0, 1).map((root) => path.resolve(cwd, root)), cwd];
  for (const dir of candidates) {
    const file = path.join(dir, CONFIG_FILE_NAME);
    if (isDirectory(dir) && existsSync(file)) return file;
  }
  return undefined;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
