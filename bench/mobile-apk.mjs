#!/usr/bin/env node
// What each mobile format costs: builds a ~50 MB APK-shaped archive (Hermes bytecode, a Capacitor web
// build, a native library, dex code, images) plus one archive per format, scans each with the built CLI
// in a child process and prints wall time and peak RSS (measured in the child). Synthetic content from a
// seeded generator, with a few planted keys so the scan does real work; the Hermes file is written in
// bytecode-96 layout by this script (hermesc is a dev-time tool, not a dependency). Run `npm run build`
// first; on an idle machine for numbers worth comparing.
//
//   node bench/mobile-apk.mjs [--keep]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeZip } from "../fixtures/mobile/zip-writer.mjs";
import { createFaker } from "../scripts/fake-secrets.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(root, "dist/src/cli/main.js");
const PROBE = pathToFileURL(path.join(root, "test/adversarial/rss-probe.mjs")).href;
const MB = 1024 * 1024;
const faker = createFaker(5050);

/** Deterministic pseudo-random bytes (xorshift): incompressible like machine code. */
function noise(bytes, seed) {
  const out = Buffer.alloc(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, Math.min(i, bytes - 4));
  }
  return out;
}

/** Hermes bytecode 96 with `strings` in its string table (no functions: the reader needs none). */
function hermes96(strings) {
  const storage = Buffer.from(strings.join(""), "latin1");
  const small = Buffer.alloc(strings.length * 4);
  const overflow = [];
  let offset = 0;
  strings.forEach((text, n) => {
    if (text.length < 255 && offset < 1 << 23)
      small.writeUInt32LE(((text.length << 24) | (offset << 1)) >>> 0, n * 4);
    else {
      small.writeUInt32LE(((255 << 24) | ((overflow.length / 2) << 1)) >>> 0, n * 4);
      overflow.push(offset, text.length);
    }
    offset += text.length;
  });
  const overflowTable = Buffer.alloc(overflow.length * 4);
  overflow.forEach((value, i) => {
    overflowTable.writeUInt32LE(value, i * 4);
  });
  const header = Buffer.alloc(128);
  Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]).copy(header);
  header.writeUInt32LE(96, 8);
  const body = [small, overflowTable, storage];
  header.writeUInt32LE(128 + body.reduce((sum, part) => sum + part.length, 0), 32);
  header.writeUInt32LE(strings.length, 52);
  header.writeUInt32LE(overflow.length / 2, 56);
  header.writeUInt32LE(storage.length, 60);
  return Buffer.concat([header, ...body]);
}

function hermesBundle(megabytes) {
  const strings = [];
  let size = 0;
  for (let n = 0; size < megabytes * MB; n++) {
    const text =
      n % 5000 === 0
        ? `Bearer ${faker.mbLiveKey()}`
        : `${faker.base62(8)}_${n.toString(36)}${n % 7 === 0 ? faker.base62(60) : ""}`;
    strings.push(text);
    size += text.length;
  }
  return hermes96(strings);
}

function webBuild(megabytes) {
  const chunk = readFileSync(path.join(root, "node_modules/@babel/parser/lib/index.js"));
  const files = [];
  for (let n = 0, size = 0; size < megabytes * MB; n++, size += chunk.length) {
    const planted = n === 3 ? `\nconst k=${JSON.stringify(faker.mbSandboxKey())};` : "";
    files.push({
      name: `assets/public/assets/chunk-${n}.js`,
      data: Buffer.concat([chunk, Buffer.from(planted)]),
    });
  }
  return [
    {
      name: "assets/public/index.html",
      data: "<!doctype html><script type=module src=assets/chunk-0.js></script>",
    },
    ...files,
  ];
}

function nativeLibrary(megabytes, seed) {
  const parts = [];
  for (let n = 0; n < megabytes * 16; n++) {
    parts.push(
      noise(60 * 1024, seed + n),
      Buffer.from(`\0symbol_${n}_initialise_runtime_tables\0${n === 7 ? faker.awsAccessKeyId() : ""}\0`),
    );
  }
  return Buffer.concat(parts);
}

const formats = {
  hermes: () => [{ name: "assets/index.android.bundle", data: hermesBundle(12) }],
  web: () => webBuild(15),
  native: () => [{ name: "lib/arm64-v8a/libapp.so", data: nativeLibrary(12, 11) }],
  dex: () => [
    { name: "classes.dex", data: Buffer.concat([Buffer.from("dex\n035\0"), nativeLibrary(6, 99)]) },
  ],
  images: () =>
    Array.from({ length: 40 }, (_, n) => ({
      name: `res/drawable/img${n}.png`,
      data: noise(128 * 1024, n),
      method: "stored",
    })),
};

function measure(file, cwd) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", PROBE, CLI, "scan", file, "--format", "json"], {
    cwd,
    env: { ...process.env, CLIENTLEAK_RSS_FD: "3" },
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 256 * MB,
  });
  const wallMs = performance.now() - started;
  const report = JSON.parse(run.stdout);
  return {
    wallMs,
    maxRssMB: JSON.parse(String(run.output[3])).maxRssBytes / MB,
    findings: report.findings.length,
    files: report.stats.filesScanned,
  };
}

const dir = mkdtempSync(path.join(tmpdir(), "clientleak-mobile-bench-"));
try {
  const built = Object.fromEntries(Object.entries(formats).map(([name, make]) => [name, make()]));
  const archives = {
    ...Object.fromEntries(Object.entries(built).map(([name, members]) => [name, members])),
    "full APK": Object.values(built).flat(),
  };
  console.log("| archive | archive MB | unpacked MB | wall s | peak RSS MB | files scanned | findings |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [name, members] of Object.entries(archives)) {
    const file = `${name.replace(/ /g, "-")}.apk`;
    const zip = writeZip(members);
    writeFileSync(path.join(dir, file), zip);
    const unpacked = members.reduce((sum, member) => sum + Buffer.byteLength(member.data), 0);
    const result = measure(file, dir);
    console.log(
      `| ${name} | ${(zip.length / MB).toFixed(1)} | ${(unpacked / MB).toFixed(1)} | ${(result.wallMs / 1000).toFixed(2)} | ${result.maxRssMB.toFixed(0)} | ${result.files} | ${result.findings} |`,
    );
  }
} finally {
  if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
