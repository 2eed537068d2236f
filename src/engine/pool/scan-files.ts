/**
 * Pool or inline: the per-file stage of a scan. Small scans (pre-commit, a few files) run on the calling
 * thread and never load the pool; large ones fan out to worker threads. Either way the results come
 * back in the order of `files`.
 */
import { allRules } from "../../../rules/index.js";
import type { ScanSettings } from "../../config/resolve.js";
import { detectProjectPublicEnv } from "../../frameworks/project.js";
import { CompiledRules } from "../../match/engine.js";
import type { Rule } from "../../rule-kit/index.js";
import { pairBundlesWithMaps } from "../../sourcemap/companions.js";
import { createClientDetector } from "../../walk/client-server.js";
import type { FileSource } from "../../walk/source.js";
import type { ProgressTracker } from "../progress.js";
import { assembleRules, ruleSetSpec } from "../rule-set.js";
import { type FileResult, readCompanion, readFileSource, scanFileIsolated } from "../scan-bytes.js";
import type { WorkerSetup } from "./messages.js";
import { workerCount } from "./policy.js";

export interface FileScanOptions {
  rules?: readonly Rule[];
  /** `--jobs`: worker threads to use; default one per core, 1 scans inline. */
  jobs?: number;
  /** Told the units once paired, then each finished one (a progress line). */
  progress?: ProgressTracker;
}

export async function scanFiles(
  walked: readonly FileSource[],
  settings: ScanSettings,
  options: FileScanOptions = {},
): Promise<FileResult[]> {
  const files = await pairBundlesWithMaps(walked);
  options.progress?.start(files);
  const setup: WorkerSetup = {
    client: settings.client,
    server: settings.server,
    publicEnv: detectProjectPublicEnv(settings),
    ruleSet: ruleSetSpec(settings),
  };
  const workers = workerCount({
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    fileCount: files.length,
    totalBytes: files.reduce((sum, file) => sum + file.size + (file.companion?.size ?? 0), 0),
    callerRules: options.rules !== undefined && options.rules !== allRules,
  });
  if (workers > 0) {
    const { scanInPool } = await import("./pool.js");
    return scanInPool(files, setup, workers, options.progress);
  }
  const context = {
    compiled: new CompiledRules(assembleRules(options.rules ?? allRules, setup.ruleSet)),
    isClient: createClientDetector(setup),
    publicEnv: setup.publicEnv,
  };
  const results: FileResult[] = [];
  for (const file of files) {
    const bytes = await readFileSource(file);
    const result =
      bytes instanceof Uint8Array
        ? scanFileIsolated(file.path, bytes, context, await readCompanion(file))
        : bytes;
    options.progress?.done(file, result);
    results.push(result);
  }
  return results;
}
