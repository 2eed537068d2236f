/**
 * Printable runs in a binary (a native library, dex code, bytecode we cannot parse): what `strings(1)`
 * prints, in ASCII and in UTF-16LE, each run with its byte offset. One pass over the bytes (a UTF-16
 * attempt reads at most MIN_RUN pairs before it either records a run and jumps past it or moves one byte
 * on), and each run is cut at MAX_RUN characters, so a file costs time and memory linear in its size.
 */

export interface PrintableRun {
  /** Byte offset of the run's first character in the file. */
  offset: number;
  text: string;
  encoding: "ascii" | "utf-16le";
}

/** Shorter runs cannot hold a strong-prefix credential (the shortest, an AWS key id, is 20). */
export const MIN_RUN = 16;
/** A longer run (embedded text) is cut into pieces of this many characters. */
export const MAX_RUN = 1 << 20;

/** Tab, line feed, carriage return and 0x20–0x7E: PEM blocks keep their line breaks and stay one run. */
function printable(byte: number | undefined): boolean {
  return (
    byte !== undefined && ((byte >= 0x20 && byte <= 0x7e) || byte === 0x09 || byte === 0x0a || byte === 0x0d)
  );
}

export function printableRuns(bytes: Uint8Array, minRun = MIN_RUN): PrintableRun[] {
  return [...asciiRuns(bytes, minRun), ...utf16Runs(bytes, minRun)].sort((a, b) => a.offset - b.offset);
}

function asciiRuns(bytes: Uint8Array, minRun: number): PrintableRun[] {
  const runs: PrintableRun[] = [];
  let start = -1;
  for (let at = 0; at <= bytes.length; at++) {
    const inRun = at < bytes.length && printable(bytes[at]) && at - start < MAX_RUN;
    if (inRun && start === -1) start = at;
    else if (!inRun && start !== -1) {
      if (at - start >= minRun)
        runs.push({ offset: start, text: latin1(bytes, start, at), encoding: "ascii" });
      start = at < bytes.length && printable(bytes[at]) ? at : -1;
    }
  }
  return runs;
}

function utf16Runs(bytes: Uint8Array, minRun: number): PrintableRun[] {
  const runs: PrintableRun[] = [];
  for (let at = 0; at + 1 < bytes.length; ) {
    let end = at;
    while (
      end + 1 < bytes.length &&
      bytes[end + 1] === 0 &&
      printable(bytes[end]) &&
      (end - at) / 2 < MAX_RUN
    )
      end += 2;
    const length = (end - at) / 2;
    if (length >= minRun) {
      runs.push({
        offset: at,
        text: new TextDecoder("utf-16le").decode(bytes.subarray(at, end)),
        encoding: "utf-16le",
      });
      at = end;
    } else at++;
  }
  return runs;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}
