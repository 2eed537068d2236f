import { Command, CommanderError } from "commander";
import { ConfigError, describeError, UsageError } from "../model/errors.js";
import { TOOL } from "../model/version.js";
import { EXIT } from "../workflow/exit-codes.js";
import type { CliIo } from "../workflow/io.js";
import { registerBaseline } from "./commands/baseline.js";
import { EXIT_CODE_HELP } from "./commands/context.js";
import { registerExplain } from "./commands/explain.js";
import { registerInstallHook } from "./commands/install-hook.js";
import { registerMerge } from "./commands/merge.js";
import { registerRules } from "./commands/rules.js";
import { registerScan } from "./commands/scan.js";

/** Each command lives in its own module under commands/ and registers itself here. */
const COMMANDS = [
  registerScan,
  registerRules,
  registerExplain,
  registerMerge,
  registerInstallHook,
  registerBaseline,
];

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("clientleak")
    .description(
      "Find credentials that leaked into client-side code: sources, bundles, source maps, .env files.",
    )
    .version(TOOL.version)
    .addHelpText("after", EXIT_CODE_HELP)
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  for (const register of COMMANDS) register({ program, io, setExitCode });
  // Subcommands inherit neither exitOverride nor the output streams; set both on each of them.
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  }
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
    // Help and --version end with exit code 0; any other commander error is a usage error it already printed.
    return error.exitCode === 0 ? EXIT.clean : EXIT.error;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.stderr.write(`clientleak: ${error.message}\n`);
    return EXIT.error;
  }
  io.stderr.write(
    `clientleak: internal error: ${describeError(error)}\n${error instanceof Error ? stackFrames(error) : ""}\n`,
  );
  return EXIT.error;
}

/** A stack trace without its first line, which repeats the message (and could quote the input). */
function stackFrames(error: Error): string {
  return (error.stack ?? "").split("\n").slice(1).join("\n");
}
