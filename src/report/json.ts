import { TOOL } from "../model/version.js";
import type { Reporter } from "./types.js";

/**
 * Bump on any change that could break a consumer (renamed or removed fields, changed meaning).
 * Adding optional fields does not bump it. The shape is documented in the README (Output formats).
 */
export const JSON_SCHEMA_VERSION = 1;

export const jsonReporter: Reporter = (result, context) =>
  `${JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: TOOL.name, version: TOOL.version },
      failOn: context.failOn,
      ...(result.hashKeyId === undefined ? {} : { hashKeyId: result.hashKeyId }),
      findings: result.findings,
      diagnostics: result.diagnostics,
      stats: { ...result.stats, durationMs: Math.round(result.stats.durationMs) },
    },
    null,
    2,
  )}\n`;
