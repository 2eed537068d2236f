/**
 * docs/rules.md, generated from the rules' own metadata so the documentation cannot drift from what the
 * scanner does. scripts/gen-rule-docs.mjs writes it; `npm run docs:check` (in CI) fails when it is stale.
 */

import { SEVERITIES, type Severity } from "../model/types.js";
import type { RuleMeta } from "../rule-kit/index.js";

const HEADER = `# Rules

<!-- Generated from the rule metadata in rules/ by scripts/gen-rule-docs.mjs. Do not edit by hand:
     run \`npm run build && npm run docs:rules\`. CI fails when this file is stale. -->`;

/** A table cell: pipes would end the cell, line breaks the row. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/** A Markdown code span; text with a backtick (Vite's minifier writes `raw`) gets a double-backtick fence. */
export function code(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** GitHub's heading anchor for `family/name` headings: lower case, the slash dropped. */
function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, "");
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function examplesLine(rule: RuleMeta): string {
  const { positive, negative, knownMisses = [] } = rule.examples;
  const parts = [
    plural(positive.length, "leak it reports", "leaks it reports"),
    `${negative.length} look-alikes it leaves alone`,
  ];
  if (knownMisses.length) parts.push(plural(knownMisses.length, "known miss", "known misses"));
  return parts.join(", ");
}

function ruleSection(rule: RuleMeta): string[] {
  const facts = [`**Severity:** ${rule.severity}`, `**Confidence:** ${rule.confidence}`];
  if (rule.scope === "client") facts.push("**Scope:** only code that ships to the browser");
  if (rule.fileKinds?.length) facts.push(`**File kinds:** ${rule.fileKinds.join(", ")}`);
  return [
    `### ${rule.id}`,
    "",
    `**${rule.title}**`,
    "",
    rule.description,
    "",
    `- ${facts.join(" · ")}`,
    `- **Keywords:** ${rule.keywords.map(code).join(", ")}`,
    `- **Examples:** ${examplesLine(rule)} (\`clientleak explain ${rule.id}\` shows them, redacted)`,
    ...(rule.references?.length
      ? [`- **References:** ${rule.references.map((reference) => `<${reference}>`).join(", ")}`]
      : []),
    "",
    `**What to do:** ${rule.remediation}`,
    "",
  ];
}

export function renderRulesDoc(rules: readonly RuleMeta[]): string {
  const counts = SEVERITIES.map(
    (severity: Severity) => [severity, rules.filter((rule) => rule.severity === severity).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  const families = [...new Set(rules.map((rule) => rule.id.split("/")[0]!))];
  const lines = [
    HEADER,
    "",
    `${rules.length} rules (default severities: ${counts.join(", ")}). \`clientleak rules\` lists them;`,
    "`clientleak explain <rule-id>` prints one with its examples; the config's `rules` key turns a rule off or",
    "changes its severity.",
    "",
    "| rule | severity | title | examples (reported / left alone) |",
    "| --- | --- | --- | --- |",
    ...rules.map(
      (rule) =>
        `| [${rule.id}](#${anchor(rule.id)}) | ${rule.severity} | ${cell(rule.title)} | ${rule.examples.positive.length} / ${rule.examples.negative.length} |`,
    ),
    "",
  ];
  for (const family of families) {
    lines.push(`## ${family}`, "");
    for (const rule of rules.filter((candidate) => candidate.id.startsWith(`${family}/`)))
      lines.push(...ruleSection(rule));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
