/**
 * A small zip reader on node:zlib: the central directory (zip64 included), then stored or deflated
 * members one at a time. Why our own and not a package: fflate's unzip inflates every member at once
 * and trusts declared sizes; yauzl and node-stream-zip are stream/callback APIs over file descriptors,
 * while we read archives from the file system, the git index and inside other archives alike, as bytes,
 * and need one thing only: a member's bytes with the inflater hard-capped at its declared size
 * (`maxOutputLength`), so a member that lies about its size stops there. That is ~150 lines with no
 * dependency to keep current in the Action bundle.
 */
import { inflateRawSync } from "node:zlib";
import { PackError } from "./limits.js";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is reported, not read. */
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65535: it is in the last 65557 bytes or nowhere. */
const EOCD_SEARCH = 22 + 0xffff;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/** The central directory's entries, at most `maxEntries` of them (the caller reports the rest). */
export function readZipDirectory(bytes: Buffer, maxEntries: number): { entries: ZipEntry[]; total: number } {
  const end = findEndRecord(bytes);
  let total = bytes.readUInt16LE(end + 10);
  let size = bytes.readUInt32LE(end + 12);
  let offset = bytes.readUInt32LE(end + 16);
  if (total === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    ({ total, size, offset } = readZip64End(bytes, end));
  }
  if (offset + size > bytes.length) throw invalid("the central directory lies outside the file");
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < Math.min(total, maxEntries); n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      throw invalid(`central directory entry ${n} is damaged`);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: bytes.toString("utf8", at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, total };
}

/** One member's bytes; the inflater never produces more than the member declares. */
export function readZipMember(bytes: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 1) throw invalid("encrypted member, not scanned");
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw invalid("local header is damaged");
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw invalid("member data runs past the end of the file");
  if (entry.method === 0) return data.subarray(0, entry.size);
  if (entry.method !== 8) throw invalid(`compression method ${entry.method} is not supported, not scanned`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new PackError(
        "archive-limit",
        "inflates past its declared size (a crafted archive?), not scanned",
      );
    throw invalid(`not valid deflate data (${(error as Error).message})`);
  }
}

function findEndRecord(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - EOCD_SEARCH); at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw invalid("no zip end-of-central-directory record (not a zip, or truncated)");
}

function readZip64End(bytes: Buffer, end: number): { total: number; size: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) throw invalid("zip64 locator missing");
  const record = safeNumber(bytes.readBigUInt64LE(locator + 8));
  if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_EOCD)
    throw invalid("zip64 end record is damaged");
  return {
    total: safeNumber(bytes.readBigUInt64LE(record + 32)),
    size: safeNumber(bytes.readBigUInt64LE(record + 40)),
    offset: safeNumber(bytes.readBigUInt64LE(record + 48)),
  };
}

/** Zip64 keeps the real value of each 32-bit field that reads 0xFFFFFFFF in extra field 0x0001, in order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length)
          throw invalid("zip64 extra field is short");
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid("a zip64 size is out of range");
  return Number(value);
}

function invalid(message: string): PackError {
  return new PackError("archive-invalid", message);
}
