/**
 * Every commit of a range, as the lines each one added: the head of a pull request can be clean while one
 * of its commits added a key and the next deleted it, and that key is in the repository's history for good.
 * One `git log --reverse -p -U0 --cc` stream is parsed as it arrives (backpressure: git waits while a batch
 * is scanned), so memory follows one commit's file, not the range. Merge commits are read as dense combined
 * diffs: a line is the merge's own only when no parent had it (an evil merge or a conflict resolution).
 */
import { spawn } from "node:child_process";
import { UsageError } from "../model/errors.js";
import type { CommitRef } from "../model/types.js";

/** The lines one commit added to one file, at their line numbers in that commit's version of it. */
export interface CommitFileAdditions {
  commit: CommitRef;
  /** Index of the commit in the range, oldest first. */
  commitIndex: number;
  /** Path from the repository root, as git names it. */
  gitPath: string;
  lines: { line: number; text: string }[];
  /** More than `maxBytes` were added: the lines were dropped, the caller says so. */
  tooLarge: boolean;
}

/** A line the commit removed from a file, for finding where a secret left the tree. */
export interface RemovedLine {
  commitIndex: number;
  commit: CommitRef;
  text: string;
}

/** Starts the format line of every commit; no line of a patch can start with it. */
const COMMIT_MARK = "\u0001";
const FORMAT = `--format=${COMMIT_MARK}%H%x00%h%x00%aI%x00%s`;

export interface HistoryStreamOptions {
  cwd: string;
  base: string;
  head: string;
  pathspecs: readonly string[];
  /** Added text of one commit's file beyond this is dropped (and flagged); also caps one line. */
  maxBytes: number;
  onRemoved?: (removed: RemovedLine) => void;
  /** Told each commit as its patch begins. */
  onCommit?: (commit: CommitRef) => void;
}

/** The additions of every commit in `base..head`, oldest commit first, one file at a time. */
export async function* rangeAdditions(options: HistoryStreamOptions): AsyncGenerator<CommitFileAdditions> {
  const args = [
    "-c",
    "core.quotePath=true",
    "--literal-pathspecs",
    "log",
    "--reverse",
    FORMAT,
    "-p",
    "-U0",
    "--cc",
    "--no-renames",
    // Paths from the repository root and every file's own history, whatever diff.relative or log.follow say.
    "--no-relative",
    "--no-follow",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    `${options.base}..${options.head}`,
    "--",
    ...options.pathspecs,
  ];
  const child = spawn("git", args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < 2000) stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  const parser = new PatchParser(options.maxBytes, options.onRemoved, options.onCommit);
  const ready: CommitFileAdditions[] = [];
  const lines = new LineSplitter(options.maxBytes);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      for (const line of lines.push(chunk)) parser.line(line, ready);
      yield* ready.splice(0);
    }
    const last = lines.end();
    if (last !== undefined) parser.line(last, ready);
    parser.end(ready);
    yield* ready.splice(0);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) {
    throw new UsageError(
      `could not read the history of ${options.base}..${options.head} from git: ${stderr.trim().split("\n")[0] || `exit code ${code}`}`,
    );
  }
}

/** Splits a byte stream into lines; a line longer than `maxBytes` is cut just past it (the rest is dropped). */
class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;

  constructor(private readonly maxBytes: number) {}

  *push(chunk: Buffer): Generator<string> {
    let cursor = 0;
    while (cursor < chunk.length) {
      const end = chunk.indexOf(0x0a, cursor);
      const stop = end === -1 ? chunk.length : end;
      // One byte past the limit is kept, so a cut line still counts as over it.
      const room = Math.max(0, this.maxBytes + 1 - this.partialBytes);
      const piece = chunk.subarray(cursor, Math.min(stop, cursor + room));
      if (piece.length > 0) {
        this.partial.push(piece);
        this.partialBytes += piece.length;
      }
      if (end === -1) return;
      yield this.take();
      cursor = end + 1;
    }
  }

  end(): string | undefined {
    return this.partialBytes > 0 ? this.take() : undefined;
  }

  private take(): string {
    const text = Buffer.concat(this.partial).toString("utf8");
    this.partial = [];
    this.partialBytes = 0;
    return text;
  }
}

interface Hunk {
  /** Lines still to come from each parent's side, and from the result's. */
  parents: number[];
  result: number;
  /** The result's line number of the next line that is in the result. */
  nextLine: number;
}

/**
 * The state machine over `git log -p --cc` lines. A hunk header says how many lines each side has, and
 * the lines are counted off, so a content line such as `+++ b/x` or a commit mark is never taken for a
 * header.
 */
class PatchParser {
  private commit: CommitRef | undefined;
  private commitIndex = -1;
  private file: CommitFileAdditions | undefined;
  private fileBytes = 0;
  private hunk: Hunk | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly onRemoved: ((removed: RemovedLine) => void) | undefined,
    private readonly onCommit: ((commit: CommitRef) => void) | undefined,
  ) {}

  line(text: string, out: CommitFileAdditions[]): void {
    if (this.hunk) {
      this.hunkLine(text);
      return;
    }
    if (text.startsWith(COMMIT_MARK)) {
      this.flush(out);
      const [sha = "", short = "", date = "", ...subject] = text.slice(1).split("\0");
      this.commit = { sha, short, date, subject: subject.join(" ") };
      this.commitIndex++;
      this.onCommit?.(this.commit);
      return;
    }
    if (
      text.startsWith("diff --git ") ||
      text.startsWith("diff --cc ") ||
      text.startsWith("diff --combined ")
    ) {
      this.flush(out);
      return;
    }
    if (text.startsWith("+++ ")) {
      // git ends the line with a tab when the name holds a space (for patch(1)); a real tab is quoted.
      const target = unquotePath(text.slice(4).replace(/\t$/, ""));
      if (this.commit && target.startsWith("b/")) {
        this.file = {
          commit: this.commit,
          commitIndex: this.commitIndex,
          gitPath: target.slice(2),
          lines: [],
          tooLarge: false,
        };
        this.fileBytes = 0;
      }
      return;
    }
    if (text.startsWith("@@")) this.hunk = parseHunkHeader(text);
  }

  end(out: CommitFileAdditions[]): void {
    this.flush(out);
  }

  private hunkLine(text: string): void {
    const hunk = this.hunk!;
    if (text.startsWith("\\")) return; // "\ No newline at end of file"
    const width = hunk.parents.length;
    const prefix = text.slice(0, width);
    const content = text.slice(width);
    const inResult = !prefix.includes("-");
    for (let parent = 0; parent < width; parent++) if (prefix[parent] !== "+") hunk.parents[parent]!--;
    if (inResult) {
      if (/^\++$/.test(prefix)) this.added(hunk.nextLine, content);
      hunk.nextLine++;
      hunk.result--;
    } else if (this.onRemoved && this.commit) {
      this.onRemoved({ commitIndex: this.commitIndex, commit: this.commit, text: content });
    }
    if (hunk.result <= 0 && hunk.parents.every((count) => count <= 0)) this.hunk = undefined;
  }

  private added(line: number, text: string): void {
    const file = this.file;
    if (!file || file.tooLarge) return;
    this.fileBytes += text.length + 1;
    if (this.fileBytes > this.maxBytes) {
      file.tooLarge = true;
      file.lines = [];
      return;
    }
    file.lines.push({ line, text });
  }

  private flush(out: CommitFileAdditions[]): void {
    if (this.file && (this.file.lines.length > 0 || this.file.tooLarge)) out.push(this.file);
    this.file = undefined;
    this.hunk = undefined;
  }
}

/** `@@ -a,b +c,d @@` or, for a merge of n parents, n+1 `@` on each side and n `-` ranges. */
export function parseHunkHeader(text: string): Hunk | undefined {
  const marks = /^(@{2,16}) /.exec(text)?.[1];
  if (!marks) return undefined;
  const close = text.indexOf(` ${marks}`, marks.length);
  if (close === -1) return undefined;
  const ranges = text.slice(marks.length + 1, close).split(" ");
  const count = (range: string) => {
    const [start = "0", length] = range.slice(1).split(",");
    return { start: Number(start), length: length === undefined ? 1 : Number(length) };
  };
  const parents = ranges.filter((range) => range.startsWith("-")).map((range) => count(range).length);
  const result = ranges.find((range) => range.startsWith("+"));
  if (!result || parents.length !== marks.length - 1) return undefined;
  const { start, length } = count(result);
  if (![start, length, ...parents].every(Number.isSafeInteger)) return undefined;
  // An empty side's start is the line before it; an added line's number is the start itself.
  return { parents, result: length, nextLine: length === 0 ? start + 1 : start };
}

/** git's C-style quoting of unusual paths (`"a\tb\303\251"`): back to the name, bytes decoded as UTF-8. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char !== "\\") {
      for (const byte of Buffer.from(char, "utf8")) bytes.push(byte);
      continue;
    }
    const next = body[index + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1, index + 4))?.[0];
    if (octal) {
      bytes.push(Number.parseInt(octal, 8));
      index += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
