/**
 * The rules a scan runs: the built-in registry (or a library caller's own list) without the rules the
 * config turns off, plus the config's custom rules. The main thread and every pool worker assemble the
 * set the same way from the same plain data, so both run exactly the same rules, and a rule that is off
 * costs nothing (it is never compiled, rather than matched and filtered afterwards).
 */
import { buildCustomRule, type CustomRuleSpec } from "../config/custom-rules.js";
import type { ScanSettings } from "../config/resolve.js";
import { ConfigError } from "../model/errors.js";
import type { PatternRule, Rule } from "../rule-kit/index.js";
import { scanText } from "./scan-text.js";

/** What decides the rule set besides the base list: serialisable, so it crosses to workers. */
export interface RuleSetSpec {
  disabled: readonly string[];
  customRules: readonly CustomRuleSpec[];
}

export function ruleSetSpec(settings: Pick<ScanSettings, "ruleOverrides" | "customRules">): RuleSetSpec {
  const disabled = [...settings.ruleOverrides].flatMap(([id, setting]) => (setting === "off" ? [id] : []));
  return { disabled, customRules: settings.customRules };
}

export function assembleRules(base: readonly Rule[], spec: RuleSetSpec): readonly Rule[] {
  if (spec.disabled.length === 0 && spec.customRules.length === 0) return base;
  const off = new Set(spec.disabled);
  return [...base, ...spec.customRules.map(buildCustomRule)].filter((rule) => !off.has(rule.id));
}

/**
 * The config's custom rules must prove themselves as built-in rules do: every positive example is found
 * by the rule (with exactly the expected secret, when one is given) and no negative example is. A rule
 * that fails is a config error naming the example's key path; the message never repeats example text.
 */
export function proveCustomRules(settings: Pick<ScanSettings, "customRules" | "configFile">): void {
  const problems: string[] = [];
  settings.customRules.forEach((spec, index) => {
    const rule = buildCustomRule(spec);
    const at = `customRules[${index}].examples`;
    rule.examples.positive.forEach((example, n) => {
      const found = ownFindings(rule, example.text, example.path);
      if (found.length === 0)
        problems.push(`${at}.positive[${n}]: the pattern finds nothing in this example`);
      else if (example.secret !== "" && !found.includes(example.secret))
        problems.push(`${at}.positive[${n}]: the pattern captures another value than the example's "secret"`);
    });
    rule.examples.negative.forEach((example, n) => {
      if (ownFindings(rule, example.text, example.path).length > 0)
        problems.push(`${at}.negative[${n}]: the pattern reports this negative example`);
    });
  });
  if (problems.length > 0) throw new ConfigError(settings.configFile ?? "clientleak.config.json", problems);
}

function ownFindings(rule: PatternRule, text: string, path: string | undefined): string[] {
  return scanText(text, { rules: [rule], showSecrets: true, ...(path ? { path } : {}) }).flatMap((finding) =>
    finding.ruleId === rule.id && finding.secret !== undefined ? [finding.secret] : [],
  );
}
