#!/usr/bin/env node
import { tuneHeapGrowth } from "../engine/pool/heap.js";
import { processIo } from "../workflow/io.js";
import { run } from "./program.js";

tuneHeapGrowth();

// A reader that goes away (`clientleak scan | head`) ends the run quietly instead of with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2), processIo());
