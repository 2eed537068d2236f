/**
 * The engine end to end: settings → files → per-file scan → findings pipeline → ScanResult.
 * Reporters and the CLI sit on top; git modes and the bundler plugins hand in their own FileSources.
 */
import { performance } from "node:perf_hooks";
import { allRules } from "../rules/index.js";
import { resolveSettings, type ScanSettings, type SettingOverrides } from "./config/resolve.js";
import { describeError } from "./findings/redact.js";
import { buildFindings, type PipelineStep } from "./findings/pipeline.js";
import { CompiledRules } from "./match/engine.js";
import type { Rule } from "./rule-kit.js";
import { type FoundSecret, scanFileText } from "./scan-file.js";
import type { Diagnostic, ScanResult } from "./types.js";
import { classify } from "./walk/classify.js";
import { createClientDetector } from "./walk/client-server.js";
import { decodeFile } from "./walk/decode.js";
import { createPathMatcher } from "./walk/path-match.js";
import type { FileSource } from "./walk/source.js";
import { walkRoots } from "./walk/walker.js";

/** How much of a file's start is looked at to classify it (minified? "use client"?). */
const HEAD_CHARS = 4096;

export interface ScanOptions extends SettingOverrides {
  /** Files and directories to scan; default the working directory. */
  paths?: string[];
  cwd?: string;
  rules?: readonly Rule[];
  showSecrets?: boolean;
  /** Extra findings-pipeline steps (suppressions, baseline), run after the allowlists. */
  extraSteps?: readonly PipelineStep[];
}

export interface ScanOutcome extends ScanResult {
  settings: ScanSettings;
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
  const walked = await walkRoots(settings);
  const result = await scanSources(walked.files, settings, options, walked.diagnostics);
  return { ...result, stats: { ...result.stats, durationMs: performance.now() - started }, settings };
}

/** Scan a given list of files (from the walker, the git index or a commit) with resolved settings. */
export async function scanSources(
  files: readonly FileSource[],
  settings: ScanSettings,
  options: Pick<ScanOptions, "rules" | "showSecrets" | "extraSteps"> = {},
  earlierDiagnostics: readonly Diagnostic[] = [],
): Promise<ScanResult> {
  const started = performance.now();
  const rules = options.rules ?? allRules;
  const compiled = new CompiledRules(rules);
  const isClient = createClientDetector({ client: settings.client, server: settings.server });
  const diagnostics: Diagnostic[] = [...earlierDiagnostics];
  const found: FoundSecret[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;

  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await file.read();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({ code: "skipped-unreadable", path: file.path, message: `skipped: cannot read (${code ?? describeError(error)})`, skipped: true });
      continue;
    }
    const decoded = decodeFile(file.path, bytes);
    if ("skipped" in decoded) {
      diagnostics.push(decoded.skipped);
      continue;
    }
    if (decoded.diagnostic) diagnostics.push(decoded.diagnostic);
    const head = decoded.text.slice(0, HEAD_CHARS);
    const output = scanFileText(
      { path: file.path, text: decoded.text, kind: classify(file.path, head), isClient: isClient(file.path, head) },
      compiled,
    );
    found.push(...output.found);
    diagnostics.push(...output.diagnostics);
    filesScanned++;
    bytesScanned += bytes.length;
  }

  const remediationById = new Map(rules.map((rule) => [rule.id, rule.remediation]));
  const isAllowedPath = createPathMatcher(settings.allowPaths, settings.globBases);
  const { findings, suppressed } = buildFindings(found, {
    remediation: (ruleId) => remediationById.get(ruleId) ?? "",
    severityOverrides: settings.ruleOverrides,
    isAllowedPath: (displayPath) => isAllowedPath(absoluteFrom(settings.cwd, displayPath)),
    allowedSecretHashes: settings.allowSecretHashes,
    showSecrets: options.showSecrets ?? false,
    ...(options.extraSteps ? { extraSteps: options.extraSteps } : {}),
  });
  return {
    findings,
    diagnostics,
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
