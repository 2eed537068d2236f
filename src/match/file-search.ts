/**
 * One search per JavaScript text for everything that reads every byte: the prefilter's keywords (which
 * rules to run where) and the evidence search (where the parser can pay, extract/js-leads.ts). Both were
 * case-insensitive alternations over the whole text, each about as costly as the other; in one
 * alternation the text is read once. What each of them would have found is recovered exactly:
 * - the keywords of both, longest first, form one group, so at a position the longest keyword of either
 *   wins; the prefilter's longest keyword there is the longest of its own that the winner starts with,
 *   and likewise the evidence search's;
 * - where no keyword of the evidence search is there, its other alternatives (lead starts, escapes, char
 *   codes, joins) are asked at that position with a sticky regex;
 * - the prefilter reads every hit (overlapping ones too), the evidence search only hits from the end of
 *   its last one on, as its own loop did.
 */
import type { EvidenceSearch, Leads } from "../extract/js-leads.js";
import { compareStrings } from "../text/compare.js";
import { escapeRegExp } from "../text/regexp.js";
import { GramFilter } from "./gram-filter.js";
import type { Prefilter, RuleWindows } from "./prefilter.js";

export interface FileSearchResult {
  /** What `prefilter.candidateWindows(text)` returns. */
  windows: RuleWindows;
  /** What `findLeads(text, hints)` returns. */
  leads: Leads;
}

interface KeywordOwners {
  /** The prefilter's longest keyword that this keyword starts with. */
  prefilter?: string;
  /** The evidence search's longest keyword that this keyword starts with. */
  evidence?: string;
}

export class FileSearch {
  /** Sticky: run only where the filter says a match can begin. */
  private readonly regex: RegExp;
  private readonly filter: GramFilter;
  private readonly owners = new Map<string, KeywordOwners>();

  constructor(
    private readonly prefilter: Prefilter,
    private readonly evidence: EvidenceSearch,
  ) {
    const keywords = [...new Set([...prefilter.keywords, ...evidence.keywords])].sort(
      (a, b) => b.length - a.length || compareStrings(a, b),
    );
    const longestPrefix = (keyword: string, own: readonly string[]) =>
      own.find((candidate) => keyword.startsWith(candidate));
    for (const keyword of keywords) {
      const owners: KeywordOwners = {};
      const inPrefilter = longestPrefix(keyword, prefilter.keywords);
      const inEvidence = longestPrefix(keyword, evidence.keywords);
      if (inPrefilter !== undefined) owners.prefilter = inPrefilter;
      if (inEvidence !== undefined) owners.evidence = inEvidence;
      this.owners.set(keyword, owners);
    }
    const alternatives = [
      ...(keywords.length ? [`(?<keyword>${keywords.map(escapeRegExp).join("|")})`] : []),
      ...(evidence.others ? [evidence.others] : []),
    ];
    this.regex = new RegExp(alternatives.join("|") || "(?!)", "iy");
    this.filter = new GramFilter([...keywords, ...evidence.starts]);
  }

  search(text: string): FileSearchResult {
    const windows: RuleWindows = new Map();
    const collector = this.evidence.collector(text);
    const regex = this.regex;
    const othersAt = this.evidence.othersAt;
    let evidenceFrom = 0;
    for (let at = this.filter.next(text, 0); at !== -1; at = this.filter.next(text, at + 1)) {
      regex.lastIndex = at;
      const hit = regex.exec(text);
      if (hit === null) continue;
      const groups = hit.groups!;
      let evidenceFound: string | undefined;
      let evidenceGroups: Record<string, string | undefined> = groups;
      if (groups.keyword !== undefined) {
        const owners = this.owners.get(hit[0].toLowerCase())!;
        if (owners.prefilter !== undefined) this.prefilter.addHit(windows, owners.prefilter, at, text.length);
        if (at < evidenceFrom || collector.full) continue;
        if (owners.evidence !== undefined) {
          evidenceFound = text.slice(at, at + owners.evidence.length);
          evidenceGroups = { keyword: evidenceFound };
        } else {
          othersAt.lastIndex = at;
          const other = othersAt.exec(text);
          if (other) {
            evidenceFound = other[0];
            evidenceGroups = other.groups!;
          }
        }
      } else if (at >= evidenceFrom && !collector.full) evidenceFound = hit[0];
      if (evidenceFound === undefined) continue;
      collector.add(at, evidenceFound, evidenceGroups);
      evidenceFrom = at + Math.max(1, evidenceFound.length);
    }
    return { windows, leads: collector.leads };
  }
}
