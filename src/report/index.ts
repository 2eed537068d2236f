import { githubReporter } from "./github.js";
import { jsonReporter } from "./json.js";
import { markdownReporter } from "./markdown.js";
import { sarifReporter } from "./sarif.js";
import { textReporter } from "./text.js";
import type { Reporter } from "./types.js";

/** Every output format, by the name `--format` takes. The CLI's choices are read from this record. */
export const REPORTERS = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  markdown: markdownReporter,
} as const satisfies Record<string, Reporter>;

export type FormatName = keyof typeof REPORTERS;
export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];
export type { ReportContext, Reporter } from "./types.js";
