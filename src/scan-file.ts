/**
 * Scanning one file's text, start to end, with no I/O: extract fragments, match rules, and turn each
 * candidate into an occurrence with an exact position and a redacted snippet. Pure and serialisable,
 * so it runs the same on the main thread and in a worker.
 */
import { extract } from "./extract/index.js";
import { fragmentOffsetToSource, type SourceText } from "./extract/fragment.js";
import { buildCodeFrame } from "./findings/code-frame.js";
import { buildSnippet, type SecretSpan } from "./findings/snippet.js";
import { type Candidate, type CompiledRules, matchFragment } from "./match/engine.js";
import type { Diagnostic, FileKind, Occurrence, Severity } from "./types.js";

export interface FileScanInput {
  path: string;
  text: string;
  kind: FileKind;
  isClient: boolean;
}

/** One secret at one place, before findings are merged across files. Holds the raw secret. */
export interface FoundSecret {
  ruleId: string;
  severity: Severity;
  title: string;
  message?: string;
  secret: string;
  occurrence: Occurrence;
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
  keyPath?: string;
}

export function scanFileText(input: FileScanInput, compiled: CompiledRules): FileScanOutput {
  const { fragments, diagnostics } = extract(input.path, input.text, input.kind);
  const facts = { path: input.path, kind: input.kind, isClient: input.isClient };
  const located = new Map<string, Located>();
  for (const fragment of fragments) {
    for (const candidate of matchFragment(fragment, compiled, facts)) {
      const start = fragmentOffsetToSource(fragment, candidate.start);
      const end = Math.max(start + 1, fragmentOffsetToSource(fragment, candidate.end - 1) + 1);
      const source = fragment.source;
      // The raw layer and a cooked layer often see the same literal: one occurrence, notes combined.
      const key = [candidate.rule.id, candidate.secret, source.virtualSource ?? "", start].join("\0");
      const existing = located.get(key);
      if (existing) {
        for (const note of candidate.notes) existing.notes.add(note);
        existing.keyPath ??= fragment.keyPath;
        continue;
      }
      located.set(key, { candidate, source, start, end, notes: new Set(candidate.notes), keyPath: fragment.keyPath });
    }
  }
  return { found: toFoundSecrets([...located.values()]), diagnostics };
}

function toFoundSecrets(located: Located[]): FoundSecret[] {
  const spansBySource = new Map<SourceText, SecretSpan[]>();
  for (const item of located) {
    const spans = spansBySource.get(item.source) ?? [];
    spans.push({ start: item.start, end: item.end, secret: item.candidate.secret });
    spansBySource.set(item.source, spans);
  }
  for (const spans of spansBySource.values()) spans.sort((a, b) => a.start - b.start || a.end - b.end);

  return located.map(({ candidate, source, start, end, notes, keyPath }) => {
    const target = { start, end, secret: candidate.secret };
    const spans = spansBySource.get(source) ?? [];
    const occurrence: Occurrence = {
      location: {
        path: source.path,
        ...(source.virtualSource === undefined ? {} : { virtualSource: source.virtualSource }),
        start: source.lines.position(start),
        end: source.lines.position(end),
      },
      layer: candidate.fragment.layer,
      snippet: buildSnippet(source.text, target, spans),
      frame: buildCodeFrame(source, target, spans),
      ...(keyPath === undefined ? {} : { keyPath }),
      ...(notes.size === 0 ? {} : { notes: [...notes] }),
    };
    return {
      ruleId: candidate.rule.id,
      severity: candidate.severity,
      title: candidate.title,
      ...(candidate.message === undefined ? {} : { message: candidate.message }),
      secret: candidate.secret,
      occurrence,
    };
  });
}
