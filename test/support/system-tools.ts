/**
 * Tests that drive a system tool for real (the `pre-commit` framework, ripgrep) need it on PATH. A fresh
 * machine may not have it: those tests are then skipped with the reason in their title and on stderr, so
 * `npm test` passes and says what it did not run. `.ci/run` installs the tools, so CI runs everything.
 */
import { existsSync } from "node:fs";
import path from "node:path";

/** Why `tool` cannot run here (not on PATH), or undefined when it can. */
export function missingTool(tool: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  if (dirs.some((dir) => existsSync(path.join(dir, tool)))) return undefined;
  return `${tool} is not on PATH (install it to run these tests; .ci/run does)`;
}

/** `title`, or `title` with the reason it is skipped, and the reason on stderr once. */
export function titleUnless(title: string, reason: string | undefined): string {
  if (reason === undefined) return title;
  console.warn(`skipping "${title}": ${reason}`);
  return `${title} (skipped: ${reason})`;
}
