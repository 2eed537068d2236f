import type { ScanResult, Severity } from "../model/types.js";
import type { RuleMeta } from "../rule-kit/index.js";

export interface ReportContext {
  /** Metadata of every rule that ran, for SARIF's rule table and help text. */
  rules: readonly RuleMeta[];
  failOn: Severity;
  color: boolean;
  /** List every skipped file, not only those a user should act on (`--verbose`). */
  verbose?: boolean;
}

/** A reporter is a pure function: result in, text out. It never writes anywhere itself. */
export type Reporter = (result: ScanResult, context: ReportContext) => string;
