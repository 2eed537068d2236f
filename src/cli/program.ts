import { writeFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { allRules } from "../../rules/index.js";
import { isSeverity } from "../config/resolve.js";
import { ConfigError, UsageError } from "../errors.js";
import { describeError } from "../findings/redact.js";
import { FORMAT_NAMES, type FormatName, REPORTERS } from "../report/index.js";
import { scan } from "../scan.js";
import { SEVERITIES, type Severity, type Diagnostic } from "../types.js";
import { TOOL } from "../version.js";
import { EXIT, getExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";

const EXIT_CODE_HELP = `
Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, invalid config, unreadable path or internal error`;

/** How many diagnostics are written to stderr before the rest are only counted. */
const DIAGNOSTICS_SHOWN = 20;

interface ScanFlags {
  format: FormatName;
  output?: string;
  failOn?: Severity;
  showSecrets?: boolean;
  config?: string;
  include: string[];
  exclude: string[];
  maxFileSize?: number;
  color: boolean;
  quiet?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseMegabytes(value: string): number {
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new UsageError(`--max-file-size: "${value}" is not a positive number of MB`);
  return megabytes;
}

export function useColor(io: CliIo, flags: { color: boolean; output?: string }): boolean {
  if (!flags.color || flags.output || io.env.NO_COLOR !== undefined || io.env.CI !== undefined) return false;
  return io.stdout.isTTY === true;
}

function writeDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo): void {
  for (const diagnostic of diagnostics.slice(0, DIAGNOSTICS_SHOWN)) {
    io.stderr.write(`clientleak: ${diagnostic.path ? `${diagnostic.path}: ` : ""}${diagnostic.message}\n`);
  }
  if (diagnostics.length > DIAGNOSTICS_SHOWN) {
    io.stderr.write(`clientleak: … ${diagnostics.length - DIAGNOSTICS_SHOWN} more diagnostics (all of them are in --format json)\n`);
  }
}

async function runScanCommand(paths: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  const outcome = await scan({
    paths,
    cwd: io.cwd,
    ...(flags.config ? { config: flags.config } : {}),
    include: flags.include,
    exclude: flags.exclude,
    ...(flags.failOn ? { failOn: flags.failOn } : {}),
    ...(flags.maxFileSize ? { maxFileSizeMB: flags.maxFileSize } : {}),
    showSecrets: flags.showSecrets ?? false,
  });
  const report = REPORTERS[flags.format](outcome, {
    rules: allRules,
    failOn: outcome.settings.failOn,
    color: useColor(io, flags),
  });
  if (flags.output) writeFileSync(path.resolve(io.cwd, flags.output), report);
  else io.stdout.write(report);
  if (!flags.quiet) writeDiagnostics(outcome.diagnostics, io);
  return getExitCode(outcome.findings, outcome.settings.failOn);
}

function listRules(io: CliIo): number {
  const width = Math.max(...allRules.map((rule) => rule.id.length));
  for (const rule of allRules) io.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}\n`);
  return EXIT.clean;
}

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("clientleak")
    .description("Find credentials that leaked into client-side code: sources, bundles, source maps, .env files.")
    .version(TOOL.version)
    .addHelpText("after", EXIT_CODE_HELP)
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command("scan")
    .description("scan files and directories (default: the current directory)")
    .argument("[paths...]", "files or directories to scan")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMAT_NAMES).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails the run (default: low)").choices(SEVERITIES))
    .option("--show-secrets", "print secrets in full (never use in CI logs)")
    .option("-c, --config <file>", "config file (default: clientleak.config.json in the scanned directory or cwd)")
    .option("--include <glob>", "only scan files matching the glob (repeatable)", collect, [])
    .option("--exclude <glob>", "skip files matching the glob (repeatable)", collect, [])
    .option("--max-file-size <MB>", "skip files larger than this (default: 50)", parseMegabytes)
    .option("--no-color", "no ANSI colours (also: NO_COLOR, non-TTY output)")
    .option("-q, --quiet", "no diagnostics on stderr")
    .addHelpText("after", EXIT_CODE_HELP)
    .action(async (paths: string[], flags: ScanFlags) => {
      if (flags.failOn && !isSeverity(flags.failOn)) throw new UsageError(`--fail-on: unknown severity ${flags.failOn}`);
      setExitCode(await runScanCommand(paths, flags, io));
    });

  program
    .command("rules")
    .description("list every rule: id, severity, title")
    .action(() => setExitCode(listRules(io)));

  return program;
}

/** The whole CLI: parses `argv` (without node and script), runs, and returns the exit code. Never exits. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.clean;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and --version "fail" with exit code 0; everything else is a usage error already printed.
    return error.exitCode === 0 ? EXIT.clean : EXIT.error;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.stderr.write(`clientleak: ${error.message}\n`);
    return EXIT.error;
  }
  io.stderr.write(`clientleak: internal error: ${describeError(error)}\n${error instanceof Error ? redactStack(error) : ""}\n`);
  return EXIT.error;
}

/** A stack trace without its first line, which repeats the (possibly input-quoting) message. */
function redactStack(error: Error): string {
  return (error.stack ?? "").split("\n").slice(1).join("\n");
}
