/**
 * Scanning one file's text, start to end, with no I/O: extract fragments, match rules, and turn each
 * candidate into an occurrence with an exact position and a redacted snippet. Pure and serialisable,
 * so it runs the same on the main thread and in a worker.
 */

import { assembledParts, type Fragment, fragmentSpanToSource, type SourceText } from "../extract/fragment.js";
import { assemblyNote } from "../extract/js-constants.js";
import type { Shapes } from "../extract/types.js";
import { buildCodeFrame } from "../findings/code-frame.js";
import { knownSecrets, redactSecret, SecretRedactor } from "../findings/redact.js";
import { buildSnippet, copySpans, type SecretSpan, SpanIndex } from "../findings/snippet.js";
import { type Candidate, type CompiledRules, type FileFacts, matchFragment } from "../match/engine.js";
import { matchShapes, type ShapeMatch } from "../match/visitors.js";
import { append } from "../model/append.js";
import {
  type Diagnostic,
  type FileKind,
  type FoundSecret,
  type Occurrence,
  SEVERITY_RANK,
  type Severity,
} from "../model/types.js";
import type { PublicEnvFramework } from "../rule-kit/public-env.js";
import type { OriginalLocator } from "../sourcemap/original.js";
import { dropSupersededMapMatches } from "../sourcemap/supersede.js";
import { CLASSIFY_HEAD_CHARS, classify } from "../walk/classify.js";
import { isTestPath } from "../walk/test-paths.js";
import { bundleUnit, type CompanionMap } from "./bundle-unit.js";
import { extract } from "./extract.js";

export interface FileScanInput {
  path: string;
  text: string;
  kind: FileKind;
  isClient: boolean;
  /** The env prefixes the project publishes; default every known framework's. */
  publicEnv?: readonly PublicEnvFramework[];
  /** The bundle's source map, when the scanner paired one with it: scanned with it and read only once. */
  map?: CompanionMap;
}

export interface FileScanOutput {
  found: FoundSecret[];
  diagnostics: Diagnostic[];
}

interface Located {
  candidate: Candidate;
  source: SourceText;
  start: number;
  end: number;
  notes: Set<string>;
  keyPath?: string | undefined;
  /** Where the parts of a value assembled from constants were written: redacted wherever shown. */
  parts?: { start: number; end: number }[];
}

export function scanFileText(input: FileScanInput, compiled: CompiledRules): FileScanOutput {
  // A map's original sources are matched as they are read, and only fragments with a match are kept:
  // a large map's sources are never all in memory at once.
  const factsFor = factsBySource(input);
  const keep = (fragment: Fragment) =>
    matchFragment(fragment, compiled, factsFor(fragment.source)).length > 0;
  const { fragments, diagnostics, shapes } = extract(input.path, input.text, input.kind, compiled, keep);
  const unit = bundleUnit(input, compiled, keep);
  append(fragments, unit.fragments);
  append(diagnostics, unit.diagnostics);
  const found = scanFragments(input, fragments, shapes ?? [], compiled, unit.locateOriginal);
  append(diagnostics, unit.laterDiagnostics?.() ?? []);
  return { found, diagnostics };
}

/** What a file's fragments are matched as; scan-packed.ts passes the strings it read out of a binary. */
export type FragmentScanInput = Omit<FileScanInput, "text" | "map">;

/** Fragments → found secrets: match, merge the layers' readings of one place, locate and redact. */
export function scanFragments(
  input: FragmentScanInput,
  fragments: readonly Fragment[],
  shapes: readonly Shapes[],
  compiled: CompiledRules,
  locateOriginal?: OriginalLocator,
): FoundSecret[] {
  const factsFor = factsBySource(input);
  const located = new Map<string, Located>();
  for (const fragment of fragments) {
    for (const candidate of matchFragment(fragment, compiled, factsFor(fragment.source))) {
      // A match in the name of `name:"value"` is the key, seen at its real place by the raw layer.
      if (fragment.valueFrom !== undefined && candidate.start < fragment.valueFrom) continue;
      const { start, end } = fragmentSpanToSource(fragment, candidate.start, candidate.end);
      const source = fragment.source;
      // The raw layer and a cooked layer often see the same literal: one occurrence, notes combined.
      const key = [candidate.rule.id, candidate.secret, source.path, source.virtualSource ?? "", start].join(
        "\0",
      );
      const parts = assembledParts(fragment, candidate.start, candidate.end);
      if (parts.length > 0) candidate.notes.push(assemblyNote(source, parts));
      const existing = located.get(key);
      if (existing) {
        for (const note of candidate.notes) existing.notes.add(note);
        existing.keyPath ??= fragment.keyPath;
        continue;
      }
      located.set(key, {
        candidate,
        source,
        start,
        end,
        notes: new Set(candidate.notes),
        keyPath: fragment.keyPath,
        ...(parts.length === 0
          ? {}
          : { parts: parts.map((part) => ({ start: part.start, end: part.sourceEnd })) }),
      });
    }
  }
  addShapeMatches(located, matchShapes(shapes, compiled, factsFor));
  dropMisreadRawMatches(located);
  const all = [...located.values()];
  // Every value found here, superseded copies included, is hidden wherever it shows in this file's text.
  const redactor = new SecretRedactor(
    knownSecrets(
      all.map((item) => item.candidate),
      (secret) => compiled.publicPrefixOf(secret),
    ),
  );
  const kept = dropSupersededMapMatches(all);
  return toFoundSecrets(kept, input.path, input.isClient, compiled, redactor, locateOriginal);
}

/**
 * The raw text and an understood reading of the same literal can disagree: `clientSecret:"abc" + "def"`
 * looks complete as `"abc"`, and a PEM written with `\\n` escapes is another string than its value. At
 * one place, a secret that is a strict prefix of another (under any rule) was cut short by the text, and
 * under one rule the cooked, folded or decoded reading replaces the raw one.
 */
function dropMisreadRawMatches(located: Map<string, Located>): void {
  const placeOf = (item: Located) =>
    [item.source.path, item.source.virtualSource ?? "", item.start].join("\0");
  const longest = new Map<string, Located>();
  const understood = new Set<string>();
  for (const item of located.values()) {
    const other = longest.get(placeOf(item));
    if (!other || item.candidate.secret.length > other.candidate.secret.length)
      longest.set(placeOf(item), item);
    if (item.candidate.fragment.layer !== "raw")
      understood.add(`${item.candidate.rule.id}\0${placeOf(item)}`);
  }
  for (const [key, item] of located) {
    const kept = longest.get(placeOf(item))!;
    const { secret } = item.candidate;
    // Code evidence (a key's public prefix marking where it shipped) is not a reading of the secret.
    const cutShort =
      item.candidate.evidence !== "code" &&
      kept.candidate.secret.length > secret.length &&
      kept.candidate.secret.startsWith(secret);
    const misread =
      item.candidate.fragment.layer === "raw" &&
      understood.has(`${item.candidate.rule.id}\0${placeOf(item)}`);
    if (cutShort || misread) located.delete(key);
  }
}

/**
 * A code-shape rule that points at a secret a value rule already reported at the same place yields to it
 * and hands over its notes: one secret at one place is reported under one rule id.
 */
function addShapeMatches(located: Map<string, Located>, matches: readonly ShapeMatch[]): void {
  const place = (source: SourceText, secret: string, start: number) =>
    [source.path, source.virtualSource ?? "", secret, start].join("\0");
  const valueAt = new Map(
    [...located.values()].map((item) => [place(item.source, item.candidate.secret, item.start), item]),
  );
  for (const match of matches) {
    const value = valueAt.get(place(match.source, match.candidate.secret, match.start));
    if (value) {
      for (const note of match.candidate.notes) value.notes.add(note);
      continue;
    }
    const key = [match.candidate.rule.id, place(match.source, match.candidate.secret, match.start)].join(
      "\0",
    );
    if (!located.has(key)) located.set(key, { ...match, notes: new Set(match.candidate.notes) });
  }
}

/**
 * Rules see each text as what it is: an original source carried in a map by its own name and kind, the
 * companion map as a map; both ship with the bundle, so they are client code when the bundle is.
 */
function factsBySource(input: FragmentScanInput): (source: SourceText) => FileFacts {
  const shared = input.publicEnv ? { publicEnv: input.publicEnv } : {};
  const own: FileFacts = { path: input.path, kind: input.kind, isClient: input.isClient, ...shared };
  // Weak: holding a map's sources here would keep every one of them alive.
  const cache = new WeakMap<SourceText, FileFacts>();
  return (source) => {
    if (source.path === input.path && source.virtualSource === undefined) return own;
    let facts = cache.get(source);
    if (!facts) {
      const path = source.virtualSource ?? source.path;
      facts = {
        path,
        kind: classify(path, source.text.slice(0, CLASSIFY_HEAD_CHARS)),
        isClient: input.isClient,
        ...shared,
      };
      cache.set(source, facts);
    }
    return facts;
  };
}

/** A test file or fixture on disk (not an original carried in a shipped map: that one did ship). */
function inTestFile(source: SourceText): boolean {
  return source.virtualSource === undefined && isTestPath(source.path);
}

/**
 * Test files do not ship to browsers: at most low, with why. A credential that would be high or critical
 * anywhere else gets a word, since a live one in a repository is still a leak of the repository.
 */
function testFileSeverity(candidate: Candidate, notes: Set<string>): Severity {
  notes.add("test file, not shipped to browsers");
  if (SEVERITY_RANK[candidate.severity] >= SEVERITY_RANK.high)
    notes.add(`if this ${candidate.title} is live, rotate it anyway: the repository holds it`);
  return SEVERITY_RANK[candidate.severity] > SEVERITY_RANK.low ? "low" : candidate.severity;
}

/** A found value's span in its source, with how it is printed: code evidence as it is, a secret redacted. */
function spanOf(start: number, end: number, candidate: Candidate, compiled: CompiledRules): SecretSpan {
  const display =
    candidate.evidence === "code"
      ? candidate.secret
      : redactSecret(candidate.secret, compiled.publicPrefixOf(candidate.secret));
  return { start, end, secret: candidate.secret, display };
}

function toFoundSecrets(
  located: Located[],
  bundlePath: string,
  isClient: boolean,
  compiled: CompiledRules,
  redactor: SecretRedactor,
  locateOriginal?: OriginalLocator,
): FoundSecret[] {
  // A code-evidence match on a key's public prefix (the sandbox key in a production build) is shown through
  // the key's own, redacted span: one span per place, never the prefix printed twice.
  const keyAt = new Map<string, Located>();
  for (const item of located)
    if (item.candidate.evidence !== "code")
      keyAt.set(`${item.source.path}\0${item.source.virtualSource ?? ""}\0${item.start}`, item);
  const coveringKey = (item: Located) => {
    if (item.candidate.evidence !== "code") return undefined;
    const key = keyAt.get(`${item.source.path}\0${item.source.virtualSource ?? ""}\0${item.start}`);
    return key && key.source === item.source && key.end > item.end ? key : undefined;
  };
  const spanLists = new Map<SourceText, SecretSpan[]>();
  for (const item of located) {
    if (coveringKey(item)) continue;
    const spans = spanLists.get(item.source) ?? [];
    spans.push(spanOf(item.start, item.end, item.candidate, compiled));
    for (const part of item.parts ?? [])
      spans.push({ ...part, secret: item.source.text.slice(part.start, part.end), display: "…" });
    spanLists.set(item.source, spans);
  }
  // Indexed once per source: N occurrences cost N look-ups, not N walks over N spans.
  const spansBySource = new Map<SourceText, SpanIndex>();
  for (const [source, spans] of spanLists) {
    for (const span of copySpans(source.text, redactor)) spans.push(span);
    spansBySource.set(source, new SpanIndex(spans));
  }

  return located.map((item) => {
    const { candidate, source, start, end, notes, keyPath } = item;
    const severity = inTestFile(source) ? testFileSeverity(candidate, notes) : candidate.severity;
    const key = coveringKey(item);
    const target = key
      ? spanOf(key.start, key.end, key.candidate, compiled)
      : spanOf(start, end, candidate, compiled);
    const spans = spansBySource.get(source)!;
    const position = source.lines.position(start);
    const inBundle = locateOriginal && source.path === bundlePath && source.virtualSource === undefined;
    const original = inBundle ? locateOriginal(position, candidate.secret) : undefined;
    const occurrence: Occurrence = {
      location: {
        path: source.path,
        ...(source.virtualSource === undefined ? {} : { virtualSource: source.virtualSource }),
        start: position,
        end: source.lines.position(end),
        ...(source.inFile ? { inFile: source.inFile(start, end) } : {}),
      },
      ...(original ? { original } : {}),
      layer: candidate.fragment.layer,
      snippet: buildSnippet(source.text, target, spans),
      frame: buildCodeFrame(source, target, spans),
      ...(keyPath === undefined ? {} : { keyPath }),
      ...(notes.size === 0 ? {} : { notes: [...notes] }),
      ...(isClient ? {} : { serverOnly: true }),
    };
    return {
      ruleId: candidate.rule.id,
      severity,
      title: candidate.title,
      ...(candidate.evidence === undefined ? {} : { evidence: candidate.evidence }),
      ...(candidate.message === undefined ? {} : { message: candidate.message }),
      secret: candidate.secret,
      redacted: target.display ?? target.secret,
      occurrence,
    };
  });
}
