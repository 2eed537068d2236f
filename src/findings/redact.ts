/**
 * The one place that decides what of a secret may be printed. Every reporter, diagnostic and snippet
 * goes through here; `--show-secrets` is the only way around it.
 */

/** A PEM footer names the key type again: not part of the body whose ends are shown. */
const PEM_FOOTER = /-----END [A-Z0-9 ]{1,40}-----$/;
/** Line breaks inside a body, real or written as escapes (`\n`, `\\n` in a JSON-encoded source). */
const BODY_BREAKS = /\s|\\{1,4}[nr]/g;

/** Characters of the body shown at each end: never more than 4 in all, never adjacent to each other. */
const SHOWN_EACH_END = 2;
const MIN_BODY_TO_SHOW = 12;

/**
 * `mb_sk_live_Ab…9z (43 chars)`. `prefix` is the start of `secret` that its rule declares public (the
 * type prefix, `RuleMeta.publicPrefix`): shown as it is, so a reader knows what leaked.
 */
export function redactSecret(secret: string, prefix = ""): string {
  if (!secret.startsWith(prefix)) prefix = "";
  const body = secret.slice(prefix.length).replace(PEM_FOOTER, "").replace(BODY_BREAKS, "");
  const shown =
    body.length >= MIN_BODY_TO_SHOW ? `${body.slice(0, SHOWN_EACH_END)}…${body.slice(-SHOWN_EACH_END)}` : "…";
  return `${prefix}${shown} (${secret.length} chars)`;
}

/** Shorter runs of a secret may be printed: the audit's unit, and too short to guess the rest from. */
export const RUN = 8;
/** A secret whose body is shorter than a run is hidden only where it occurs whole, if it is this long. */
const MIN_WHOLE = 6;
/** What stands in for a run of a known secret found where no rule looked (a path, a key, a message). */
export const HIDDEN = "…";

/** A secret value the scan found, with the public prefix its rule declares (shown, never hidden). */
export interface KnownSecret {
  secret: string;
  prefix?: string;
}

/** Hash of `text[at, at + RUN)`, the same as the rolling hash reaches. */
function hashAt(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + RUN; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
/** 31^(RUN-1), to take the oldest character out of the rolling hash. */
const OLDEST = (() => {
  let power = 1;
  for (let i = 1; i < RUN; i++) power = Math.imul(power, 31);
  return power;
})();

/**
 * Knows every secret value a scan found, detected where it was or not, and hides any run of `RUN` or
 * more characters of one (its public prefix aside) in any string: file paths and directory names, key
 * paths, source-map labels, diagnostics, messages, snippets and context lines. Linear in the text: one
 * rolling hash over it, a set look-up per position, a string compare only on a hash hit.
 */
export class SecretRedactor {
  /** A redactor that hides nothing: `--show-secrets`, or a scan that found nothing. */
  static readonly none = new SecretRedactor([]);

  private readonly hashes = new Set<number>();
  private readonly runs = new Set<string>();
  private readonly whole: string[] = [];

  constructor(secrets: Iterable<KnownSecret>) {
    for (const { secret, prefix = "" } of secrets) {
      // The PEM footer names the key type again: public armour, like the prefix, not the body.
      const body = (secret.startsWith(prefix) ? secret.slice(prefix.length) : secret).replace(PEM_FOOTER, "");
      // Each line of a multi-line body (a PEM) on its own: output shows lines, not the joined body.
      for (const part of body.split(BODY_BREAKS)) {
        if (part.length < RUN) {
          if (part.length >= MIN_WHOLE && part === body) this.whole.push(part);
          continue;
        }
        for (let at = 0; at + RUN <= part.length; at++) {
          this.hashes.add(hashAt(part, at));
          this.runs.add(part.slice(at, at + RUN));
        }
      }
    }
  }

  get empty(): boolean {
    return this.hashes.size === 0 && this.whole.length === 0;
  }

  /** The ranges of `text` that hold a run of a known secret, sorted and disjoint. */
  ranges(text: string): { start: number; end: number }[] {
    const found: { start: number; end: number }[] = [];
    const cover = (start: number, end: number) => {
      const last = found[found.length - 1];
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else found.push({ start, end });
    };
    if (this.hashes.size > 0 && text.length >= RUN) {
      let hash = hashAt(text, 0);
      for (let at = 0; ; at++) {
        if (this.hashes.has(hash) && this.runs.has(text.slice(at, at + RUN))) cover(at, at + RUN);
        if (at + RUN >= text.length) break;
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(at), OLDEST), 31) + text.charCodeAt(at + RUN)) | 0;
      }
    }
    if (this.whole.length > 0) {
      for (const value of this.whole) {
        for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length))
          found.push({ start: at, end: at + value.length });
      }
      found.sort((a, b) => a.start - b.start);
      for (let i = found.length - 1; i > 0; i--) {
        if (found[i]!.start <= found[i - 1]!.end) {
          found[i - 1]!.end = Math.max(found[i - 1]!.end, found[i]!.end);
          found.splice(i, 1);
        }
      }
    }
    return found;
  }

  /** `text` with every run of a known secret replaced by `…`. */
  text(text: string): string {
    if (this.empty) return text;
    const ranges = this.ranges(text);
    if (ranges.length === 0) return text;
    let out = "";
    let cursor = 0;
    for (const { start, end } of ranges) {
      out += text.slice(cursor, start) + HIDDEN;
      cursor = end;
    }
    return out + text.slice(cursor);
  }

  /**
   * A copy of a plain JSON-like value with every string in it redacted. `secret` fields (present only
   * under `--show-secrets`) and the hashes that name a secret are left as they are.
   */
  deep<T>(value: T): T {
    if (this.empty) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = KEPT_FIELDS.has(key) ? item : this.walk(item);
    }
    return out;
  }
}

/** Fields that are the secret itself (only under `--show-secrets`) or hashes of it: never text to redact. */
const KEPT_FIELDS = new Set(["secret", "secretHash", "fingerprint"]);

interface SecretValue {
  secret: string;
  evidence?: "code" | undefined;
}

/** One entry per distinct credential value, with the public prefix its rule declares. */
export function knownSecrets(
  values: Iterable<SecretValue>,
  publicPrefixOf: (secret: string) => string,
): KnownSecret[] {
  const seen = new Set<string>();
  const known: KnownSecret[] = [];
  for (const { secret, evidence } of values) {
    if (evidence === "code" || seen.has(secret)) continue;
    seen.add(secret);
    known.push({ secret, prefix: publicPrefixOf(secret) });
  }
  return known;
}
