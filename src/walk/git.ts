/**
 * Files to scan, read through git instead of the file system: the staged blobs (`--staged`: what will be
 * committed, not the working tree) or the files a commit range changed, read at its head (`--diff`,
 * `--since`), with the line numbers the range added. Every path travels NUL-separated (`-z`), so names
 * with spaces, unicode or newlines arrive intact; nothing here parses a quoted path.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { ScanSettings } from "../config/resolve.js";
import { UsageError } from "../model/errors.js";
import type { Diagnostic } from "../model/types.js";
import { compareStrings } from "../text/compare.js";
import { type BlobReader, createBlobReader } from "./git-blobs.js";
import { toPosix } from "./path-match.js";
import type { FileSource } from "./source.js";
import { createFileAdmission } from "./walker.js";

/** Inclusive 1-based line ranges, sorted by start. */
export type LineRanges = readonly (readonly [number, number])[];

export interface GitFiles {
  files: FileSource[];
  diagnostics: Diagnostic[];
  /** Diff mode only: display path → the lines of the head version that the range added. */
  addedLines?: ReadonlyMap<string, LineRanges>;
  /** Diff mode only: the commits compared, resolved (`base` is the merge base for `A...B`). */
  range?: { base: string; head: string };
  /** Where the blobs come from: asked after the scan whether git failed, then closed. */
  blobs?: BlobReader;
}

const MAX_GIT_OUTPUT = 1024 * 1024 * 1024;
const GITLINK_MODE = "160000";
const SYMLINK_MODE = "120000";

interface ChangedBlob {
  /** Path relative to the repository root, as git prints it. */
  gitPath: string;
  blob: string;
  mode: string;
}

/** Run git and return stdout; a failure becomes a one-line UsageError with git's own words. */
function git(cwd: string, args: readonly string[], input?: string): Buffer {
  const result = spawnSync("git", args, { cwd, input, maxBuffer: MAX_GIT_OUTPUT });
  if (result.error) throw new UsageError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) {
    const message = result.stderr.toString("utf8").trim().split("\n")[0] || `exit code ${result.status}`;
    throw new UsageError(`git ${args[0]} failed: ${message}`);
  }
  return result.stdout;
}

/** The working directory's place inside its repository (`""` at the top, `web/` in a subfolder). */
export function repositoryPrefix(cwd: string, mode: string): string {
  // One spawn both checks for a repository and says where in it we are: this runs on every commit.
  const result = spawnSync("git", ["rev-parse", "--show-prefix"], { cwd, encoding: "utf8" });
  if (result.error || result.status !== 0)
    throw new UsageError(`${mode} needs a git repository, and ${cwd} is not inside one`);
  return result.stdout.trim();
}

/** `:100644 100644 <old> <new> M\0path\0` records of `git diff --raw -z --no-abbrev --no-renames`. */
export function parseRawDiff(output: Buffer): ChangedBlob[] {
  const fields = output.toString("utf8").split("\0");
  const changed: ChangedBlob[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const meta = fields[index]!.replace(/^:/, "").split(" ");
    const gitPath = fields[index + 1]!;
    if (meta.length < 5) continue;
    changed.push({ gitPath, mode: meta[1]!, blob: meta[3]! });
  }
  return changed;
}

/**
 * Hunks of `git diff -U0`, one patch per file in the same order as the raw records: the added lines of
 * each file. Patches are split at their `diff --git` headers, which no content line can imitate (content
 * lines start with `+`, `-`, a space or `\`), so no quoted file name is ever parsed.
 */
export function parseAddedLines(patch: string): LineRanges[] {
  const files = patch.split(/^diff --git /m).slice(1);
  return files.map((file) => {
    const ranges: [number, number][] = [];
    for (const match of file.matchAll(/^@@ -\d{1,10}(?:,\d{1,10})? \+(\d{1,10})(?:,(\d{1,10}))? @@/gm)) {
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      if (count > 0) ranges.push([start, start + count - 1]);
    }
    return ranges;
  });
}

/** Blob sizes from one `git cat-file --batch-check`, in the order asked. */
function blobSizes(cwd: string, blobs: readonly string[]): number[] {
  if (blobs.length === 0) return [];
  const lines = git(cwd, ["cat-file", "--batch-check"], `${blobs.join("\n")}\n`)
    .toString("utf8")
    .trim()
    .split("\n");
  return lines.map((line) => {
    const [sha, type, size] = line.split(" ");
    // The index names an object the store lost (a damaged clone, a disk full mid-write): nothing can be
    // scanned, and saying "no findings" would pass a commit nobody looked at.
    if (type !== "blob" || size === undefined)
      throw new UsageError(`could not read the files from git: object ${sha} is ${type ?? "unreadable"}`);
    return Number(size);
  });
}

/** Turn changed blobs into FileSources, filtered like walked files; symlinks and submodules are skipped. */
function toSources(
  settings: ScanSettings,
  prefix: string,
  changed: readonly ChangedBlob[],
  diagnostics: Diagnostic[],
  read: BlobReader,
): Map<ChangedBlob, FileSource> {
  const admits = createFileAdmission(settings, diagnostics);
  const regular = changed.filter((entry) => {
    if (entry.mode === GITLINK_MODE) return false;
    if (entry.mode !== SYMLINK_MODE) return true;
    diagnostics.push({
      code: "skipped-symlink",
      path: displayPathOf(prefix, entry.gitPath),
      message: "skipped: symbolic link (not followed)",
      skipped: true,
    });
    return false;
  });
  const sizes = blobSizes(
    settings.cwd,
    regular.map((entry) => entry.blob),
  );
  const admitted = regular
    .map((entry, index) => ({
      entry,
      size: sizes[index] ?? 0,
      display: displayPathOf(prefix, entry.gitPath),
    }))
    .filter(({ display, size }) => admits(path.join(settings.cwd, display), size));
  return new Map(
    admitted.map(({ entry, size, display }) => [
      entry,
      {
        path: display,
        absolutePath: path.join(settings.cwd, display),
        size,
        read: () => read.read(entry.blob),
      },
    ]),
  );
}

/** git prints paths from the repository root; the scanner shows them from the working directory. */
export function displayPathOf(prefix: string, gitPath: string): string {
  return toPosix(path.posix.relative(prefix.replace(/\/$/, "") || ".", gitPath));
}

function pathspecs(settings: ScanSettings): string[] {
  return ["--", ...settings.roots];
}

/** The staged content of every file added, copied, modified or renamed in the index, under the roots. */
export function stagedFiles(settings: ScanSettings): GitFiles {
  const prefix = repositoryPrefix(settings.cwd, "--staged");
  const raw = git(settings.cwd, [
    "--literal-pathspecs",
    "diff",
    // Paths from the repository root even when the user's config says diff.relative.
    "--no-relative",
    "--cached",
    "--raw",
    "-z",
    "--no-abbrev",
    "--no-renames",
    "--diff-filter=ACMR",
    ...pathspecs(settings),
  ]);
  const diagnostics: Diagnostic[] = [];
  const blobs = createBlobReader(settings.cwd, settings.maxFileSizeBytes);
  const sources = toSources(settings, prefix, parseRawDiff(raw), diagnostics, blobs);
  return { files: sortedByPath([...sources.values()]), diagnostics, blobs };
}

/** `A...B` (from their merge base, as a pull request shows it) or `A..B`; an empty side is HEAD. */
export function parseRange(range: string): { base: string; head: string; symmetric: boolean } {
  const symmetric = range.includes("...");
  const [base, head, ...rest] = range.split(symmetric ? "..." : "..");
  if (rest.length > 0 || head === undefined) {
    throw new UsageError(`--diff: "${range}" is not a range; write <base>...<head> (or <base>..<head>)`);
  }
  return { base: base || "HEAD", head: head || "HEAD", symmetric };
}

function resolveCommit(cwd: string, revision: string): string {
  const result = spawnSync(
    "git",
    ["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`],
    { cwd },
  );
  if (result.status === 0) return result.stdout.toString("utf8").trim();
  throw new UsageError(missingHistory(cwd, `commit ${revision} is not in this repository`));
}

/** A missing commit in a shallow clone is the usual CI mistake; say how to fix it. */
function missingHistory(cwd: string, problem: string): string {
  const shallow = git(cwd, ["rev-parse", "--is-shallow-repository"]).toString("utf8").trim() === "true";
  return shallow
    ? `${problem}: this is a shallow clone without the base history; fetch it (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`
    : problem;
}

/** Files a range changed, read at its head, with the lines it added. `--since <ref>` is `<ref>...HEAD`. */
export function rangeFiles(settings: ScanSettings, range: string): GitFiles {
  const prefix = repositoryPrefix(settings.cwd, "--diff");
  const parsed = parseRange(range);
  const head = resolveCommit(settings.cwd, parsed.head);
  let base = resolveCommit(settings.cwd, parsed.base);
  if (parsed.symmetric) {
    const mergeBase = spawnSync("git", ["merge-base", base, head], { cwd: settings.cwd });
    if (mergeBase.status !== 0)
      throw new UsageError(
        missingHistory(settings.cwd, `${parsed.base} and ${parsed.head} have no common ancestor`),
      );
    base = mergeBase.stdout.toString("utf8").trim();
  }
  const diffArgs = [
    "--literal-pathspecs",
    "diff",
    // Paths from the repository root even when the user's config says diff.relative.
    "--no-relative",
    "--no-renames",
    "--diff-filter=ACMR",
    "--no-ext-diff",
    "--no-textconv",
    base,
    head,
  ];
  const changed = parseRawDiff(
    git(settings.cwd, [...diffArgs, "--raw", "-z", "--no-abbrev", ...pathspecs(settings)]),
  );
  const added = parseAddedLines(
    git(settings.cwd, [...diffArgs, "-U0", "--no-color", ...pathspecs(settings)]).toString("utf8"),
  );
  if (added.length !== changed.length) {
    throw new Error(`git diff listed ${changed.length} files but printed ${added.length} patches`);
  }
  const diagnostics: Diagnostic[] = [];
  const blobs = createBlobReader(settings.cwd, settings.maxFileSizeBytes);
  const sources = toSources(settings, prefix, changed, diagnostics, blobs);
  const addedLines = new Map<string, LineRanges>();
  changed.forEach((entry, index) => {
    const source = sources.get(entry);
    if (source) addedLines.set(source.path, added[index]!);
  });
  return {
    files: sortedByPath([...sources.values()]),
    diagnostics,
    addedLines,
    range: { base, head },
    blobs,
  };
}

function sortedByPath(files: FileSource[]): FileSource[] {
  return files.sort((a, b) => compareStrings(a.path, b.path));
}

/**
 * Roots that hold no tracked file, such as `dist/` after the workflow's build step: a diff says nothing
 * about them, so diff mode scans them in full.
 */
export function untrackedRoots(settings: ScanSettings): string[] {
  return settings.roots.filter(
    (root) => git(settings.cwd, ["--literal-pathspecs", "ls-files", "-z", "--", root]).length === 0,
  );
}

/** What git knows of a file: committed or staged (`tracked`), `ignored` by a .gitignore, or neither. */
export type GitFileState = "tracked" | "untracked" | "ignored";

/**
 * Git's view of some files (display paths, relative to `cwd`), with two spawns whatever their number:
 * `git ls-files` for the tracked ones, `git check-ignore --stdin` for which of the rest are ignored.
 * Undefined when `cwd` is not in a repository (or git is missing): nobody can say then.
 */
export function gitFileStates(
  cwd: string,
  paths: readonly string[],
): ReadonlyMap<string, GitFileState> | undefined {
  if (paths.length === 0) return new Map();
  const inside = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd, encoding: "utf8" });
  if (inside.error || inside.status !== 0 || inside.stdout.trim() !== "true") return undefined;
  // Paths outside the work tree make git refuse the whole command: they stay untracked.
  const asked = [...new Set(paths)].filter(
    (file) => !path.isAbsolute(file) && !file.startsWith("../") && file !== "..",
  );
  const states = new Map<string, GitFileState>(paths.map((file) => [file, "untracked"]));
  if (asked.length === 0) return states;
  const listed = spawnSync("git", ["--literal-pathspecs", "ls-files", "-z", "--cached", "--", ...asked], {
    cwd,
    maxBuffer: MAX_GIT_OUTPUT,
  });
  if (listed.status !== 0) return undefined;
  const tracked = new Set(listed.stdout.toString("utf8").split("\0").filter(Boolean));
  const rest = asked.filter((file) => !tracked.has(file));
  for (const file of tracked) states.set(file, "tracked");
  if (rest.length === 0) return states;
  // check-ignore exits 1 when nothing is ignored; only 128 is an error.
  const ignored = spawnSync("git", ["check-ignore", "-z", "--stdin"], {
    cwd,
    input: `${rest.join("\0")}\0`,
    maxBuffer: MAX_GIT_OUTPUT,
  });
  if (ignored.status !== 0 && ignored.status !== 1) return states;
  for (const file of ignored.stdout.toString("utf8").split("\0").filter(Boolean)) states.set(file, "ignored");
  return states;
}
