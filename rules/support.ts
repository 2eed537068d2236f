/**
 * Small pure helpers shared by the rule families. Not a family itself: it exports no rules. Entropy and
 * character-class helpers come from `rule-kit.ts`, the only engine module rules import.
 */
import type { MatchContext } from "../src/rule-kit/index.js";

/** Template and elision markers: never part of an issued credential (mirrors the engine's list). */
export const ELISION = /\.\.\.|…|<|>|\{\{|\$\{/;

/**
 * Text that names Medblocks near a match. `constructEvent` alone counts only when Stripe is not named:
 * Stripe's SDK has the same method and the same `whsec_` prefix.
 */
export function hasMedblocksContext(ctx: MatchContext, radius = 512): boolean {
  const near = `${ctx.keyPath ?? ""}\n${ctx.around(radius)}`;
  if (/medblocks/i.test(near)) return true;
  return /constructEvent/.test(near) && !/stripe/i.test(near);
}

/**
 * `true` when an unquoted value is code rather than a literal: a member expression (`process.env.X`,
 * `config.secret`), a call, or an identifier without digits (`clientSecretFromVault`).
 */
export function looksLikeCode(value: string): boolean {
  if (/^[A-Za-z_$][\w$]{0,64}(?:\.[A-Za-z_$][\w$]{0,64}){1,8}$/.test(value)) return true;
  if (/^[A-Za-z_$][\w$]{0,128}$/.test(value) && !/[0-9]/.test(value)) return true;
  return false;
}

/** Parses `a=1&b=2` (also `&amp;`) into a map; later duplicates win. */
export function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.replaceAll("&amp;", "&").split("&")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return params;
}

/**
 * The `{ … }` object around a match, found by brace depth (JWK and service-account members hold no braces).
 * Falls back to `around(2048)` when the match is not inside an object of the fragment.
 */
export function enclosingObject(ctx: MatchContext, limit = 16384): string {
  const { text, index, end } = ctx;
  let start = -1;
  for (let i = index - 1, depth = 0; i >= Math.max(0, index - limit); i--) {
    const c = text[i];
    if (c === "}") depth++;
    else if (c === "{") {
      if (depth === 0) {
        start = i;
        break;
      }
      depth--;
    }
  }
  let stop = -1;
  for (let i = end, depth = 0; i < Math.min(text.length, end + limit); i++) {
    const c = text[i];
    if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) {
        stop = i;
        break;
      }
      depth--;
    }
  }
  if (start < 0 || stop < 0) return ctx.around(2048);
  return text.slice(start, stop + 1);
}

/** `text` as JavaScript that builds it line by line: `"line 1\\n" +\n  "line 2"` (how keys get pasted). */
export function concatenatedLines(text: string): string {
  const lines = text.split("\n");
  return lines.map((line, i) => JSON.stringify(i < lines.length - 1 ? `${line}\n` : line)).join(" +\n  ");
}

/** Words and shapes that stand in for a password in docs and templates. */
export const PLACEHOLDER_PASSWORD =
  /^(?:pass(?:word|wd)?|pwd|secret|token|key|api_?key|user(?:name)?|admin|root|guest|test|demo|none|null|undefined|\*{1,64}|x{1,64})$/i;
/** `$PASSWORD`, `%PASSWORD%`: shell and Windows variables, expanded elsewhere. */
export const VARIABLE = /^(?:\$[A-Za-z_]\w{0,64}|%[A-Za-z_]\w{0,64}%)$/;

/** Hosts that only documentation and local development use. */
export function isDocumentationHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|host|hostname)$/.test(h) ||
    /(?:^|\.)example\.(?:com|org|net)$/.test(h) ||
    /\.(?:example|test|invalid|localhost)$/.test(h)
  );
}
