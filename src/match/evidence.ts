/**
 * What the rules tell the JavaScript layer about evidence (see extract/js-leads.ts), derived from what each
 * rule declares, so a new rule opens the parser on its own hidden forms without an engine edit:
 * - its `leads`, each with a test built from the rule itself: a text that starts with the lead can still
 *   become a match when the rest of one of the rule's positive examples, spliced onto it, makes the pattern
 *   match (`-----BEGIN ` + an example's tail does; `-----BEGIN CERTIFICATE-----` + any tail does not);
 * - its keywords that are names (`client_secret`), whose folded value the pattern reads with the name;
 * - its keywords that are words a credential starts with or follows (`akia`, `bearer`).
 */
import type { EvidenceHints, LeadSpec } from "../extract/types.js";
import type { FileKind } from "../model/types.js";
import type { PatternRule } from "../rule-kit/index.js";

const JS_KINDS: readonly FileKind[] = ["js", "jsx", "ts", "tsx", "bundle", "html"];
const NAME = /^[a-z][a-z0-9_-]{5,}$/;
const WORD = /^[a-z][a-z0-9_]{2,}$/;

export function evidenceHints(rules: readonly PatternRule[]): EvidenceHints {
  const inJs = rules.filter(
    (rule) => !rule.fileKinds || rule.fileKinds.some((kind) => JS_KINDS.includes(kind)),
  );
  const keywords = [
    ...new Set(inJs.flatMap((rule) => rule.keywords.map((keyword) => keyword.toLowerCase()))),
  ];
  return {
    leads: inJs.flatMap((rule) => (rule.leads ?? []).map((lead) => leadSpec(rule, lead))),
    names: keywords.filter((keyword) => NAME.test(keyword)),
    words: keywords.filter((keyword) => WORD.test(keyword)),
  };
}

function leadSpec(rule: PatternRule, lead: string): LeadSpec {
  const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, ""));
  const tails = rule.examples.positive.flatMap((example) => {
    const at = example.secret.indexOf(lead);
    return at === -1 ? [] : [example.secret.slice(at)];
  });
  return {
    lead,
    matches: (text) => pattern.test(text),
    canBecome: (text) =>
      tails.some((tail) => pattern.test(text.length >= tail.length ? text : text + tail.slice(text.length))),
  };
}
