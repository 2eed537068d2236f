/** What the main thread and pool workers say to each other. Plain data: it crosses threads by structured clone. */

import type { StageTotals } from "../../model/timing.js";
import type { PublicEnvFramework } from "../../rule-kit/public-env.js";
import type { ClientServerPolicy } from "../../walk/client-server.js";
import type { RuleSetSpec } from "../rule-set.js";
import type { CompanionBytes, FileResult } from "../scan-bytes.js";

/**
 * Handed to each worker once, at start: where code runs, which env prefixes the project publishes, and
 * which rules to run beside the built-in ones (as data: the worker builds them as the main thread does).
 */
export interface WorkerSetup extends ClientServerPolicy {
  publicEnv: readonly PublicEnvFramework[];
  ruleSet: RuleSetSpec;
}

/** One file to scan. `bytes` is transferred, not copied. */
export interface FileTask {
  index: number;
  path: string;
  bytes: Uint8Array;
  /** The bundle's source map, scanned with it as one unit; also transferred. */
  map?: CompanionBytes;
}

export type TaskReply =
  | { index: number; result: FileResult; timings?: StageTotals }
  /** Scanning threw: the scan fails, as it would inline. `error` is already free of quoted input. */
  | { index: number; error: string };
