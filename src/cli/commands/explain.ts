import { allRules } from "../../../rules/index.js";
import { showExamples } from "../../explain/rule-examples.js";
import { UsageError } from "../../model/errors.js";
import type { RuleMeta } from "../../rule-kit/index.js";
import { printableLine } from "../../text/printable.js";
import { suggest } from "../../text/suggest.js";
import { wrapWords } from "../../text/wrap.js";
import { EXIT } from "../../workflow/exit-codes.js";
import type { CommandContext } from "./context.js";

const WIDTH = 100;
const INDENT = "  ";

function paragraph(text: string): string[] {
  return wrapWords(text, WIDTH - INDENT.length).map((line) => `${INDENT}${line}`);
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length ? ["", title, ...lines] : [];
}

/** Everything a person needs about one rule, in the order they need it: what, why, what to do, proof. */
export function explainRule(rule: RuleMeta): string {
  const { matches, ignores } = showExamples(rule);
  const facts = [
    `severity: ${rule.severity}`,
    `confidence: ${rule.confidence}`,
    `keywords: ${rule.keywords.join(", ")}`,
    ...(rule.scope === "client" ? ["reported only in code that ships to the browser"] : []),
    ...(rule.fileKinds?.length ? [`file kinds: ${rule.fileKinds.join(", ")}`] : []),
  ];
  const lines = [
    `${rule.id}: ${rule.title}`,
    ...facts.map((fact) => `${INDENT}${fact}`),
    ...section("Why it matters in a browser", paragraph(rule.description)),
    ...section("What to do", paragraph(rule.remediation)),
    ...section(
      "What it reports (secrets redacted)",
      matches.map((match) => `${INDENT}${printableLine(match)}`.trimEnd()),
    ),
    ...section(
      "What it deliberately does not report",
      ignores.flatMap(({ text, why }) => [
        `${INDENT}${printableLine(text)}`,
        `${INDENT}${INDENT}why: ${why}`,
      ]),
    ),
    ...section(
      "Known misses",
      (rule.examples.knownMisses ?? []).map(({ why }) => `${INDENT}${why}`),
    ),
    ...section(
      "References",
      (rule.references ?? []).map((reference) => `${INDENT}${reference}`),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

export function registerExplain({ program, io, setExitCode }: CommandContext): void {
  program
    .command("explain")
    .description("what a rule finds, why it matters in a browser, what to do, and examples")
    .argument("<rule-id>", "a rule id, as `clientleak rules` lists them")
    .action((ruleId: string) => {
      const rule = allRules.find((candidate) => candidate.id === ruleId);
      if (!rule) {
        const close = suggest(
          ruleId,
          allRules.map((candidate) => candidate.id),
        );
        const hint = close.length ? ` Did you mean ${close.join(", ")}?` : "";
        throw new UsageError(
          `unknown rule "${printableLine(ruleId)}".${hint} \`clientleak rules\` lists every rule.`,
        );
      }
      io.stdout.write(explainRule(rule));
      setExitCode(EXIT.clean);
    });
}
