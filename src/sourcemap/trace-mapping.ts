/**
 * @jridgewell/trace-mapping, loaded at first use: a scan with no source map (a pre-commit run over a few
 * sources) never pays for it.
 */
import { createRequire } from "node:module";
import type * as TraceMapping from "@jridgewell/trace-mapping";

export type { TraceMap } from "@jridgewell/trace-mapping";

let loaded: typeof TraceMapping | undefined;

export function traceMapping(): typeof TraceMapping {
  loaded ??= createRequire(import.meta.url)("@jridgewell/trace-mapping") as typeof TraceMapping;
  return loaded;
}
