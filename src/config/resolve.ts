import path from "node:path";
import { SEVERITIES, type Severity } from "../model/types.js";
import type { CustomRuleSpec } from "./custom-rules.js";
import { loadConfig } from "./load.js";

/** What the command line can override. Flags win over the config file, which wins over defaults. */
export interface SettingOverrides {
  config?: string;
  include?: string[];
  exclude?: string[];
  failOn?: Severity;
  maxFileSizeMB?: number;
  /** Extra client / server globs on top of the config's (the bundler plugins know what their output is). */
  client?: string[];
  server?: string[];
}

export interface ScanSettings {
  cwd: string;
  roots: readonly string[];
  configFile?: string;
  /** Directories relative globs are resolved against: the config's directory, the cwd, each root. */
  globBases: readonly string[];
  include: readonly string[];
  exclude: readonly string[];
  failOn: Severity;
  maxFileSizeBytes: number;
  ruleOverrides: ReadonlyMap<string, Severity | "off">;
  allowPaths: readonly string[];
  allowSecretHashes: ReadonlySet<string>;
  client: readonly string[];
  server: readonly string[];
  /** Pattern rules from the config, as validated plain data (they travel to pool workers as they are). */
  customRules: readonly CustomRuleSpec[];
}

export const DEFAULT_FAIL_ON: Severity = "low";
export const DEFAULT_MAX_FILE_SIZE_MB = 50;

export function resolveSettings(
  roots: readonly string[],
  cwd: string,
  overrides: SettingOverrides,
  knownRuleIds: ReadonlySet<string>,
): ScanSettings {
  const loaded = loadConfig(overrides.config, roots, cwd, knownRuleIds);
  const file = loaded.config;
  const absoluteRoots = roots.map((root) => path.resolve(cwd, root));
  const settings: ScanSettings = {
    cwd,
    roots,
    ...(loaded.file ? { configFile: loaded.file } : {}),
    globBases: [loaded.baseDir, cwd, ...absoluteRoots],
    include: [...(file.include ?? []), ...(overrides.include ?? [])],
    exclude: [...(file.exclude ?? []), ...(overrides.exclude ?? [])],
    failOn: overrides.failOn ?? file.failOn ?? DEFAULT_FAIL_ON,
    maxFileSizeBytes: Math.round(
      (overrides.maxFileSizeMB ?? file.maxFileSize ?? DEFAULT_MAX_FILE_SIZE_MB) * 1024 * 1024,
    ),
    ruleOverrides: new Map(Object.entries(file.rules ?? {})),
    allowPaths: file.allow?.paths ?? [],
    allowSecretHashes: new Set(file.allow?.secrets ?? []),
    client: [...(file.client ?? []), ...(overrides.client ?? [])],
    server: [...(file.server ?? []), ...(overrides.server ?? [])],
    customRules: file.customRules ?? [],
  };
  return Object.freeze(settings);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
