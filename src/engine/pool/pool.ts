/**
 * A pool of worker threads, one file per task. The main thread reads each file (once) when a worker has
 * room for it and transfers the bytes; workers decode and scan; results land in the file's original
 * slot, so the merged output is identical to an inline scan's. Files go largest first, so one big bundle
 * does not start last and leave the other workers idle at the end. Memory is bounded by the files in
 * flight: at most TASKS_PER_WORKER per worker, never the whole tree.
 */
import { Worker } from "node:worker_threads";
import { timing } from "../../model/timing.js";
import type { FileSource } from "../../walk/source.js";
import type { ProgressTracker } from "../progress.js";
import { type FileResult, readCompanion, readFileSource, scanFailed } from "../scan-bytes.js";
import type { FileTask, TaskReply, WorkerSetup } from "./messages.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);

/** One file being scanned and one waiting, so a worker never idles while the main thread reads. */
const TASKS_PER_WORKER = 2;

export function scanInPool(
  files: readonly FileSource[],
  setup: WorkerSetup,
  workerCount: number,
  progress?: ProgressTracker,
): Promise<FileResult[]> {
  const order = files.map((_, index) => index).sort((a, b) => files[b]!.size - files[a]!.size || a - b);
  const results: FileResult[] = new Array(files.length);
  const workers: Worker[] = [];
  let nextInOrder = 0;
  let remaining = files.length;

  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      Promise.all(workers.map((worker) => worker.terminate())).then(
        () => (error ? reject(error) : resolve(results)),
        reject,
      );
    };
    const complete = (index: number, result: FileResult) => {
      results[index] = result;
      progress?.done(files[index]!, result);
      if (--remaining === 0) finish();
    };
    /** Sends the next readable file to `worker`; unreadable files are completed on the way. */
    const feed = async (worker: Worker) => {
      while (!settled) {
        const index = order[nextInOrder++];
        if (index === undefined) return;
        const file = files[index]!;
        const bytes = await readFileSource(file);
        if (!(bytes instanceof Uint8Array)) {
          complete(index, bytes);
          continue;
        }
        const map = await readCompanion(file);
        const task: FileTask = {
          index,
          path: file.path,
          bytes: ownBuffer(bytes),
          ...(map && "bytes" in map
            ? { map: { path: map.path, bytes: ownBuffer(map.bytes) } }
            : map
              ? { map }
              : {}),
        };
        const transfer = [task.bytes.buffer as ArrayBuffer];
        if (task.map && "bytes" in task.map) transfer.push(task.map.bytes.buffer as ArrayBuffer);
        worker.postMessage(task, transfer);
        return;
      }
    };

    if (files.length === 0) return finish();
    for (let started = 0; started < workerCount; started++) {
      const worker = new Worker(WORKER_URL, { workerData: setup });
      workers.push(worker);
      worker.on("message", (reply: TaskReply) => {
        if ("error" in reply) complete(reply.index, scanFailed(files[reply.index]!.path, reply.error));
        else {
          if (reply.timings) timing?.add(reply.timings);
          complete(reply.index, reply.result);
        }
        feed(worker).catch(finish);
      });
      worker.on("error", finish);
      worker.on("exit", (code) => finish(new Error(`a scan worker stopped early (exit code ${code})`)));
      for (let task = 0; task < TASKS_PER_WORKER; task++) feed(worker).catch(finish);
    }
  });
}

/** Bytes that can be transferred whole: a view onto part of a larger buffer is copied out first. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  const whole =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes : bytes.slice();
}
