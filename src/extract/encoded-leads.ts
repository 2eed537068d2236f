/**
 * A credential's start (a rule's `leads`: `mb_sk_`, `whsec_`, `-----BEGIN`) as it reads once encoded the
 * ways a careless developer hides it: base64 at each of its three alignments (`LS0tLS1CRUdJTi` is
 * "-----BEGIN", wherever it falls in a base64 stream), percent-encoded (`%6d%62%5f`), hex (`6d625f`) and
 * reversed (`_ks_bm`). Finding one of these is the evidence that decoding can yield a credential, so the
 * decoders run there and nowhere else: a random base64 blob, a hex constant of a crypto library and a
 * percent-encoded URL stay undecoded.
 */
import { escapeRegExp } from "../text/regexp.js";
import { decodeBase64 } from "./decode.js";

/** Leads shorter than this encode to too few characters to be evidence of anything. */
const MIN_LEAD_CHARS = 3;
/** Characters of a lead that its percent, hex and reversed forms must spell: enough to be rare. */
const FORM_CHARS = 4;
/** Decoded text a person or a config wrote: printable ASCII and common whitespace. */
const READABLE = /^[\t\n\r\x20-\x7e]+$/;
/** Base64 worth decoding here: a whole env value or JSON string, at most 64 KB, wrapped lines allowed. */
const BASE64_VALUE = /^[A-Za-z0-9+/_-]{16,65536}={0,2}$/;

/**
 * The base64 text that encodes `lead` at each of the three byte alignments, without the characters that
 * depend on what comes before or after it (`bWJfc2tf` for "mb_sk_" at offset 0).
 */
export function base64Forms(lead: string): string[] {
  const bytes = Buffer.from(lead, "utf8");
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString("base64").replace(/=+$/, "");
    // Character j covers bits [6j, 6j + 6): it is the lead's alone when those bits lie inside its bytes.
    let first = 0;
    while ((6 * first) / 8 < shift) first++;
    let last = first;
    while (last < encoded.length && Math.floor((6 * last + 5) / 8) < shift + bytes.length) last++;
    const form = encoded.slice(first, last);
    if (form.length >= 6) forms.push(form);
  }
  return forms;
}

function hexOf(text: string): string {
  return Buffer.from(text, "latin1").toString("hex");
}

/** The percent, hex and reversed forms of each lead: what fold.ts decodes, as evidence for the parse gate. */
export function encodedLeadForms(leads: readonly string[]): string[] {
  const forms: string[] = [];
  for (const lead of new Set(leads)) {
    if (lead.length < MIN_LEAD_CHARS) continue;
    const head = lead.slice(0, FORM_CHARS);
    forms.push(hexOf(head).replace(/(..)/g, "%$1"), hexOf(head), [...lead].reverse().join(""));
  }
  return forms;
}

const base64Gates = new WeakMap<readonly string[], RegExp | null>();

function base64Gate(leads: readonly string[]): RegExp | null {
  let gate = base64Gates.get(leads);
  if (gate === undefined) {
    const forms = leads.flatMap(base64Forms);
    gate = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join("|"));
    base64Gates.set(leads, gate);
  }
  return gate;
}

/**
 * The text a base64 value (an env value, a JSON string) decodes to, when it holds a credential start at
 * any alignment and decodes to readable text: `PRIVATE_KEY_B64=LS0tLS1CRUdJTi…`, a service account JSON
 * stored as base64. Line breaks inside the value (wrapped base64) are ignored.
 */
export function decodeBase64WithLead(
  value: string,
  leads: readonly string[] | undefined,
): string | undefined {
  const gate = leads ? base64Gate(leads) : null;
  if (!gate || value.length > 2 * 65536) return undefined;
  const compact = value.replace(/[\r\n]+/g, "");
  if (!BASE64_VALUE.test(compact) || !gate.test(compact)) return undefined;
  const decoded = decodeBase64(compact);
  return decoded !== undefined && READABLE.test(decoded) ? decoded : undefined;
}
