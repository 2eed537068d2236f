/** The Action's entry point, bundled into action/dist/index.mjs (npm run build:action). */
import { processIo } from "../workflow/io.js";
import { runAction } from "./run.js";

process.exitCode = await runAction(processIo());
