import { accessSync, constants, type Stats, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../model/errors.js";

/** Everything the CLI touches in the outside world, injected so tests can run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input, for `scan -`. */
  stdin?: AsyncIterable<Buffer | string>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
  };
}

/**
 * The absolute path an `--output` file will be written to, checked before any scanning: a long scan must
 * not end in "internal error" because the directory was mistyped. Throws a one-line UsageError (exit 2).
 */
export function outputTarget(file: string, cwd: string, what = "the report"): string {
  const target = path.resolve(cwd, file);
  const problem = outputProblem(target);
  if (problem) throw new UsageError(`cannot write ${what} to ${file}: ${problem}`);
  return target;
}

function outputProblem(target: string): string | undefined {
  const existing = statOrUndefined(target);
  if (existing?.isDirectory()) return "it is a directory";
  const dir = path.dirname(target);
  const parent = statOrUndefined(dir);
  if (!parent) return `directory ${dir} does not exist`;
  if (!parent.isDirectory()) return `${dir} is not a directory`;
  if (!writable(existing ? target : dir)) {
    return existing ? "permission denied" : `permission denied to create files in ${dir}`;
  }
  return undefined;
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes a report checked by outputTarget; a failure that slips past the check (disk full) is still one line. */
export function writeOutput(target: string, text: string, shownAs: string): void {
  try {
    writeFileSync(target, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "write failed";
    throw new UsageError(`cannot write the report to ${shownAs}: ${code}`);
  }
}
