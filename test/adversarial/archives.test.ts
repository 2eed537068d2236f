/**
 * Hostile archives and compressed assets: a zip bomb (honest and lying sizes), a 1 GB-expanding `.gz`
 * and `.br`, archives nested past the depth limit, and an archive with more members than the limit. Each
 * runs the real CLI on a directory that also holds an ordinary leaky file: the scan finishes, exits 1 for
 * that file, names the limit it hit in a diagnostic, and keeps peak memory bounded (measured in the child
 * process; time is recorded in test/adversarial/results, never asserted).
 */

import { once } from "node:events";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { constants, createBrotliCompress, deflateRawSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { writeZip } from "../../fixtures/mobile/zip-writer.mjs";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { tempDir } from "../support/cli.js";
import { CaseLog, diagnosticsFor, expectBoundedMemory, MB, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7017);
const log = new CaseLog("archives");
afterAll(() => log.write());

const COMPANION_SECRET = faker.mbLiveKey();
const GB = 1024 * MB;

/**
 * Raw deflate of `megabytes` MB of zeros, built without producing them: one full-flushed (self-contained,
 * byte-aligned) block for 1 MB of zeros, repeated, then an empty final block.
 */
function deflatedZeros(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MB), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array(megabytes).fill(block), Buffer.from([0x03, 0x00])]);
}

/** A gzip file of `megabytes` MB of zeros: gzip members concatenated are one valid gzip stream. */
function gzippedZeros(megabytes: number): Buffer {
  return Buffer.concat(Array(megabytes).fill(gzipSync(Buffer.alloc(MB))));
}

/** Brotli of `megabytes` MB of zeros, streamed so the zeros never exist here at once. */
async function brotliZeros(megabytes: number): Promise<Buffer> {
  const stream = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(MB);
  for (let n = 0; n < megabytes; n++) if (!stream.write(zeros)) await once(stream, "drain");
  stream.end();
  await once(stream, "end");
  return Buffer.concat(chunks);
}

function scanWith(name: string, files: Record<string, Buffer>, perInputByte: number) {
  const { dir, cleanup } = tempDir("clientleak-adv-");
  try {
    writeFileSync(path.join(dir, "companion.js"), `export const key = "${COMPANION_SECRET}";\n`);
    let inputBytes = 0;
    for (const [file, content] of Object.entries(files)) {
      writeFileSync(path.join(dir, file), content);
      inputBytes += content.length;
    }
    const run = log.run(name, ["scan", ".", "--format", "json"], inputBytes, { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    const report = parseReport(run);
    expect(placesOf(report, COMPANION_SECRET)).toEqual(["companion.js:1:21"]);
    expectBoundedMemory(run, inputBytes, perInputByte);
    return { run, report };
  } finally {
    cleanup();
  }
}

/** Memory allowed per input byte: a hostile input may cost the 50 MB member cap, never its expansion. */
const CAPPED = 80;

describe("zip bombs stop at a limit", () => {
  it("refuses a member whose declared size is a bomb's ratio, before inflating it", () => {
    const bomb = writeZip([
      { name: "assets/zeros.js", data: "", compressed: deflatedZeros(1024), declaredSize: GB - 1 },
      { name: "assets/ok.js", data: `const k = "${faker.mbLiveKey()}";` },
    ]);
    const { report } = scanWith("zip bomb, honest 1 GB size", { "bomb.apk": bomb }, CAPPED);
    expect(diagnosticsFor(report, "assets/zeros.js").map((d) => [d.code, d.message])).toEqual([
      ["archive-limit", expect.stringMatching(/200:1 compression-ratio limit/)],
    ]);
    expect(report.findings.map((f) => f.occurrences[0]!.location.path)).toContain("bomb.apk!/assets/ok.js");
  });

  it("stops a member that inflates past its (lying) declared size", () => {
    const liar = writeZip([
      { name: "index.js", data: "", compressed: deflatedZeros(1024), declaredSize: 2 * MB },
    ]);
    const { report } = scanWith("zip bomb, lying 2 MB size", { "liar.zip": liar }, CAPPED);
    expect(diagnosticsFor(report, "liar.zip!/index.js").map((d) => [d.code, d.message])).toEqual([
      ["archive-limit", expect.stringMatching(/inflates past its declared size/)],
    ]);
  });

  it("follows nested archives to a depth of 3, then says so", () => {
    let nested = writeZip([{ name: "deep.js", data: `const k = "${faker.mbLiveKey()}";` }]);
    for (let level = 5; level >= 1; level--) nested = writeZip([{ name: `level${level}.zip`, data: nested }]);
    const { report } = scanWith("archives nested 6 deep", { "outer.zip": nested }, CAPPED);
    expect(diagnosticsFor(report, "level3.zip").map((d) => [d.code, d.message])).toEqual([
      ["archive-limit", "archive nested deeper than 3, not scanned"],
    ]);
    expect(report.findings).toHaveLength(1);
  });

  it("lists at most 50,000 members", () => {
    // Stored, not deflated: 50,000 zlib instances would swell this test process, and a child's peak RSS
    // on Linux starts from its parent's RSS at fork time.
    const members = Array.from({ length: 50_010 }, (_, n) => ({ name: `m/${n}.txt`, data: "x" }));
    const many = writeZip(members.map((member) => ({ ...member, method: "stored" as const })));
    const { report } = scanWith("archive with 50,010 members", { "many.zip": many }, 400);
    expect(diagnosticsFor(report, "many.zip").map((d) => d.message)).toEqual([
      "50010 members, over the limit of 50000: the rest not scanned",
    ]);
  });
});

describe("compressed assets that expand to 1 GB stop at a limit", () => {
  it(".gz", () => {
    const { report } = scanWith("1 GB-expanding .gz", { "main.js.gz": gzippedZeros(1024) }, CAPPED);
    expect(diagnosticsFor(report, "main.js.gz").map((d) => [d.code, d.message])).toEqual([
      ["archive-limit", "not scanned: decompresses past the 50 MB size limit (--max-file-size)"],
    ]);
  });

  it(".br", async () => {
    const { report } = scanWith("1 GB-expanding .br", { "main.js.br": await brotliZeros(1024) }, CAPPED);
    expect(diagnosticsFor(report, "main.js.br").map((d) => [d.code, d.message])).toEqual([
      [
        "archive-limit",
        "not scanned: decompresses past 200:1, the compression-ratio limit (a decompression bomb?)",
      ],
    ]);
  });
});
