/**
 * The engine end to end: settings → files → per-file scan → findings pipeline → ScanResult.
 * Reporters and the CLI sit on top; git modes and the bundler plugins hand in their own FileSources.
 */

import { performance } from "node:perf_hooks";
import { allRules } from "../../rules/index.js";
import { expandPacked } from "../archive/expand.js";
import { defaultPackLimits } from "../archive/limits.js";
import { resolveSettings, type ScanSettings, type SettingOverrides } from "../config/resolve.js";
import { hasherFor } from "../findings/fingerprint.js";
import { buildFindings, type PipelineStep } from "../findings/pipeline.js";
import { SecretRedactor } from "../findings/redact.js";
import { append } from "../model/append.js";
import { timing } from "../model/timing.js";
import type { Diagnostic, Finding, FoundSecret, ScanResult } from "../model/types.js";
import type { Rule } from "../rule-kit/index.js";
import { originalInTree } from "../sourcemap/paths.js";
import { gitFileStates } from "../walk/git.js";
import { createPathMatcher } from "../walk/path-match.js";
import type { FileSource } from "../walk/source.js";
import { type WalkResult, walkRoots } from "../walk/walker.js";
import { redactorFor } from "./known-secrets.js";
import { scanFiles } from "./pool/scan-files.js";
import { createProgressTracker, type ProgressListener } from "./progress.js";
import { assembleRules, proveCustomRules, ruleSetSpec } from "./rule-set.js";
import { compiledFor } from "./scan-text.js";
import { type Shard, selectShard } from "./shard.js";

export interface ScanOptions extends SettingOverrides {
  /** Files and directories to scan; default the working directory. */
  paths?: string[];
  cwd?: string;
  rules?: readonly Rule[];
  showSecrets?: boolean;
  /** Extra findings-pipeline steps (suppressions, baseline), run after the allowlists. */
  extraSteps?: readonly PipelineStep[];
  /** Key of the findings' published hashes; default the run's (findings/fingerprint.ts). */
  hashKey?: string;
  /** Worker threads; default one per core. Small scans run inline whatever this says. */
  jobs?: number;
  /** Scan only this shard of the walked files (`--shard i/n`). */
  shard?: Shard;
  /** Called as each file is taken up, for a progress line. */
  onProgress?: ProgressListener;
  /** Where the files come from; default: walk the roots. The git modes read the index or a commit. */
  collect?: (settings: ScanSettings) => Promise<WalkResult> | WalkResult;
}

export interface ScanOutcome extends ScanResult {
  settings: ScanSettings;
  /**
   * Knows every secret this scan found: findings and diagnostics come out already passed through it, and
   * whatever the caller adds to the output (workflow diagnostics, messages) must pass through it too.
   */
  redactor: SecretRedactor;
  /** The rules this scan ran (built-in or the caller's, less those turned off, plus custom rules). */
  rules: readonly Rule[];
}

export function ruleIds(rules: readonly Rule[] = allRules): Set<string> {
  return new Set(rules.map((rule) => rule.id));
}

export function settingsFor(options: ScanOptions): ScanSettings {
  const cwd = options.cwd ?? process.cwd();
  return resolveSettings(options.paths?.length ? options.paths : ["."], cwd, options, ruleIds(options.rules));
}

/** Walk the roots in `options.paths` and scan every file found. */
export async function scan(options: ScanOptions = {}): Promise<ScanOutcome> {
  const started = performance.now();
  const settings = settingsFor(options);
  const walkStarted = timing?.start() ?? 0;
  const walkedAll = await (options.collect ?? walkRoots)(settings);
  timing?.stop("walk", walkStarted);
  const walked = options.shard ? selectShard(walkedAll, options.shard) : walkedAll;
  const result = await scanSources(walked.files, settings, options, walked.diagnostics);
  return {
    ...result,
    stats: { ...result.stats, durationMs: performance.now() - started },
    settings,
  };
}

/** The rule set a scan with these settings runs; custom rules are proven first (a ConfigError if not). */
export function rulesFor(settings: ScanSettings, base: readonly Rule[] = allRules): readonly Rule[] {
  if (settings.customRules.length > 0) proveCustomRules(settings);
  return assembleRules(base, ruleSetSpec(settings));
}

/** Scan a given list of files (from the walker, the git index or a commit) with resolved settings. */
export async function scanSources(
  files: readonly FileSource[],
  settings: ScanSettings,
  options: Pick<ScanOptions, "rules" | "showSecrets" | "extraSteps" | "jobs" | "onProgress" | "hashKey"> = {},
  earlierDiagnostics: readonly Diagnostic[] = [],
): Promise<ScanResult & { rules: readonly Rule[]; redactor: SecretRedactor }> {
  const started = performance.now();
  const rules = rulesFor(settings, options.rules);
  const diagnostics: Diagnostic[] = [...earlierDiagnostics];
  const found: FoundSecret[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;

  // Archives and .gz/.br assets become the files they hold (app.apk!/assets/index.android.bundle).
  const unpacked = await expandPacked(files, defaultPackLimits(settings.maxFileSizeBytes));
  append(diagnostics, unpacked.diagnostics);
  const progress = options.onProgress
    ? createProgressTracker(options.onProgress, diagnostics.filter((diagnostic) => diagnostic.skipped).length)
    : undefined;
  for (const result of await scanFiles(unpacked.files, settings, {
    ...options,
    ...(progress ? { progress } : {}),
  })) {
    append(found, result.found);
    append(diagnostics, result.diagnostics);
    if (result.scanned) filesScanned++;
    bytesScanned += result.bytesScanned;
  }

  const remediationById = new Map(rules.map((rule) => [rule.id, rule.remediation]));
  const isAllowedPath = createPathMatcher(settings.allowPaths, settings.globBases);
  const findingsStarted = timing?.start() ?? 0;
  const { findings, suppressed } = buildFindings(found, {
    remediation: (ruleId) => remediationById.get(ruleId) ?? "",
    severityOverrides: settings.ruleOverrides,
    isAllowedPath: (displayPath) => isAllowedPath(absoluteFrom(settings.cwd, displayPath)),
    allowedSecretHashes: settings.allowSecretHashes,
    showSecrets: options.showSecrets ?? false,
    fileStates: (paths) => gitFileStates(settings.cwd, paths),
    ...(options.extraSteps ? { extraSteps: options.extraSteps } : {}),
    ...(options.hashKey === undefined ? {} : { hashKey: options.hashKey }),
  });
  markOriginalsInRepository(findings, settings);
  const redactor = options.showSecrets
    ? SecretRedactor.none
    : redactorFor(found, diagnostics, compiledFor(rules));
  timing?.stop("findings", findingsStarted);
  return {
    rules,
    redactor,
    hashKeyId: hasherFor(options.hashKey).keyId,
    findings: redactor.deep(findings),
    diagnostics: redactor.deep(diagnostics),
    stats: {
      filesScanned,
      filesSkipped: diagnostics.filter((diagnostic) => diagnostic.skipped).length,
      bytesScanned,
      durationMs: performance.now() - started,
      suppressed,
    },
  };
}

function absoluteFrom(cwd: string, displayPath: string): string {
  return displayPath.startsWith("/") ? displayPath : `${cwd}/${displayPath}`;
}

/**
 * A source map names original files by path; whether that path exists in the checkout decides whether
 * SARIF can make it the primary location. Only looked up for findings, which are few.
 */
function markOriginalsInRepository(findings: readonly Finding[], settings: ScanSettings): void {
  for (const finding of findings) {
    for (const occurrence of finding.occurrences) {
      if (occurrence.original && originalInTree(occurrence.original.path, settings.cwd, settings.roots)) {
        occurrence.originalInRepository = true;
      }
    }
  }
}
