/**
 * Packed files become the files they hold, before anything is scanned: each member of an archive is a
 * FileSource of its own at a virtual path (`app.apk!/assets/index.android.bundle`, nested
 * `app.xapk!/base.apk!/…`), and a `.gz`/`.br` file is its decompressed self under its own name. Everything
 * downstream (source-map pairing, classification, workers, findings, every report format) then works on
 * members as on files. Members are inflated lazily, one at a time, when the scanner reads them; only a
 * nested archive is inflated here, to list it, under the same budget.
 */
import { describeError } from "../model/errors.js";
import type { Diagnostic } from "../model/types.js";
import { packedKind, skipReasonByName } from "../walk/classify.js";
import type { FileSource } from "../walk/source.js";
import { type Compression, compressionOf, decompress } from "./decompress.js";
import { mb, PackBudget, PackError, type PackLimits, RATIO_FLOOR_BYTES } from "./limits.js";
import { isZip, readZipDirectory, readZipMember, type ZipEntry } from "./zip.js";

export interface Expanded {
  files: FileSource[];
  diagnostics: Diagnostic[];
}

/** Separates an archive's path from a member's path inside it (the `jar:` URL convention). */
export const MEMBER_SEPARATOR = "!/";

/** Compiled code and resources that hold no text worth a scan; counted in one note per archive. */
const OPAQUE_MEMBERS =
  /\.(?:class|arsc|kotlin_module|kotlin_builtins|RSA|DSA|EC|SF|nib|car|plist|mobileprovision|otf|ttf|png|webp|jpg|jpeg|gif)$|\/_CodeSignature\//i;

export async function expandPacked(files: readonly FileSource[], limits: PackLimits): Promise<Expanded> {
  const out: Expanded = { files: [], diagnostics: [] };
  for (const file of files) {
    const kind = packedKind(file.path);
    if (kind === "archive") await expandArchive(file, new PackBudget(limits), 1, out);
    else if (kind === "compressed") out.files.push(decompressed(file, compressionOf(file.path)!, limits));
    else out.files.push(file);
  }
  return out;
}

async function expandArchive(
  file: FileSource,
  budget: PackBudget,
  depth: number,
  out: Expanded,
): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await file.read();
  } catch (error) {
    out.diagnostics.push(readFailure(file.path, error));
    return;
  }
  if (!isZip(bytes)) {
    out.diagnostics.push(diagnostic("archive-invalid", file.path, "not a zip archive, not scanned", true));
    return;
  }
  let listing: { entries: ZipEntry[]; total: number };
  try {
    listing = readZipDirectory(bytes, budget.limits.maxMembers);
  } catch (error) {
    out.diagnostics.push(readFailure(file.path, error));
    return;
  }
  if (listing.total > listing.entries.length)
    out.diagnostics.push(
      diagnostic(
        "archive-limit",
        file.path,
        `${listing.total} members, over the limit of ${budget.limits.maxMembers}: the rest not scanned`,
      ),
    );
  let opaque = 0;
  for (const entry of listing.entries) {
    if (entry.name.endsWith("/")) continue;
    const member = `${file.path}${MEMBER_SEPARATOR}${entry.name}`;
    if (OPAQUE_MEMBERS.test(entry.name) || skipReasonByName(entry.name)) {
      opaque++;
      continue;
    }
    const refused = refusal(entry, budget.limits);
    if (refused) {
      out.diagnostics.push(diagnostic(refused.code, member, refused.message, true));
      continue;
    }
    const overBudget = budget.take(entry.size);
    if (overBudget) {
      out.diagnostics.push(diagnostic("archive-limit", file.path, overBudget, true));
      break;
    }
    const source: FileSource = {
      path: member,
      absolutePath: `${file.absolutePath}${MEMBER_SEPARATOR}${entry.name}`,
      size: entry.size,
      read: async () => readZipMember(bytes, entry),
    };
    const kind = packedKind(entry.name);
    if (kind === "archive") {
      if (depth >= budget.limits.maxDepth) {
        out.diagnostics.push(
          diagnostic(
            "archive-limit",
            member,
            `archive nested deeper than ${budget.limits.maxDepth}, not scanned`,
            true,
          ),
        );
      } else await expandArchive(source, budget, depth + 1, out);
    } else if (kind === "compressed")
      out.files.push(decompressed(source, compressionOf(entry.name)!, budget.limits));
    else out.files.push(source);
  }
  if (opaque > 0)
    out.diagnostics.push(
      diagnostic(
        "skipped-excluded-type",
        file.path,
        `${opaque} member${opaque === 1 ? "" : "s"} skipped by type (compiled classes, resources, images, signatures)`,
      ),
    );
}

/** A member refused before it is inflated: too large, or a ratio only a bomb has. */
function refusal(
  entry: ZipEntry,
  limits: PackLimits,
): { code: Diagnostic["code"]; message: string } | undefined {
  if (entry.size > RATIO_FLOOR_BYTES && entry.size > Math.max(entry.compressedSize, 1) * limits.maxRatio)
    return {
      code: "archive-limit",
      message: `not scanned: declares ${mb(entry.size)} from ${mb(entry.compressedSize)}, over the ${limits.maxRatio}:1 compression-ratio limit (a zip bomb?)`,
    };
  if (entry.size > limits.maxMemberBytes)
    return {
      code: "skipped-too-large",
      message: `skipped: ${mb(entry.size)} unpacked is over --max-file-size ${mb(limits.maxMemberBytes)}`,
    };
  return undefined;
}

function decompressed(file: FileSource, compression: Compression, limits: PackLimits): FileSource {
  return { ...file, read: async () => decompress(await file.read(), compression, limits) };
}

function readFailure(path: string, error: unknown): Diagnostic {
  if (error instanceof PackError) return diagnostic(error.code, path, error.message, true);
  const code = (error as NodeJS.ErrnoException).code;
  return diagnostic(
    "skipped-unreadable",
    path,
    `skipped: cannot read (${code ?? describeError(error)})`,
    true,
  );
}

function diagnostic(code: Diagnostic["code"], path: string, message: string, skipped = false): Diagnostic {
  return { code, path, message, ...(skipped ? { skipped } : {}) };
}
