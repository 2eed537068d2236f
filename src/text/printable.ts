/**
 * Text from a scanned file is untrusted when it reaches a terminal: an escape sequence in a bundle could
 * recolour, move the cursor or rewrite what was printed before, and bidirectional overrides (Trojan
 * Source) reorder what the reader sees. Every such character becomes a visible stand-in.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/g;

/** One printable line: tabs and line breaks become spaces, control and bidi characters become `?`. */
export function printableLine(text: string): string {
  return text.replace(LINE_BREAKS, " ").replace(UNPRINTABLE, "?");
}
