/**
 * Blobs read out of git one at a time through one long-lived `git cat-file --batch`: the next object name
 * is written only when the previous blob has been read in full, so at most one blob is in memory, however
 * many files a commit holds (24 staged files of 45 MB once filled a single 1 GB buffer, and every file
 * came out unreadable). A blob larger than the limit is skipped by reading past it, never buffered. A
 * failure of git itself is remembered: the workflow turns it into an error, never into a clean result.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { SafeReadError } from "../model/safe-read.js";

export interface BlobReader {
  read(blob: string): Promise<Buffer>;
  /** Why reading from git failed, if it did: a scan that hit this must not report "no findings". */
  failure(): string | undefined;
  close(): void;
}

interface Pending {
  blob: string;
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

/** Parses `<sha> blob <size>\n<bytes>\n` answers from a stream of chunks, one answer at a time. */
class BatchParser {
  private header: Buffer[] = [];
  private body: Buffer | undefined;
  private size = 0;
  private filled = 0;
  private skipping = false;
  /** The LF after the body is still to come. */
  private trailer = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onBlob: (result: Buffer | Error) => void,
  ) {}

  /** True while an answer is partly read. */
  get busy(): boolean {
    return this.header.length > 0 || this.body !== undefined || this.skipping || this.trailer;
  }

  push(chunk: Buffer): void {
    let cursor = 0;
    while (cursor < chunk.length) {
      if (this.trailer) {
        // The separator after the body; anything else means we lost our place in the stream.
        if (chunk[cursor] !== 0x0a) throw new Error("git cat-file output out of step");
        cursor++;
        this.trailer = false;
        continue;
      }
      if (this.body !== undefined || this.skipping) {
        const take = Math.min(this.size - this.filled, chunk.length - cursor);
        if (this.body) chunk.copy(this.body, this.filled, cursor, cursor + take);
        this.filled += take;
        cursor += take;
        if (this.filled === this.size) this.finishBody();
        continue;
      }
      const lineEnd = chunk.indexOf(0x0a, cursor);
      if (lineEnd === -1) {
        this.header.push(chunk.subarray(cursor));
        if (this.header.reduce((sum, part) => sum + part.length, 0) > 1024)
          throw new Error("git cat-file header too long");
        return;
      }
      this.header.push(chunk.subarray(cursor, lineEnd));
      cursor = lineEnd + 1;
      this.startBody(Buffer.concat(this.header).toString("utf8"));
      this.header = [];
    }
  }

  private startBody(line: string): void {
    const [, type, size] = line.split(" ");
    if (type === "missing" || size === undefined) {
      this.onBlob(new Error(`git has no object ${line.split(" ")[0] ?? ""}`));
      return;
    }
    const length = Number(size);
    if (!Number.isSafeInteger(length) || length < 0) throw new Error("git cat-file header unreadable");
    this.size = length;
    this.filled = 0;
    if (length > this.maxBytes) this.skipping = true;
    else this.body = Buffer.allocUnsafe(length);
    if (length === 0) this.finishBody();
  }

  private finishBody(): void {
    const body = this.body;
    const skipped = this.skipping;
    this.body = undefined;
    this.skipping = false;
    this.trailer = true;
    this.onBlob(skipped || !body ? new SafeReadError("EFBIG", `larger than ${this.maxBytes} bytes`) : body);
  }
}

export function createBlobReader(cwd: string, maxBytes: number): BlobReader {
  let child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  let failed: string | undefined;
  let stderr = "";
  let current: Pending | undefined;
  const queue: Pending[] = [];

  const fail = (reason: string) => {
    failed ??= reason;
    const error = Object.assign(new Error(`cannot read from git: ${failed}`), { code: "EGITREAD" });
    current?.reject(error);
    current = undefined;
    for (const pending of queue.splice(0)) pending.reject(error);
    child?.kill();
  };

  // Idle, the child must not keep the process alive: a file the scan never reads leaves no request.
  const setRef = (on: boolean) => {
    if (!child) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as {
      ref?(): void;
      unref?(): void;
    }[])
      on ? handle.ref?.() : handle.unref?.();
  };

  const next = () => {
    if (current || failed) return;
    current = queue.shift();
    if (!current) {
      setRef(false);
      return;
    }
    setRef(true);
    started().stdin.write(`${current.blob}\n`);
  };

  const parser = new BatchParser(maxBytes, (result) => {
    const done = current;
    current = undefined;
    if (!done) return fail("git cat-file answered an object nobody asked for");
    if (result instanceof Error) done.reject(result);
    else done.resolve(result);
    next();
  });

  const started = () => {
    if (child) return child;
    const spawned = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    child = spawned;
    spawned.stdout.on("data", (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        fail((error as Error).message);
      }
    });
    spawned.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 1000) stderr += chunk.toString("utf8");
    });
    spawned.stdin.on("error", () => {});
    spawned.on("error", (error) => fail(error.message));
    spawned.on("close", (code, signal) => {
      if (current || queue.length > 0 || parser.busy)
        fail(stderr.trim().split("\n")[0] || `git cat-file ended early (${signal ?? `exit code ${code}`})`);
      child = undefined;
    });
    return spawned;
  };

  return {
    read(blob) {
      if (failed)
        return Promise.reject(
          Object.assign(new Error(`cannot read from git: ${failed}`), { code: "EGITREAD" }),
        );
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ blob, resolve, reject });
        next();
      });
    },
    failure: () => failed,
    close() {
      child?.stdin.end();
      setRef(false);
    },
  };
}
