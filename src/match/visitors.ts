/**
 * Runs code-shape rules over the shapes the JavaScript extractor found. A rule is visited only in a text
 * that contains one of its keywords (one prefilter pass), and only where it applies (client code, kinds).
 */
import { type Fragment, rawFragment, type SourceText } from "../extract/fragment.js";
import type { Shapes } from "../extract/types.js";
import type { AstContext, AstReport, AstRule, JsNode } from "../rule-kit/index.js";
import { applies, type Candidate, type CompiledRules, type FileFacts } from "./engine.js";

/** A code-shape finding; `start`/`end` are offsets in `source` (the candidate's fragment is the whole text). */
export interface ShapeMatch {
  candidate: Candidate;
  source: SourceText;
  start: number;
  end: number;
  keyPath?: string;
}

export function matchShapes(
  shapes: readonly Shapes[],
  compiled: CompiledRules,
  factsFor: (source: SourceText) => FileFacts,
): ShapeMatch[] {
  const matches: ShapeMatch[] = [];
  for (const { source, nodes } of shapes) {
    const facts = factsFor(source);
    const rules = [...compiled.astPrefilter.candidateWindows(source.text).keys()]
      .map((index) => compiled.astRules[index]!)
      .filter((rule) => applies(rule, facts));
    if (rules.length === 0) continue;
    const context: AstContext = { path: facts.path, kind: facts.kind, isClient: facts.isClient };
    const fragments = new Map<string, Fragment>();
    for (const node of nodes) {
      for (const rule of rules) {
        const report = visitNode(rule, node, context);
        if (!report || report.secret.length === 0 || compiled.knownSamples.has(report.secret)) continue;
        const layer = report.layer ?? "ast";
        const fragment = fragments.get(layer) ?? { ...rawFragment(source), layer };
        fragments.set(layer, fragment);
        matches.push(toMatch(rule, report, fragment, source));
      }
    }
  }
  return matches;
}

function visitNode(rule: AstRule, node: JsNode, context: AstContext): AstReport | undefined {
  switch (node.type) {
    case "object":
      return rule.visit.object?.(node, context);
    case "call":
    case "new":
      return rule.visit.call?.(node, context);
    case "import":
      return rule.visit.import?.(node, context);
    case "env":
      return rule.visit.env?.(node, context);
  }
}

function toMatch(rule: AstRule, report: AstReport, fragment: Fragment, source: SourceText): ShapeMatch {
  return {
    candidate: {
      rule,
      fragment,
      secret: report.secret,
      start: report.start,
      end: report.end,
      severity: report.severity ?? rule.severity,
      title: rule.title,
      ...(report.message === undefined ? {} : { message: report.message }),
      ...(report.evidence === undefined ? {} : { evidence: report.evidence }),
      notes: report.notes ?? [],
    },
    source,
    start: report.start,
    end: Math.max(report.start + 1, report.end),
    ...(report.keyPath === undefined ? {} : { keyPath: report.keyPath }),
  };
}
