/**
 * `clientleak install-hook`: a git pre-commit hook that scans what is staged. With husky (`.husky/` at the
 * top of the repository) the line goes into `.husky/pre-commit`, because husky points git's hooksPath
 * there and a hook in `.git/hooks` would never run. Idempotent, and a hook someone else wrote is never
 * replaced without --force (which keeps a `.bak` copy).
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { UsageError } from "../../model/errors.js";
import { EXIT } from "../../workflow/exit-codes.js";
import type { CommandContext } from "./context.js";

export const HOOK_MARKER = "# clientleak pre-commit hook";
export const HUSKY_LINE = "npx --no-install clientleak scan --staged";

/** Prefer a clientleak on PATH; otherwise the project's own (node_modules/.bin) through npx. */
export const PLAIN_HOOK = `#!/bin/sh
${HOOK_MARKER} (installed by \`clientleak install-hook\`): scans the staged content, not the working tree.
if command -v clientleak >/dev/null 2>&1; then
  exec clientleak scan --staged
fi
exec ${HUSKY_LINE}
`;

export type HookResult = {
  file: string;
  action: "installed" | "already installed" | "added to husky" | "replaced";
};

function gitOutput(cwd: string, args: readonly string[]): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0)
    throw new UsageError(
      `install-hook needs a git repository (${(result.stderr || "git failed").trim().split("\n")[0]})`,
    );
  return result.stdout.trim();
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/**
 * A hook file (or `.husky`) that is a symbolic link, or anything but a regular file, is refused: a
 * repository can commit `.husky/pre-commit -> ../../victim`, and appending to it and making it executable
 * would change a file outside the repository. Checked without following the link.
 */
function refuseLinks(...files: string[]): void {
  for (const file of files) {
    let stats: ReturnType<typeof lstatSync>;
    try {
      stats = lstatSync(file);
    } catch {
      continue; // Does not exist yet: it will be created as a regular file.
    }
    if (stats.isSymbolicLink())
      throw new UsageError(`${file} is a symbolic link; install-hook does not write through links`);
    if (path.basename(file) === "pre-commit" && !stats.isFile())
      throw new UsageError(`${file} is not a regular file; install-hook writes only regular files`);
  }
}

export function installHook(cwd: string, force: boolean): HookResult {
  const top = gitOutput(cwd, ["rev-parse", "--show-toplevel"]);
  const husky = path.join(top, ".husky");
  refuseLinks(husky);
  if (isDirectory(husky)) {
    refuseLinks(path.join(husky, "pre-commit"));
    return addToHusky(path.join(husky, "pre-commit"));
  }
  // --git-path honours core.hooksPath and works in worktrees, where .git is a file.
  const hooksDir = path.resolve(cwd, gitOutput(cwd, ["rev-parse", "--git-path", "hooks"]));
  const file = path.join(hooksDir, "pre-commit");
  refuseLinks(file);
  if (existsSync(file)) {
    const current = readFileSync(file, "utf8");
    if (current === PLAIN_HOOK) return { file, action: "already installed" };
    if (!current.includes(HOOK_MARKER) && !force) {
      throw new UsageError(
        `${file} already exists and was not written by clientleak; add "${HUSKY_LINE}" to it yourself, or run install-hook --force (keeps a .bak copy)`,
      );
    }
    if (!current.includes(HOOK_MARKER)) copyFileSync(file, `${file}.bak`);
    writeHook(file);
    return { file, action: current.includes(HOOK_MARKER) ? "installed" : "replaced" };
  }
  mkdirSync(hooksDir, { recursive: true });
  writeHook(file);
  return { file, action: "installed" };
}

function writeHook(file: string): void {
  writeFileSync(file, PLAIN_HOOK);
  chmodSync(file, 0o755);
}

function addToHusky(file: string): HookResult {
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (current.split("\n").some((line) => line.trim() === HUSKY_LINE))
    return { file, action: "already installed" };
  const separator = current === "" || current.endsWith("\n") ? "" : "\n";
  writeFileSync(file, `${current}${separator}${HUSKY_LINE}\n`);
  chmodSync(file, 0o755);
  return { file, action: "added to husky" };
}

export function registerInstallHook({ program, io, setExitCode }: CommandContext): void {
  program
    .command("install-hook")
    .description(
      "install a git pre-commit hook that runs `clientleak scan --staged` (or add it to .husky/pre-commit)",
    )
    .option("--force", "replace a pre-commit hook that clientleak did not write (a .bak copy is kept)")
    .action((flags: { force?: boolean }) => {
      const result = installHook(io.cwd, flags.force ?? false);
      io.stderr.write(`clientleak: ${result.action}: ${path.relative(io.cwd, result.file) || result.file}\n`);
      setExitCode(EXIT.clean);
    });
}
