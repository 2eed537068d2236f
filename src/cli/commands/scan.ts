import { Option } from "commander";
import { parseShard, type Shard } from "../../engine/shard.js";
import { HASH_KEY_ENV, hasSharedHashKey } from "../../findings/fingerprint.js";
import { UsageError } from "../../model/errors.js";
import { timing } from "../../model/timing.js";
import { SEVERITIES, type Severity } from "../../model/types.js";
import { FORMAT_NAMES, type FormatName, REPORTERS } from "../../report/index.js";
import { commitBlockedMessage, runsAsCommitHook } from "../../workflow/commit-guard.js";
import { useColor, writeDiagnostics } from "../../workflow/diagnostics.js";
import { type CliIo, outputTarget, writeOutput } from "../../workflow/io.js";
import { scanWorkflow, workflowExitCode } from "../../workflow/scan.js";
import { stdinFiles, wantsStdin } from "../../workflow/stdin.js";
import { startProgress } from "../progress.js";
import { type CommandContext, EXIT_CODE_HELP } from "./context.js";

export interface ScanFlags {
  format: FormatName;
  output?: string;
  failOn?: Severity;
  showSecrets?: boolean;
  config?: string;
  include: string[];
  exclude: string[];
  maxFileSize?: number;
  jobs?: number;
  shard?: Shard;
  color: boolean;
  quiet?: boolean;
  staged?: boolean;
  diff?: string;
  since?: string;
  failOnExisting?: boolean;
  baseline?: string;
  reportUnusedIgnores?: boolean;
  progress?: boolean;
  verbose?: boolean;
  stdinFilename?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs: "${value}" is not a whole number ≥ 1`);
  return jobs;
}

function parseMegabytes(value: string): number {
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0)
    throw new UsageError(`--max-file-size: "${value}" is not a positive number of MB`);
  return megabytes;
}

async function runScan(paths: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  // Checked first: a mistyped --output directory is a usage error now, not after a long scan.
  const output = flags.output === undefined ? undefined : outputTarget(flags.output, io.cwd);
  const fromStdin = wantsStdin(paths);
  if (flags.stdinFilename !== undefined && !fromStdin)
    throw new UsageError("--stdin-filename names standard input: scan `-` with it");
  if (fromStdin && (flags.staged || flags.diff || flags.since))
    throw new UsageError(
      "`-` (standard input) is one file: it cannot be read from git with --staged, --diff or --since",
    );
  if (flags.shard && flags.shard.count > 1 && !hasSharedHashKey())
    throw new UsageError(
      `--shard: set ${HASH_KEY_ENV} to the same secret value in every shard job, so \`clientleak merge\` can tell which findings of different shards are one secret (without it, each run keys its hashes with a random key of its own)`,
    );
  const progress = startProgress(io, flags);
  const outcome = await scanWorkflow({
    paths: fromStdin ? [] : paths,
    ...(fromStdin ? { collect: stdinFiles(io.stdin ?? [], flags.stdinFilename) } : {}),
    ...(flags.staged ? { staged: true } : {}),
    ...(flags.diff ? { diff: flags.diff } : {}),
    ...(flags.since ? { since: flags.since } : {}),
    ...(flags.baseline ? { baseline: flags.baseline } : {}),
    failOnExisting: flags.failOnExisting ?? false,
    cwd: io.cwd,
    ...(flags.config ? { config: flags.config } : {}),
    include: flags.include,
    exclude: flags.exclude,
    ...(flags.failOn ? { failOn: flags.failOn } : {}),
    ...(flags.maxFileSize ? { maxFileSizeMB: flags.maxFileSize } : {}),
    showSecrets: flags.showSecrets ?? false,
    ...(flags.jobs ? { jobs: flags.jobs } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  }).finally(() => progress?.finish());
  const reportStarted = timing?.start() ?? 0;
  const report = REPORTERS[flags.format](outcome, {
    rules: outcome.rules,
    failOn: outcome.settings.failOn,
    color: useColor(io, flags),
    verbose: flags.verbose ?? false,
  });
  if (output) writeOutput(output, report, flags.output!);
  else io.stdout.write(report);
  timing?.stop("report", reportStarted);
  if (!flags.quiet) {
    writeDiagnostics(outcome.diagnostics, io, {
      verbose: flags.verbose ?? false,
      skipsInReport: flags.format === "text",
    });
  }
  const exitCode = workflowExitCode(outcome, flags.reportUnusedIgnores ?? false);
  if (runsAsCommitHook(flags, io.env)) {
    io.stderr.write(commitBlockedMessage(outcome.failing, outcome.settings.failOn));
  }
  return exitCode;
}

export function registerScan({ program, io, setExitCode }: CommandContext): void {
  program
    .command("scan")
    .description("scan files and directories (default: the current directory)")
    .argument("[paths...]", "files or directories to scan; - reads standard input")
    .option("--stdin-filename <path>", "with -: the name standard input is reported (and read) as")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMAT_NAMES).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(
      new Option("--fail-on <severity>", "lowest severity that fails the run (default: low)").choices(
        SEVERITIES,
      ),
    )
    .option("--show-secrets", "print secrets in full (never use in CI logs)")
    .option(
      "-c, --config <file>",
      "config file (default: clientleak.config.json in the scanned directory or cwd)",
    )
    .option("--include <glob>", "only scan files matching the glob (repeatable)", collect, [])
    .option("--exclude <glob>", "skip files matching the glob (repeatable)", collect, [])
    .option("--max-file-size <MB>", "skip files larger than this (default: 50)", parseMegabytes)
    .option(
      "-j, --jobs <n>",
      "worker threads (default: one per core; small scans always run in-process)",
      parseJobs,
    )
    .option(
      "--shard <i/n>",
      "scan only shard i of n (files split by path hash, for CI matrices; see `merge`)",
      parseShard,
    )
    .option("--staged", "scan the staged content (the git index), not the working tree")
    .option(
      "--diff <base...head>",
      "scan the files this git range changed (at head) and every commit's added lines; only added lines fail",
    )
    .option("--since <ref>", "the same as --diff <ref>...HEAD")
    .option(
      "--fail-on-existing",
      "with --diff/--since: findings already there before the range fail the run too",
    )
    .option(
      "--baseline <file>",
      "hide the known findings recorded in this baseline (see: clientleak baseline)",
    )
    .option("--report-unused-ignores", "fail on ignore comments that silence nothing or name an unknown rule")
    .option("--no-color", "no ANSI colours (also: NO_COLOR, CI, non-TTY output)")
    .option("-q, --quiet", "no diagnostics on stderr")
    .option("--verbose", "list every skipped file, also those skipped by type (images, fonts, lockfiles)")
    .option("--progress", "progress line on stderr (default: only on a terminal, outside CI)")
    .option("--no-progress", "never show a progress line")
    .addHelpText("after", EXIT_CODE_HELP)
    .action(async (paths: string[], flags: ScanFlags) => {
      setExitCode(await runScan(paths, flags, io));
    });
}
