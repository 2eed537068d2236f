/**
 * Parsing JavaScript and TypeScript with @babel/parser (error recovery on). The parser is loaded at first
 * use, so a scan that never parses (a pre-commit run over a few .env files) does not pay for it.
 */
import { createRequire } from "node:module";
import type * as BabelParser from "@babel/parser";
import type { FileKind } from "../model/types.js";
import { compactLiteralChains } from "./js-chains.js";

/** The part of a Babel node every walker relies on; the rest is read by property name. */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

let parser: typeof BabelParser | undefined;

function babel(): typeof BabelParser {
  parser ??= createRequire(import.meta.url)("@babel/parser") as typeof BabelParser;
  return parser;
}

/** TypeScript files get the typescript plugin (and JSX for .tsx); hand-written .js may hold JSX; bundles never do. */
function pluginsFor(kind: FileKind, path: string): BabelParser.ParserPlugin[] {
  const typescript = kind === "ts" || kind === "tsx" || /\.(?:[cm]?tsx?|astro)$/.test(path);
  if (typescript) return kind === "tsx" || path.endsWith(".tsx") ? ["typescript", "jsx"] : ["typescript"];
  return kind === "bundle" ? [] : ["jsx"];
}

export interface Parsed {
  program?: AstNode;
  /** Literal `+` chains too deep for the parser, folded from the text instead (see js-chains.ts). */
  chains: { start: number; end: number }[];
  /** Why parsing failed, or how many syntax errors recovery skipped over. */
  problem?: string;
}

/**
 * Parses `text` (already masked to its scripts for HTML-like files). A literal chain so long that the
 * recursive-descent parser overflows its stack (minifiers emit those for huge strings) is blanked out with
 * offsets kept, and the rest is parsed again; the chains are folded from the text by the caller.
 */
export function parseJs(text: string, kind: FileKind, path: string, startIndex = 0): Parsed {
  try {
    return withRecovered(parseProgram(text, kind, path, startIndex), []);
  } catch (error) {
    if (!(error instanceof RangeError)) return { chains: [], problem: describe(error) };
  }
  const compacted = compactLiteralChains(text);
  const chains = compacted.chains.map((chain) => ({
    start: chain.start + startIndex,
    end: chain.end + startIndex,
  }));
  try {
    return withRecovered(parseProgram(compacted.text, kind, path, startIndex), chains);
  } catch (error) {
    return { chains, problem: describe(error) };
  }
}

/**
 * `startIndex`: where `text` starts in the file, for a window of a larger file (js-windows.ts); node
 * offsets are then the file's.
 */
function parseProgram(
  text: string,
  kind: FileKind,
  path: string,
  startIndex: number,
): ReturnType<typeof BabelParser.parse> {
  return babel().parse(text, {
    startIndex,
    sourceType: "unambiguous",
    errorRecovery: true,
    attachComment: false,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    allowSuperOutsideMethod: true,
    plugins: pluginsFor(kind, path),
  });
}

function withRecovered(file: ReturnType<typeof BabelParser.parse>, chains: Parsed["chains"]): Parsed {
  const errors = file.errors?.length ?? 0;
  const program = (file as unknown as { program: AstNode }).program;
  return {
    program,
    chains,
    ...(errors === 0 ? {} : { problem: `${errors} syntax error(s) skipped by error recovery` }),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : String(error);
}

/** Keys of a Babel node that never hold anything a walker needs (positions, types, parser extras). */
export const SKIP_KEYS = new Set([
  "type",
  "start",
  "end",
  "loc",
  "range",
  "extra",
  "errors",
  "typeAnnotation",
  "returnType",
  "typeParameters",
]);
