// Preloaded into the CLI child by the adversarial harness (`node --import`): when the process ends it
// reports its peak resident set size (all threads, workers included) on the file descriptor the harness
// opened for it, so the measurement never mixes with the CLI's own stdout or stderr.
import { writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const fd = Number(process.env.CLIENTLEAK_RSS_FD);
if (isMainThread && Number.isInteger(fd) && fd > 2) {
  process.on("exit", () => {
    writeSync(fd, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}
