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
