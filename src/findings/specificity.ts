/**
 * One secret is one finding, whatever files its copies sit in: when several rules recognise the same
 * value (the `whsec_` next to Medblocks code is `medblocks/webhook-secret`, the same value in a file
 * without that context only `webhook/signing-secret`), the most specific rule any copy earned names it.
 *
 * Specificity, highest first:
 * 1. a vendor's own rule (`medblocks/…`, `aws/…`, `private-key/…`): it knows whose key it is and how to
 *    revoke it;
 * 2. a generic rule that only knows the shape (`webhook/…`, `http/…`, `generic/…`);
 * 3. a context rule (`env/public-prefix-secret`): it says where the value goes, not what it is, so it
 *    only names a finding no other rule recognised; otherwise it adds its context to the occurrence.
 * Ties go to the more severe rule, then exact confidence over fuzzy, then the rule id (stable output).
 */
import { SEVERITY_RANK, type Severity } from "../model/types.js";
import { compareStrings } from "../text/compare.js";

/** Rule families that recognise a shape shared by many vendors. */
const GENERIC_FAMILIES = new Set(["generic", "webhook", "http", "jwt"]);

/**
 * Rules that describe where a value is exposed rather than what it is, with the context they add to the
 * value's finding in their place.
 */
export const CONTEXT_RULES: ReadonlyMap<string, string> = new Map([
  ["env/public-prefix-secret", "public prefix: shipped to the browser"],
]);

export interface RuleClaim {
  ruleId: string;
  severity: Severity;
  confidence?: "exact" | "fuzzy";
}

export function isContextRule(ruleId: string): boolean {
  return CONTEXT_RULES.has(ruleId);
}

/** 2 vendor rule, 1 generic rule, 0 context rule. */
export function specificity(ruleId: string): number {
  if (isContextRule(ruleId)) return 0;
  return GENERIC_FAMILIES.has(ruleId.split("/")[0]!) ? 1 : 2;
}

/** Negative when `a` is more specific than `b` (sorts the winner first). */
export function compareClaims(a: RuleClaim, b: RuleClaim): number {
  return (
    specificity(b.ruleId) - specificity(a.ruleId) ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    Number(b.confidence === "exact") - Number(a.confidence === "exact") ||
    compareStrings(a.ruleId, b.ruleId)
  );
}

/** The claim that names the finding. `claims` must not be empty. */
export function mostSpecific<T extends RuleClaim>(claims: readonly T[]): T {
  return claims.reduce((best, claim) => (compareClaims(claim, best) < 0 ? claim : best));
}
