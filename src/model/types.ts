/** Shared plain data types. Every stage of the scan passes these around; none of them holds behaviour. */

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse; used for sorting and for `--fail-on`. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** How a file is treated by the extractors. Chosen from its name and, for bundles, its first bytes. */
export type FileKind =
  | "js"
  | "ts"
  | "jsx"
  | "tsx"
  | "bundle"
  | "sourcemap"
  | "env"
  | "json"
  | "html"
  | "text";

/** 1-based line and column; columns count UTF-16 code units (SARIF's default `columnKind`). */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where a piece of text physically lives. `path` is the scanned file, relative to the working directory,
 * with forward slashes. `virtualSource` names an original source carried inside that file (a source
 * map's `sourcesContent` entry): the position is then inside that original text.
 */
export interface Location {
  path: string;
  virtualSource?: string;
  start: Position;
  end: Position;
  /**
   * For a virtual source: where the same text sits in the file at `path` itself (the `.map`'s JSON text,
   * escapes counted; end column exclusive), so a reader can open the map at the secret. Absent when
   * unknown (an inline map, a map parsed whole).
   */
  inFile?: { start: Position; end: Position };
}

/**
 * Which layer of understanding produced the text a secret was found in; `ast` is a code shape (an SDK
 * call, an env name) rather than a value found in text.
 */
export type Layer = "raw" | "string" | "folded" | "decoded" | "ast" | "env" | "json" | "sourcemap";

export interface Occurrence {
  location: Location;
  /** The original location this occurrence maps to through a source map, when known. */
  original?: Location;
  /** The original file exists in the scanned checkout, so code scanning can point at it. */
  originalInRepository?: boolean;
  layer: Layer;
  /** At most 80 characters around the match, with the secret already redacted. */
  snippet: string;
  /** Property path or variable name the secret sat under (`headers.Authorization`, `VITE_MB_KEY`). */
  keyPath?: string;
  /** Extra context the rule attached (`new Medblocks(...)`, the framework that inlines an env var). */
  notes?: string[];
  /**
   * The value sits behind a public env prefix here (`VITE_…`, `NEXT_PUBLIC_…`): the bundler publishes it,
   * whatever the file's own exposure.
   */
  publicEnv?: boolean;
  /** The file runs on the server only (server folders, `"use server"`): this copy does not ship. */
  serverOnly?: boolean;
  /** Set by inline suppressions and the diff mode; not part of identity. */
  status?: "new" | "existing";
  /** A few lines of source around the secret, each clipped to a window, every known secret redacted. */
  frame?: FrameLine[];
  /**
   * `--diff`/`--since`: the commit of the range that added this copy; with `removedIn`, a later commit of
   * the range deleted it, so it is not at head but is in the repository's history.
   */
  commit?: CommitRef & { removedIn?: CommitRef };
}

/** A commit, as reports name it. */
export interface CommitRef {
  sha: string;
  short: string;
  /** Author date, ISO 8601. */
  date: string;
  subject: string;
}

/** One line of a code frame: a window of at most `FRAME_WIDTH` characters of a source line. */
export interface FrameLine {
  /** 1-based line number in the file (or the virtual source) the occurrence is in. */
  line: number;
  text: string;
  /** The line holds the secret (a secret spanning several lines is shown collapsed on its first line). */
  match?: boolean;
  /** The line goes on before / after the window shown. */
  clippedStart?: boolean;
  clippedEnd?: boolean;
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  /**
   * Keyed hash (HMAC-SHA256, findings/fingerprint.ts) of the finding's identity: the secret for a value
   * finding, rule and value for code evidence. Independent of location and of which rule names it.
   */
  fingerprint: string;
  /** Keyed hash of the secret alone (never its plain sha256): one secret's identity within a report. */
  secretHash: string;
  /** Redacted form of the secret, safe to print (code evidence is printed as it is). */
  redacted: string;
  /** `code`: the finding is a code shape or a name (an SDK import, a public env variable), not a credential. */
  evidence?: "code";
  secretLength: number;
  message: string;
  remediation: string;
  occurrences: Occurrence[];
  /**
   * Where the value lives, which decides its severity: `client` (a copy ships to the browser),
   * `repository` (server-only, but committed to git), `local` (server-only and not in git: not a leak).
   * Absent for code evidence.
   */
  exposure?: { case: "client" | "repository" | "local"; summary: string };
  /** Present only when the caller asked for `--show-secrets`. */
  secret?: string;
}

export type DiagnosticCode =
  | "skipped-binary"
  | "skipped-too-large"
  | "skipped-unreadable"
  | "skipped-symlink"
  | "skipped-not-a-file"
  | "skipped-excluded-type"
  | "scan-failed"
  | "decoded-lossy"
  | "parse-failed"
  | "sourcemap-invalid"
  | "sourcemap-outside-root"
  | "unknown-rule-in-ignore"
  | "unused-ignore"
  | "missing-ignore-reason"
  | "baseline"
  | "archive-limit"
  | "archive-invalid"
  | "packed-fallback"
  | "internal";

export interface Diagnostic {
  code: DiagnosticCode;
  path?: string;
  message: string;
  /** Diagnostics that mean a file was not scanned at all count as skips in the summary. */
  skipped?: boolean;
}

export interface ScanStats {
  filesScanned: number;
  filesSkipped: number;
  bytesScanned: number;
  durationMs: number;
  /** Findings hidden by suppressions, allowlists and the baseline, by reason. */
  suppressed: Record<string, number>;
}

/**
 * Handed to `onProgress` when the scan starts and after each file, for a progress line. The totals are
 * known at the start and corrected as files turn out not to be scanned, so the last update agrees with
 * the summary: filesTotal = scanned + skipped, bytesTotal = bytes scanned.
 */
export interface ScanProgress {
  filesDone: number;
  filesTotal: number;
  /** Of filesDone, those not scanned (skipped by type or size before the scan, binary, unreadable). */
  filesSkipped: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ScanResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: ScanStats;
  /** Which key the report's `secretHash`/`fingerprint` were computed with (an id, never the key). */
  hashKeyId?: string;
}

/** One secret at one place, before findings are merged across files. Holds the raw secret. */
export interface FoundSecret {
  ruleId: string;
  severity: Severity;
  title: string;
  message?: string;
  secret: string;
  /** How the secret is printed: redacted with its rule's public prefix, or as it is for code evidence. */
  redacted: string;
  /** `code`: the "secret" is a code shape or a name, printed as it is. */
  evidence?: "code";
  occurrence: Occurrence;
}
