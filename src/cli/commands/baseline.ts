import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import {
  type BaselinePlaces,
  baselineKeyFor,
  DEFAULT_BASELINE_FILE,
  entriesFor,
  readBaseline,
  serializeBaseline,
  updateBaseline,
} from "../../findings/baseline.js";
import { EXIT } from "../../workflow/exit-codes.js";
import { type CliIo, outputTarget } from "../../workflow/io.js";
import { scanWorkflow } from "../../workflow/scan.js";
import type { CommandContext } from "./context.js";

interface BaselineFlags {
  output: string;
  anyPath?: boolean;
  config?: string;
}

function withScanOptions(command: Command): Command {
  return command
    .argument("[paths...]", "files or directories to scan (default: .)")
    .addOption(new Option("-o, --output <file>", "the baseline file").default(DEFAULT_BASELINE_FILE))
    .option("--any-path", "record secrets without their file, so they are known wherever they appear")
    .option(
      "-c, --config <file>",
      "config file (default: clientleak.config.json in the scanned directory or cwd)",
    );
}

/** The findings now, their hashes keyed with the baseline's key so they can be written as entries. */
async function currentFindings(paths: string[], flags: BaselineFlags, io: CliIo, hashKey: string) {
  const outcome = await scanWorkflow({
    paths,
    cwd: io.cwd,
    hashKey,
    ...(flags.config ? { config: flags.config } : {}),
  });
  return outcome.findings;
}

function placesFor(flags: BaselineFlags, io: CliIo): BaselinePlaces {
  return { baselineFile: outputTarget(flags.output, io.cwd, "the baseline"), cwd: io.cwd };
}

export function registerBaseline({ program, io, setExitCode }: CommandContext): void {
  const baseline = program
    .command("baseline")
    .description("record today's findings as known, so scans with --baseline fail only on new ones");

  withScanOptions(
    baseline.command("create").description("scan and write every finding to the baseline file"),
  ).action(async (paths: string[], flags: BaselineFlags) => {
    const places = placesFor(flags, io);
    const key = baselineKeyFor(places.baselineFile);
    const findings = await currentFindings(paths, flags, io, key);
    const entries = entriesFor(findings, places, flags.anyPath ?? false);
    writeFileSync(places.baselineFile, serializeBaseline({ key, entries }));
    io.stderr.write(
      `clientleak: wrote ${entries.length} baseline entr${entries.length === 1 ? "y" : "ies"} to ${flags.output}\n`,
    );
    setExitCode(EXIT.clean);
  });

  withScanOptions(
    baseline
      .command("update")
      .description("add entries for new findings and prune entries whose secret is gone"),
  ).action(async (paths: string[], flags: BaselineFlags) => {
    const places = placesFor(flags, io);
    const existing = readBaseline(places.baselineFile);
    const findings = await currentFindings(paths, flags, io, existing.key);
    const update = updateBaseline(existing, findings, places, flags.anyPath ?? false);
    writeFileSync(places.baselineFile, serializeBaseline({ key: existing.key, entries: update.entries }));
    io.stderr.write(
      `clientleak: ${flags.output}: ${update.added} added, ${update.pruned} pruned, ${update.entries.length} entries\n`,
    );
    setExitCode(EXIT.clean);
  });
}
