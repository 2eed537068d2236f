/**
 * Hermes bytecode (what React Native ships since 0.70 instead of JavaScript) read through its string
 * table: every string literal of the program, whole and exact, in the order the compiler numbered them.
 * Layout (hermes BytecodeFileFormat.h): a 128-byte header, then function headers, string kinds,
 * identifier hashes, the small string table (one uint32 per string: isUTF16:1, offset:23, length:8,
 * length 255 meaning "see the overflow table"), the overflow table ({offset, length} uint32 pairs), and
 * the string storage; each section 4-byte aligned. Only versions whose layout was checked against real
 * hermesc output are read this way; any other version is the caller's cue for a printable-strings pass.
 */

export interface HermesStrings {
  version: number;
  strings: string[];
}

/**
 * Bytecode version → size of one small function header, the only layout difference between them. Each
 * checked against real hermesc output (npm hermes-compiler, fixtures/mobile/regenerate.mjs): 96 from
 * 0.14.0 (16 bytes), 98 from 250829098.0.19 and 99 from 260318099.0.8 (12 bytes).
 */
const FUNCTION_HEADER_BYTES: ReadonlyMap<number, number> = new Map([
  [96, 16],
  [98, 12],
  [99, 12],
]);

const HEADER_BYTES = 128;
const OVERFLOW_LENGTH = 255;

export function hermesVersion(bytes: Uint8Array): number | undefined {
  return bytes.length >= 12 ? view(bytes).getUint32(8, true) : undefined;
}

/** The string table, or why it could not be read (an unknown version, a damaged file). */
export function readHermesStrings(bytes: Uint8Array): HermesStrings | { problem: string } {
  const version = hermesVersion(bytes);
  const functionHeaderBytes = version === undefined ? undefined : FUNCTION_HEADER_BYTES.get(version);
  if (version === undefined || functionHeaderBytes === undefined || bytes.length < HEADER_BYTES)
    return { problem: `Hermes bytecode version ${version ?? "?"} is not one this reader knows` };
  const data = view(bytes);
  const field = (index: number) => data.getUint32(32 + 4 * index, true);
  const [functionCount, stringKindCount, identifierCount, stringCount, overflowCount, storageSize] = [
    field(2),
    field(3),
    field(4),
    field(5),
    field(6),
    field(7),
  ] as [number, number, number, number, number, number];
  let at = HEADER_BYTES;
  const skip = (length: number) => {
    at = align(at + length);
  };
  skip(functionCount * functionHeaderBytes);
  skip(stringKindCount * 4);
  skip(identifierCount * 4);
  const small = at;
  skip(stringCount * 4);
  const overflow = at;
  skip(overflowCount * 8);
  const storage = at;
  // The tables come before the storage: one bound check covers every read below.
  if (storage + storageSize > bytes.length)
    return { problem: "its string table runs past the end of the file" };
  const utf16 = new TextDecoder("utf-16le");
  const strings: string[] = [];
  for (let n = 0; n < stringCount; n++) {
    const entry = data.getUint32(small + 4 * n, true);
    const isUtf16 = (entry & 1) === 1;
    let offset = (entry >>> 1) & 0x7fffff;
    let length = entry >>> 24;
    if (length === OVERFLOW_LENGTH) {
      if (offset >= overflowCount) return { problem: `string ${n} points past the overflow table` };
      length = data.getUint32(overflow + 8 * offset + 4, true);
      offset = data.getUint32(overflow + 8 * offset, true);
    }
    const end = offset + (isUtf16 ? 2 * length : length);
    if (end > storageSize) return { problem: `string ${n} runs past the string storage` };
    const slice = bytes.subarray(storage + offset, storage + end);
    // One-byte strings are ASCII (anything else is stored as UTF-16); latin1 reads them byte for byte.
    strings.push(isUtf16 ? utf16.decode(slice) : Buffer.from(slice).toString("latin1"));
  }
  return { version, strings };
}

function align(offset: number): number {
  return (offset + 3) & ~3;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
