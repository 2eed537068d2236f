/**
 * Entry point of a pool worker: compiles the rules once, then scans each file it is sent and replies
 * with that file's result. Started by pool.ts from the built JavaScript only.
 */
import { parentPort, workerData } from "node:worker_threads";
import { allRules } from "../../../rules/index.js";
import { CompiledRules } from "../../match/engine.js";
import { describeError } from "../../model/errors.js";
import { timing } from "../../model/timing.js";
import { createClientDetector } from "../../walk/client-server.js";
import { assembleRules } from "../rule-set.js";
import { scanFileIsolated } from "../scan-bytes.js";
import type { FileTask, TaskReply, WorkerSetup } from "./messages.js";

const port = parentPort;
if (!port) throw new Error("pool worker started outside a worker thread");

const setup = workerData as WorkerSetup;
const context = {
  compiled: new CompiledRules(assembleRules(allRules, setup.ruleSet)),
  isClient: createClientDetector(setup),
  publicEnv: setup.publicEnv,
};

port.on("message", (task: FileTask) => {
  let reply: TaskReply;
  try {
    const result = scanFileIsolated(task.path, task.bytes, context, task.map);
    reply = timing ? { index: task.index, result, timings: timing.take() } : { index: task.index, result };
  } catch (error) {
    reply = { index: task.index, error: describeError(error) };
  }
  port.postMessage(reply);
});
