import type { Command } from "commander";
import type { CliIo } from "../../workflow/io.js";

/** What every command module gets: the program to attach to, the outside world, and where to put its exit code. */
export interface CommandContext {
  program: Command;
  io: CliIo;
  setExitCode(code: number): void;
}

export const EXIT_CODE_HELP = `
Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, invalid config, unreadable path or internal error`;
