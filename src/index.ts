/**
 * The library: the same engine the CLI, the Action and the bundler plugins run. `scan` walks paths with a
 * config like `clientleak scan`; `scanText` checks one in-memory text; reporters render a result in any
 * output format. Every finding is redacted unless `showSecrets` is asked for.
 */
export { allRules } from "../rules/index.js";
export { type ScanOptions, type ScanOutcome, scan } from "./engine/scan.js";
export { type ScanTextOptions, scanText } from "./engine/scan-text.js";
export type { Diagnostic, Finding, Location, Occurrence, ScanResult, Severity } from "./model/types.js";
export { SEVERITIES } from "./model/types.js";
export {
  FORMAT_NAMES,
  type FormatName,
  REPORTERS,
  type ReportContext,
  type Reporter,
} from "./report/index.js";
export { type AstRule, defineRule, type PatternRule, type Rule, type RuleMeta } from "./rule-kit/index.js";
