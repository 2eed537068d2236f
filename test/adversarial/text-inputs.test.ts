/**
 * Hostile bytes: binary, NUL bytes, UTF-16, invalid UTF-8, a 50 MB line, 50 MB keyword floods and a
 * 10 MB base64 blob. Each runs the real CLI on a directory that also holds an ordinary leaky file, so
 * every case checks that the scan finishes, exits 1 for that file, explains what it skipped or degraded,
 * and keeps memory bounded.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { tempDir } from "../support/cli.js";
import { CaseLog, diagnosticsFor, expectBoundedMemory, MB, parseReport, placesOf } from "./harness.js";

const faker = createFaker(7001);
const log = new CaseLog("text-inputs");
afterAll(() => log.write());

const COMPANION_SECRET = faker.mbLiveKey();

/** Writes `files` next to `companion.js` (which leaks COMPANION_SECRET), scans the directory, returns the report. */
function scanWith(name: string, files: Record<string, string | Buffer>, perInputByte: number) {
  const { dir, cleanup } = tempDir("clientleak-adv-");
  try {
    writeFileSync(path.join(dir, "companion.js"), `export const key = "${COMPANION_SECRET}";\n`);
    let inputBytes = 0;
    for (const [file, content] of Object.entries(files)) {
      writeFileSync(path.join(dir, file), content);
      inputBytes += Buffer.byteLength(content);
    }
    const run = log.run(name, ["scan", ".", "--format", "json"], inputBytes, { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    const report = parseReport(run);
    expect(
      placesOf(report, COMPANION_SECRET),
      "the ordinary file next to the hostile one was not scanned",
    ).toEqual(["companion.js:1:21"]);
    expectBoundedMemory(run, inputBytes, perInputByte);
    return { run, report };
  } finally {
    cleanup();
  }
}

/** A line of code that is neither a keyword nor anything a rule could take for a key. */
const FILLER = "function f(a,b){return a+b*2}var q=[1,2,3].map(f);";

function fillTo(bytes: number, unit: string): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

describe("bytes that are not clean UTF-8 text", () => {
  it("skips a binary file with a diagnostic and scans the rest", () => {
    const binary = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      Buffer.from(`key=${faker.mbLiveKey()}`),
    ]);
    const { report, run } = scanWith("binary file (NUL in the first bytes)", { "asset.bin": binary }, 4);
    expect(diagnosticsFor(report, "asset.bin").map((d) => d.code)).toEqual(["skipped-binary"]);
    // A binary is a skip by design: the report keeps the diagnostic; stderr does not list it by default.
    expect(run.stderr).not.toMatch(/asset\.bin/);
    expect(report.stats.filesScanned).toBe(1);
  });

  it("scans a text file with a NUL byte after the sniffed head, positions after it still right", () => {
    const secret = faker.mbLiveKey();
    const head = `${fillTo(20_000, "// padding line of comments\n")}`;
    const lines = head.split("\n").length;
    const text = `${head}\nconst nul = "a\0b";\nconst k = "${secret}";\n`;
    const { report } = scanWith("NUL byte in the middle of a text file", { "middle-nul.js": text }, 16);
    expect(placesOf(report, secret)).toEqual([`middle-nul.js:${lines + 2}:12`]);
  });

  it.each([
    ["utf-16le", Buffer.from([0xff, 0xfe])],
    ["utf-16be", Buffer.from([0xfe, 0xff])],
  ] as const)("decodes %s with a byte-order mark and reports text positions", (encoding, bom) => {
    const secret = faker.mbLiveKey();
    const text = `// ünïcödé 𝒳 comment\nconst a = 1;\nconst k = "${secret}";\n`;
    const le = Buffer.from(text, "utf16le");
    const body = encoding === "utf-16le" ? le : Buffer.from(le).swap16();
    const { report } = scanWith(
      `${encoding} with BOM`,
      { [`${encoding}.js`]: Buffer.concat([bom, body]) },
      16,
    );
    expect(placesOf(report, secret)).toEqual([`${encoding}.js:3:12`]);
  });

  it("reads invalid UTF-8 as one U+FFFD per bad sequence, so later columns stay right", () => {
    const secret = faker.mbLiveKey();
    // `a`, C3 28 (bad lead) → U+FFFD `(`, `b`, FF → U+FFFD, ` c`, F0 9F 98 (truncated) → U+FFFD, ` d `: 10 UTF-16 units.
    const prefix = Buffer.from([
      0x61, 0xc3, 0x28, 0x62, 0xff, 0x20, 0x63, 0xf0, 0x9f, 0x98, 0x20, 0x64, 0x20,
    ]);
    const line = Buffer.concat([
      Buffer.from("// "),
      prefix,
      Buffer.from(`\nconst x = 1; /*${"\xff"}*/ const k = "${secret}";\n`, "latin1"),
    ]);
    const { report, run } = scanWith("invalid UTF-8 sequences", { "lossy.js": line }, 16);
    // line 2: `const x = 1; /*` (15) + U+FFFD (1) + `*/ const k = "` (14) → the key starts at column 31.
    expect(placesOf(report, secret)).toEqual(["lossy.js:2:31"]);
    expect(diagnosticsFor(report, "lossy.js").map((d) => d.code)).toEqual(["decoded-lossy"]);
    expect(run.stderr).toMatch(/lossy\.js: .*UTF-8/);
  });
});

describe("huge inputs", () => {
  it("scans a 50 MB single-line file and finds the key at its end", () => {
    const secret = faker.mbLiveKey();
    const tail = `;const k="${secret}";`;
    const text = `var a=0;${fillTo(50 * MB - 8 - tail.length, FILLER)}${tail}`;
    expect(text.length).toBe(50 * MB);
    const { report } = scanWith("50 MB single-line file", { "one-line.min.js": text }, 8);
    expect(placesOf(report, secret)).toEqual([`one-line.min.js:1:${text.length - tail.length + 11}`]);
    expect(report.stats.filesScanned).toBe(2);
  });

  it.each(["mb_sk_live_", "-----BEGIN ", "AKIA", "whsec_"])(
    "finishes on a 50 MB file of one repeated keyword %j",
    (keyword) => {
      const { report } = scanWith(
        `50 MB of ${JSON.stringify(keyword)} repeated`,
        { "flood.txt": fillTo(50 * MB, keyword) },
        8,
      );
      expect(report.stats.filesScanned).toBe(2);
      expect(diagnosticsFor(report, "flood.txt")).toEqual([]);
    },
  );

  it("scans a 10 MB base64 blob in a string literal", () => {
    const secret = faker.mbLiveKey();
    const blob = Buffer.alloc(7.5 * MB);
    for (let i = 0; i < blob.length; i++) blob[i] = (Math.imul(i, 2654435761) >>> 13) & 0xff;
    const text = `export const image = "data:image/png;base64,${blob.toString("base64")}";\nexport const k = "${secret}";\n`;
    const { report } = scanWith("10 MB base64 blob", { "blob.js": text }, 16);
    expect(placesOf(report, secret)).toEqual(["blob.js:2:19"]);
  });
});
