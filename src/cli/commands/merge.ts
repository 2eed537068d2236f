import path from "node:path";
import { Option } from "commander";
import { allRules } from "../../../rules/index.js";
import { UsageError } from "../../model/errors.js";
import { readFailure, readTextFileSync } from "../../model/safe-read.js";
import { SEVERITIES, type Severity } from "../../model/types.js";
import { FORMAT_NAMES, type FormatName, REPORTERS } from "../../report/index.js";
import { useColor, writeDiagnostics } from "../../workflow/diagnostics.js";
import { getExitCode } from "../../workflow/exit-codes.js";
import { type CliIo, outputTarget, writeOutput } from "../../workflow/io.js";
import { mergedFailOn, mergeReports, parseJsonReport } from "../../workflow/merge.js";
import { type CommandContext, EXIT_CODE_HELP } from "./context.js";

/** Shard reports of a big repository stay far below this; `/dev/zero` named as a report does not. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

interface MergeFlags {
  format: FormatName;
  output?: string;
  failOn?: Severity;
  color: boolean;
  quiet?: boolean;
  showSecrets?: boolean;
}

function readReport(file: string, io: CliIo) {
  let text: string;
  try {
    text = readTextFileSync(path.resolve(io.cwd, file), MAX_REPORT_BYTES);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${readFailure(error)}`);
  }
  return parseJsonReport(text, file);
}

function runMerge(files: string[], flags: MergeFlags, io: CliIo): number {
  const output = flags.output === undefined ? undefined : outputTarget(flags.output, io.cwd);
  const reports = files.map((file) => readReport(file, io));
  const result = mergeReports(reports, flags.showSecrets ?? false);
  const failOn = flags.failOn ?? mergedFailOn(reports);
  const report = REPORTERS[flags.format](result, { rules: allRules, failOn, color: useColor(io, flags) });
  if (output) writeOutput(output, report, flags.output!);
  else io.stdout.write(report);
  if (!flags.quiet) writeDiagnostics(result.diagnostics, io);
  return getExitCode(result.findings, failOn);
}

export function registerMerge({ program, io, setExitCode }: CommandContext): void {
  program
    .command("merge")
    .description("combine JSON reports (from `scan --shard i/n --format json`) into one report")
    .argument("<reports...>", "JSON report files")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMAT_NAMES).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(
      new Option(
        "--fail-on <severity>",
        "lowest severity that fails the run (default: the reports' own)",
      ).choices(SEVERITIES),
    )
    .option(
      "--show-secrets",
      "keep the secrets of reports scanned with --show-secrets (never use in CI logs)",
    )
    .option("--no-color", "no ANSI colours (also: NO_COLOR, CI, non-TTY output)")
    .option("-q, --quiet", "no diagnostics on stderr")
    .addHelpText("after", EXIT_CODE_HELP)
    .action((files: string[], flags: MergeFlags) => {
      setExitCode(runMerge(files, flags, io));
    });
}
