import type { Fragment } from "../extract/fragment.js";
import { evidenceSearch } from "../extract/js-leads.js";
import type { EvidenceHints, ExtractHints } from "../extract/types.js";
import { timing } from "../model/timing.js";
import type { FileKind, Severity } from "../model/types.js";
import { shannonEntropy } from "../rule-kit/entropy.js";
import {
  type AstRule,
  isAstRule,
  type MatchContext,
  type PatternRule,
  type Rule,
  type Verdict,
} from "../rule-kit/index.js";
import { isPlaceholder } from "../rule-kit/placeholders.js";
import { PUBLIC_ENV_FRAMEWORKS, type PublicEnvFramework } from "../rule-kit/public-env.js";
import { evidenceHints } from "./evidence.js";
import { FileSearch } from "./file-search.js";
import { Prefilter } from "./prefilter.js";

const DEFAULT_WINDOW = { before: 64, after: 256 };

/** A rule's "no letter or digit before me" boundary: `(?<![A-Za-z0-9_-])` and its kin. */
const WORD_BOUNDARY = /\(\?<!\[([^\]\\]*A-Za-z[^\]\\]*)\]\)/g;

/**
 * A percent-escape ends in hex digits that are not part of the next word: in `state=%7B%22k%22%3A%22mb_…`
 * the key starts right after `%22`. Every rule's leading word boundary is rewritten once, here, to let a
 * `%XX` escape end the word before it, instead of each rule spelling that out.
 */
export function escapeAwareBoundaries(source: string): string {
  return source.replace(WORD_BOUNDARY, (_whole, chars: string) => `(?<!(?<!%[0-9A-Fa-f])[${chars}])`);
}

/** Rules prepared once per scan (per worker): the shared prefilter and each pattern with `g` and `d`. */
export class CompiledRules implements ExtractHints {
  private readonly prefilters = new Map<FileKind, KindPrefilter>();
  private readonly searches = new Map<FileKind, FileSearch>();
  private readonly patterns: RegExp[];
  readonly rules: readonly PatternRule[];
  /** Code-shape rules, run by match/visitors.ts on parsed JavaScript; their keywords gate them per file. */
  readonly astRules: readonly AstRule[];
  readonly astPrefilter: Prefilter;
  /** Every rule's documentation samples (`knownSamples`): never reported, whichever rule matches them. */
  readonly knownSamples: ReadonlySet<string>;
  private readonly publicPrefixes: readonly RegExp[];
  /** ExtractHints: the literal starts of credentials, where constant bindings are worth resolving. */
  readonly leads: readonly string[];
  /** ExtractHints: the rules' leads, names and words, whose hidden forms open the parser. */
  readonly evidence: EvidenceHints;

  constructor(allRules: readonly Rule[]) {
    this.leads = [...new Set(allRules.flatMap((rule) => rule.leads ?? []))];
    this.knownSamples = new Set(allRules.flatMap((rule) => rule.knownSamples ?? []));
    this.publicPrefixes = allRules.flatMap((rule) => (rule.publicPrefix ? [rule.publicPrefix] : []));
    const rules = allRules.filter((rule): rule is PatternRule => !isAstRule(rule));
    this.rules = rules;
    this.astRules = allRules.filter(isAstRule);
    this.evidence = evidenceHints(rules);
    this.astPrefilter = new Prefilter(
      this.astRules.map((rule) => rule.keywords),
      this.astRules.map(() => ({ before: 0, after: 0 })),
    );
    this.patterns = rules.map(
      (rule) => new RegExp(escapeAwareBoundaries(rule.pattern.source), unique(`${rule.pattern.flags}gd`)),
    );
  }

  /**
   * The longest type prefix any rule declares for `secret` (`RuleMeta.publicPrefix`). A type prefix is
   * public whichever rule found the value: a live key caught by the env-name rule still shows `mb_sk_live_`.
   */
  publicPrefixOf(secret: string): string {
    let longest = "";
    for (const prefix of this.publicPrefixes) {
      const found = prefix.exec(secret)?.[0] ?? "";
      if (found.length > longest.length) longest = found;
    }
    return longest;
  }

  /** ExtractHints: where one of these occurs, a code-shape rule can use a parse. */
  get shapeKeywords(): readonly string[] {
    return this.astRules.flatMap((rule) => rule.keywords);
  }

  /**
   * The prefilter over the pattern rules that can apply to files of `kind`, built on first use: a rule
   * limited to `.env` files (with a keyword as common as `=`) costs a bundle nothing.
   */
  prefilterFor(kind: FileKind): KindPrefilter {
    let entry = this.prefilters.get(kind);
    if (!entry) {
      const ruleIndexes = this.rules.flatMap((rule, index) =>
        !rule.fileKinds || rule.fileKinds.includes(kind) ? [index] : [],
      );
      const prefilter = new Prefilter(
        ruleIndexes.map((index) => this.rules[index]!.keywords),
        ruleIndexes.map((index) => this.rules[index]!.window ?? DEFAULT_WINDOW),
      );
      entry = { prefilter, ruleIndexes };
      this.prefilters.set(kind, entry);
    }
    return entry;
  }

  /**
   * The one search of a JavaScript text of `kind` (file-search.ts): the prefilter's windows and the
   * evidence search's leads from a single pass.
   */
  searchFor(kind: FileKind): FileSearch {
    let search = this.searches.get(kind);
    if (!search) {
      search = new FileSearch(this.prefilterFor(kind).prefilter, evidenceSearch(this));
      this.searches.set(kind, search);
    }
    return search;
  }

  pattern(ruleIndex: number): RegExp {
    const pattern = this.patterns[ruleIndex]!;
    pattern.lastIndex = 0;
    return pattern;
  }
}

/** A prefilter over some of the rules; its rule numbers index `ruleIndexes`, which index `rules`. */
export interface KindPrefilter {
  prefilter: Prefilter;
  ruleIndexes: readonly number[];
}

function unique(flags: string): string {
  return [...new Set(flags)].join("");
}

export interface FileFacts {
  path: string;
  kind: FileKind;
  isClient: boolean;
  /** The env prefixes the project publishes; default every known framework's. */
  publicEnv?: readonly PublicEnvFramework[];
}

/** A match that passed the placeholder, entropy and validator checks. Offsets are into the fragment. */
export interface Candidate {
  rule: Rule;
  fragment: Fragment;
  secret: string;
  start: number;
  end: number;
  severity: Severity;
  title: string;
  message?: string;
  notes: string[];
  /** Set by code-shape rules whose finding is code, not a credential (see AstReport.evidence). */
  evidence?: "code";
}

export function applies(rule: Rule, facts: FileFacts): boolean {
  if (rule.scope === "client" && !facts.isClient) return false;
  return !rule.fileKinds || rule.fileKinds.includes(facts.kind);
}

export function matchFragment(fragment: Fragment, compiled: CompiledRules, facts: FileFacts): Candidate[] {
  const text = fragment.text;
  const candidates: Candidate[] = [];
  const prefilterStarted = timing?.start() ?? 0;
  const { prefilter, ruleIndexes } = compiled.prefilterFor(facts.kind);
  // The raw text of a JavaScript file was searched once for the prefilter and the evidence together.
  const windowsByRule =
    fragment.prefiltered?.kind === facts.kind
      ? fragment.prefiltered.windows
      : prefilter.candidateWindows(text);
  timing?.stop("prefilter", prefilterStarted);
  const regexStarted = timing?.start() ?? 0;
  for (const [localIndex, windows] of windowsByRule) {
    const ruleIndex = ruleIndexes[localIndex]!;
    const rule = compiled.rules[ruleIndex]!;
    if (!applies(rule, facts)) continue;
    const pattern = compiled.pattern(ruleIndex);
    for (const window of windows) {
      const slice = text.slice(window.start, window.end);
      pattern.lastIndex = 0;
      for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
        if (match[0].length === 0) pattern.lastIndex++;
        // A match at the very first character of a window that does not start the text began before
        // the rule's declared reach: the window cut its context, so it is not trustworthy.
        if (match.index === 0 && window.start > 0) continue;
        const span = match.indices?.groups?.secret;
        const secret = match.groups?.secret;
        if (!span || secret === undefined || secret.length === 0) continue;
        const candidate = judge(
          rule,
          fragment,
          facts,
          {
            secret,
            groups: match.groups ?? {},
            start: window.start + span[0],
            end: window.start + span[1],
            matchStart: window.start + match.index,
            matchEnd: window.start + match.index + match[0].length,
          },
          compiled.knownSamples,
        );
        if (candidate) candidates.push(candidate);
      }
    }
  }
  timing?.stop("regex", regexStarted);
  return candidates;
}

interface RawMatch {
  secret: string;
  groups: Record<string, string | undefined>;
  start: number;
  end: number;
  matchStart: number;
  matchEnd: number;
}

function judge(
  rule: PatternRule,
  fragment: Fragment,
  facts: FileFacts,
  match: RawMatch,
  knownSamples: ReadonlySet<string>,
): Candidate | undefined {
  if (knownSamples.has(match.secret)) return undefined;
  if (!rule.allowPlaceholders && isPlaceholder(match.secret)) return undefined;
  if (rule.minEntropy !== undefined && shannonEntropy(match.secret) < rule.minEntropy) return undefined;
  const text = fragment.text;
  const context: MatchContext = {
    publicEnv: facts.publicEnv ?? PUBLIC_ENV_FRAMEWORKS,
    secret: match.secret,
    groups: match.groups,
    text,
    index: match.matchStart,
    end: match.matchEnd,
    path: facts.path,
    kind: facts.kind,
    isClient: facts.isClient,
    ...(fragment.keyPath === undefined ? {} : { keyPath: fragment.keyPath }),
    around: (radius) => aroundMatch(fragment, match, radius),
  };
  const verdict: Verdict = rule.validate ? rule.validate(context) : true;
  if (verdict === false) return undefined;
  const adjust = verdict === true ? {} : verdict;
  return {
    rule,
    fragment,
    secret: match.secret,
    start: match.start,
    end: match.end,
    severity: adjust.severity ?? rule.severity,
    title: adjust.title ?? rule.title,
    ...(adjust.message === undefined ? {} : { message: adjust.message }),
    notes: [...(fragment.notes ?? []), ...(adjust.notes ?? [])],
    ...(rule.evidence === undefined ? {} : { evidence: rule.evidence }),
  };
}

/**
 * Context around a match: in its fragment, and for a cooked, folded or decoded fragment also in the file
 * around where the value sits, since the code that names it (`new Medblocks(`) is outside the value.
 */
function aroundMatch(fragment: Fragment, match: RawMatch, radius: number): string {
  const inFragment = fragment.text.slice(Math.max(0, match.matchStart - radius), match.matchEnd + radius);
  if (!fragment.map) return inFragment;
  const at = fragment.map.toSource(match.matchStart);
  const length = match.matchEnd - match.matchStart;
  return `${inFragment}\n${fragment.source.text.slice(Math.max(0, at - radius), at + length + radius)}`;
}
