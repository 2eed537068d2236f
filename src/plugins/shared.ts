/**
 * The common core of the bundler plugins: options in, emitted files scanned by the same engine, rules,
 * config and pipeline as the CLI, a readable redacted verdict out. The Vite and webpack plugins only
 * translate their bundler's shapes into a BuildOutput and the verdict into the bundler's errors.
 *
 * This module is imported eagerly by the plugins, so it only imports light modules statically; the
 * engine (rules, extractors, matcher) is loaded with `import()` when the first bundle is checked, so a
 * build spends nothing on clientleak before its bundle phase.
 */
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ScanSettings } from "../config/resolve.js";
import type { PipelineStep } from "../findings/pipeline.js";
import { isRoutineSkip } from "../model/diagnostics.js";
import {
  atLeast,
  type Diagnostic,
  type Finding,
  type Occurrence,
  SEVERITIES,
  type Severity,
} from "../model/types.js";
import { headlineGroups } from "../report/headline.js";
import { findingSummary, sentence } from "../report/message.js";
import { skipReasonByName } from "../walk/classify.js";
import type { FileSource } from "../walk/source.js";

export interface ClientleakPluginOptions {
  /** Lowest severity that fails the build (default: the config's `failOn`, else `low`). */
  failOn?: Severity;
  /** A clientleak.config.json; default: the one in the project root, as the CLI finds it. */
  config?: string;
  /** A baseline file: findings recorded in it do not fail the build. */
  baseline?: string;
  /** Only check emitted files matching these globs (relative to the project root or the output directory). */
  include?: string[];
  /** Skip emitted files matching these globs. */
  exclude?: string[];
  /** Report findings as build warnings instead of failing the build. */
  warnOnly?: boolean;
}

/**
 * One file the build writes to the output directory: in memory (a chunk or asset the bundler produced), or
 * on disk (a file the build copies verbatim, like Vite's `public/`), read only when it is scanned.
 */
export type EmittedFile =
  | {
      /** Relative to the output directory, as the bundler names it (`assets/index-4f9a1c.js`). */
      fileName: string;
      /** A code chunk or any other asset (source map, HTML, CSS, a copy plugin's file). */
      kind: "chunk" | "asset";
      contents: string | Uint8Array;
    }
  | { fileName: string; kind: "copied"; from: string; size: number };

/** A value the bundler inlines under a name: a `VITE_` variable, a DefinePlugin entry. */
export interface InlinedValue {
  /** The expression the source code reads it through: `import.meta.env.VITE_MEDBLOCKS_API_KEY`. */
  name: string;
  value: string;
}

export interface BuildOutput {
  /** The project root: config lookup, displayed paths and globs are relative to it. */
  root: string;
  /** Absolute output directory the files would be written to. */
  outDir: string;
  files: readonly EmittedFile[];
  /** Values inlined by name, to say which variable carried a leaked secret. */
  inlined: readonly InlinedValue[];
  /** False for server builds (Vite SSR, webpack `target: "node"`): client-only rules then stay quiet. */
  runsInBrowser: boolean;
}

export interface BuildVerdict {
  /** Fails the build when set (unless `warnOnly`, which turns it into a warning). */
  error?: string;
  warnings: string[];
}

/** Occurrences listed per finding before the rest are only counted: a build error should stay readable. */
const OCCURRENCES_SHOWN = 4;
/** Thrown at plugin creation, so a typo in the bundler config fails before anything is built. */
export function checkPluginOptions(options: ClientleakPluginOptions): void {
  const problems: string[] = [];
  if (options.failOn !== undefined && !(SEVERITIES as readonly string[]).includes(options.failOn)) {
    problems.push(`failOn must be one of ${SEVERITIES.join(", ")}, not ${JSON.stringify(options.failOn)}`);
  }
  for (const key of ["config", "baseline"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "string")
      problems.push(`${key} must be a file path`);
  }
  for (const key of ["include", "exclude"] as const) {
    const globs = options[key];
    if (globs !== undefined && !(Array.isArray(globs) && globs.every((glob) => typeof glob === "string"))) {
      problems.push(`${key} must be an array of glob strings`);
    }
  }
  if (problems.length > 0) throw new Error(`clientleak plugin options: ${problems.join("; ")}`);
}

/**
 * Flatten DefinePlugin / Vite `define` tables into named values. Values are code: `JSON.stringify(key)`
 * gives `"mb_sk_live_…"`, so the parsed string is kept as well as the code itself (a PEM's newlines are
 * escaped in the code and real in the bundle's cooked strings). Nested objects are webpack's
 * `{ "process.env": { KEY: … } }` form.
 */
export function inlinedFromDefinitions(
  definitions: Readonly<Record<string, unknown>>,
  prefix = "",
): InlinedValue[] {
  const values: InlinedValue[] = [];
  for (const [key, code] of Object.entries(definitions)) {
    const name = `${prefix}${key}`;
    if (typeof code === "string") {
      values.push({ name, value: code });
      const parsed = parseStringLiteral(code);
      if (parsed !== undefined && parsed !== code) values.push({ name, value: parsed });
    } else if (code !== null && typeof code === "object" && !Array.isArray(code)) {
      values.push(...inlinedFromDefinitions(code as Record<string, unknown>, `${name}.`));
    }
  }
  return values;
}

function parseStringLiteral(code: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(code);
    return typeof parsed === "string" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Scan the emitted files and decide whether the build may go on. */
export async function checkBuildOutput(
  output: BuildOutput,
  options: ClientleakPluginOptions,
): Promise<BuildVerdict> {
  const [{ scanWorkflow }, { createPathMatcher, toPosix }, { where }] = await Promise.all([
    import("../workflow/scan.js"),
    import("../walk/path-match.js"),
    import("../report/text.js"),
  ]);
  const kinds = new Map<string, EmittedFile["kind"]>();
  // The CLI's workflow (config, inline ignores, baseline, pipeline) with the emitted files as the file list.
  const collect = (settings: ScanSettings) => {
    const included = createPathMatcher(settings.include, settings.globBases);
    const excluded = createPathMatcher(settings.exclude, settings.globBases);
    const files: FileSource[] = [];
    for (const file of output.files) {
      const absolutePath = path.resolve(output.outDir, file.fileName);
      const source = toFileSource(file, absolutePath, toPosix(path.relative(output.root, absolutePath)));
      if (settings.include.length > 0 && !included(source.absolutePath)) continue;
      if (excluded(source.absolutePath)) continue;
      kinds.set(source.path, file.kind);
      files.push(source);
    }
    return { files, diagnostics: [] };
  };
  const carriers = new Map<string, string[]>();
  const outcome = await scanWorkflow({
    paths: [output.outDir],
    cwd: output.root,
    collect,
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    // Everything a browser build emits ships to the browser, whatever its folder names say.
    ...(output.runsInBrowser ? { client: ["**"] } : { server: ["**"] }),
    extraSteps: [recordCarriers(output.inlined, carriers)],
  });

  const { failOn } = outcome.settings;
  const blocking = outcome.failing.filter((finding) => atLeast(finding.severity, failOn));
  const warnings = describeDiagnostics(outcome.diagnostics);
  if (blocking.length === 0) return { warnings };
  const report = formatBuildFindings(blocking, {
    failOn,
    warnOnly: options.warnOnly ?? false,
    carriers,
    kindOf: (displayPath) => kinds.get(displayPath) ?? "asset",
    where,
  });
  return options.warnOnly ? { warnings: [report, ...warnings] } : { error: report, warnings };
}

function toFileSource(file: EmittedFile, absolutePath: string, displayPath: string): FileSource {
  if (file.kind === "copied") {
    return { path: displayPath, absolutePath, size: file.size, read: () => readFile(file.from) };
  }
  const { contents } = file;
  const bytes =
    typeof contents === "string"
      ? Buffer.from(contents)
      : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
  return {
    path: displayPath,
    absolutePath,
    size: bytes.length,
    read: async () => bytes,
  };
}

/**
 * The files under `dir` a build copies verbatim into its output (Vite's `public/`), as EmittedFiles named
 * as they will be in the output. Images, fonts and media are left out by name, as the CLI's walk does.
 */
export function copiedFiles(dir: string): EmittedFile[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return names.flatMap((name): EmittedFile[] => {
    const from = path.join(dir, name);
    const stat = statSync(from, { throwIfNoEntry: false });
    const fileName = name.split(path.sep).join("/");
    if (!stat?.isFile() || skipReasonByName(fileName)) return [];
    return [{ fileName, kind: "copied", from, size: stat.size }];
  });
}

/**
 * The secret is only in reach inside the pipeline (everything after it is redacted), so this step is
 * where a finding is matched to the inlined value that contains it. It hides nothing; it records the
 * names by fingerprint for the message.
 */
function recordCarriers(inlined: readonly InlinedValue[], carriers: Map<string, string[]>): PipelineStep {
  return (findings) => {
    for (const finding of findings) {
      const names = [
        ...new Set(inlined.filter(({ value }) => value.includes(finding.secret)).map(({ name }) => name)),
      ];
      if (names.length > 0) carriers.set(finding.fingerprint, names);
    }
    return { findings };
  };
}

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((diagnostic) => !isRoutineSkip(diagnostic))
    .map((diagnostic) => `clientleak: ${diagnostic.path ? `${diagnostic.path}: ` : ""}${diagnostic.message}`);
}

interface FormatContext {
  failOn: Severity;
  warnOnly: boolean;
  /** Fingerprint → expressions of the inlined values that carried the secret. */
  carriers: ReadonlyMap<string, readonly string[]>;
  kindOf(displayPath: string): EmittedFile["kind"];
  /** The CLI's `path:line:column` (loaded with the engine: the report module is not light). */
  where(occurrence: Pick<Occurrence, "location">): string;
}

/** Findings are already redacted by the pipeline; this only lays them out for a build log. */
export function formatBuildFindings(findings: readonly Finding[], context: FormatContext): string {
  const count = headlineGroups(findings)
    .map((group) => group.label)
    .join(" and ");
  const consequence = context.warnOnly
    ? "would ship (warnOnly: the build goes on)"
    : "would ship: the build is stopped";
  const lines = [`clientleak: ${count} at or above "${context.failOn}" in the build output ${consequence}.`];
  for (const finding of findings) {
    lines.push("", `${finding.severity.toUpperCase()}  ${finding.title}  (${finding.ruleId})`);
    // Whole sentences, as SARIF and annotations say it (report/message.ts): "…to a vendor. Secret: whsec_…".
    lines.push(`  what    ${findingSummary(finding)}`);
    for (const occurrence of finding.occurrences.slice(0, OCCURRENCES_SHOWN)) {
      lines.push(...describeOccurrence(occurrence, context));
    }
    const more = finding.occurrences.length - OCCURRENCES_SHOWN;
    if (more > 0) lines.push(`  … and ${more} more place${more === 1 ? "" : "s"}`);
    for (const name of context.carriers.get(finding.fingerprint) ?? []) lines.push(`  via     ${name}`);
    if (finding.remediation) lines.push(`  fix     ${sentence(finding.remediation)}`);
  }
  return lines.join("\n");
}

function describeOccurrence(occurrence: Occurrence, context: FormatContext): string[] {
  const label = occurrence.location.virtualSource ? "map" : context.kindOf(occurrence.location.path);
  const lines = [`  ${label.padEnd(6)}  ${context.where(occurrence)}`];
  if (occurrence.original) lines.push(`  source  ${context.where({ location: occurrence.original })}`);
  return lines;
}
