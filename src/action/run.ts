/**
 * The GitHub Action: scan the workspace (the pull request's changes on pull_request, everything
 * otherwise), print annotations, write the job summary, the SARIF file and the step outputs, and return
 * the exit status `fail-on` asks for. Runs from the committed bundle: no install, no network.
 */
import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, describeError, UsageError } from "../model/errors.js";
import { atLeast } from "../model/types.js";
import { githubReporter, workflowCommand } from "../report/github.js";
import { markdownReporter } from "../report/markdown.js";
import { sarifReporter } from "../report/sarif.js";
import { writeDiagnostics } from "../workflow/diagnostics.js";
import { EXIT } from "../workflow/exit-codes.js";
import type { CliIo } from "../workflow/io.js";
import { scanWorkflow, workflowExitCode } from "../workflow/scan.js";
import { readInputs } from "./inputs.js";

/** `name<<delimiter` form: safe for any value, even one with newlines. */
function setOutput(env: NodeJS.ProcessEnv, name: string, value: string): void {
  if (!env.GITHUB_OUTPUT) return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(env.GITHUB_OUTPUT, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

export async function runAction(io: CliIo): Promise<number> {
  const { env } = io;
  const workspace = env.GITHUB_WORKSPACE || io.cwd;
  try {
    const inputs = readInputs(env);
    const outcome = await scanWorkflow({
      paths: inputs.paths,
      cwd: workspace,
      // The bundle has no separate worker file to start: scan on this thread.
      jobs: 1,
      ...(inputs.range ? { diff: inputs.range } : {}),
      ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
      ...(inputs.config ? { config: inputs.config } : {}),
      ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
    });
    const context = { rules: outcome.rules, failOn: outcome.settings.failOn, color: false };
    io.stdout.write(
      `clientleak: ${inputs.range ? `changes of ${inputs.range}` : "full scan"} of ${inputs.paths.join(", ")}\n`,
    );
    if (inputs.annotations) io.stdout.write(githubReporter(outcome, context));
    writeDiagnostics(outcome.diagnostics, io);
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdownReporter(outcome, context));
    let sarifFile = "";
    if (inputs.sarifFile) {
      sarifFile = path.resolve(workspace, inputs.sarifFile);
      mkdirSync(path.dirname(sarifFile), { recursive: true });
      writeFileSync(sarifFile, sarifReporter(outcome, context));
    }
    setOutput(env, "findings", String(outcome.findings.length));
    setOutput(env, "sarif-file", sarifFile);
    const failing = outcome.failing.filter((finding) =>
      atLeast(finding.severity, outcome.settings.failOn),
    ).length;
    const existing = outcome.findings.length - outcome.failing.length;
    const parts = [`${outcome.findings.length} finding(s)`];
    if (existing > 0) parts.push(`${existing} existing before this change (reported, not failing)`);
    parts.push(`${failing} failing at or above fail-on ${outcome.settings.failOn}`);
    io.stdout.write(`clientleak: ${parts.join("; ")}\n`);
    return workflowExitCode(outcome, false);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError;
    io.stdout.write(
      `${workflowCommand("error", { title: "clientleak" }, known ? error.message : `internal error: ${describeError(error)}`)}\n`,
    );
    return EXIT.error;
  }
}
