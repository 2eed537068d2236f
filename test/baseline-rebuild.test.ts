/**
 * #15 item 6: a baseline survives the next build. Build output names carry a content hash, so a one-word
 * change renames every file; baseline entries for build output are bound to the name with its hash
 * replaced. A real esbuild build, rebuilt after an edit, scanned by the real CLI.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { withoutContentHashes } from "../src/findings/content-hash.js";
import { runCli, tempDir } from "./support/cli.js";

const faker = createFaker(1506);
const SANDBOX_KEY = faker.mbSandboxKey();
const NEW_KEY = faker.mbSandboxKey();
const BASELINE = ".clientleak-baseline.json";

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());

function app(greeting: string, extra = ""): void {
  temp.write(
    "src/index.js",
    `const key = "${SANDBOX_KEY}";\n${extra}document.title = "${greeting}";\nfetch("/api", { headers: { "x-api-key": key } });\n`,
  );
}

/** Vite's naming: `assets/[name]-[hash].js`, with a source map, into a clean dist/. */
async function rebuild(): Promise<string[]> {
  rmSync(path.join(temp.dir, "dist"), { recursive: true, force: true });
  await build({
    entryPoints: [path.join(temp.dir, "src/index.js")],
    bundle: true,
    minify: true,
    sourcemap: true,
    outdir: path.join(temp.dir, "dist/assets"),
    entryNames: "[name]-[hash]",
    logLevel: "silent",
  });
  return readdirSync(path.join(temp.dir, "dist/assets")).sort();
}

function scanDist(args: string[] = []) {
  const run = runCli(["scan", "dist", "--format", "json", ...args], { cwd: temp.dir });
  const report = JSON.parse(run.stdout) as {
    findings: { ruleId: string; evidence?: string; occurrences: { location: { path: string } }[] }[];
  };
  return { status: run.status, stderr: run.stderr, findings: report.findings };
}

describe("a baseline across rebuilds", () => {
  it("still hides the known key after an edit renames every bundle, and reports a new key", async () => {
    temp = tempDir();
    app("Hello");
    const before = await rebuild();
    expect(scanDist().findings.length).toBeGreaterThan(0);
    expect(runCli(["baseline", "create", "dist"], { cwd: temp.dir }).status).toBe(0);
    const entries = (
      JSON.parse(readFileSync(path.join(temp.dir, BASELINE), "utf8")) as { entries: { path?: string }[] }
    ).entries;
    expect(new Set(entries.map((entry) => entry.path))).toEqual(
      new Set(["dist/assets/index-[hash].js", "dist/assets/index-[hash].js.map"]),
    );

    app("Hello, world");
    const after = await rebuild();
    expect(after).not.toEqual(before);
    const known = scanDist(["--baseline", BASELINE]);
    expect(known.findings).toEqual([]);
    expect(known.status).toBe(0);
    expect(known.stderr).toMatch(/known findings? hidden by baseline/);

    // A new key in the rebuilt bundle is still news.
    app("Hello, world", `const other = "${NEW_KEY}";\nconsole.log(other);\n`);
    await rebuild();
    const added = scanDist(["--baseline", BASELINE]);
    expect(added.status).toBe(1);
    expect(added.findings.length).toBeGreaterThan(0);
  }, 120_000);

  it("an entry written with last build's hashed name (before names were normalised) matches the next build", async () => {
    temp = tempDir();
    app("Hello");
    await rebuild();
    runCli(["baseline", "create", "dist"], { cwd: temp.dir });
    const built = readdirSync(path.join(temp.dir, "dist/assets")).find((name) => name.endsWith(".js"))!;
    const file = path.join(temp.dir, BASELINE);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("index-[hash].js", built));
    expect(readFileSync(file, "utf8")).toContain(`dist/assets/${built}`);
    app("Hello again");
    await rebuild();
    expect(scanDist(["--baseline", BASELINE]).findings).toEqual([]);
  }, 120_000);

  it("a source file keeps its exact path: the baseline entry for src/ does not cover a renamed copy", () => {
    temp = tempDir();
    temp.write("src/config-a1b2c3d4.js", `export const key = "${SANDBOX_KEY}";\n`);
    runCli(["baseline", "create", "src"], { cwd: temp.dir });
    temp.write("src/config-e5f6a7b8.js", `export const key = "${SANDBOX_KEY}";\n`);
    const run = runCli(["scan", "src", "--baseline", BASELINE, "--format", "json"], { cwd: temp.dir });
    const paths = (
      JSON.parse(run.stdout) as { findings: { occurrences: { location: { path: string } }[] }[] }
    ).findings.flatMap((finding) => finding.occurrences.map((occurrence) => occurrence.location.path));
    expect([...new Set(paths)]).toEqual(["src/config-e5f6a7b8.js"]);
  });
});

describe("content hashes in build output names", () => {
  it.each([
    ["dist/assets/index-uS6a5i1m.js", "dist/assets/index-[hash].js"],
    ["dist/assets/index-HWDMHLPV.js", "dist/assets/index-[hash].js"],
    ["dist/assets/index--rjuayF8.js.map", "dist/assets/index-[hash].js.map"],
    ["dist/assets/vendor-react-dom-Bx_3kQ9a.js", "dist/assets/vendor-react-dom-[hash].js"],
    ["build/static/js/main.4d1e9f2a.js", "build/static/js/main.[hash].js"],
    ["build/static/js/2.a1b2c3d4.chunk.js", "build/static/js/2.[hash].chunk.js"],
    [".next/static/chunks/pages/index-0123abcd4567ef89.js", ".next/static/chunks/pages/index-[hash].js"],
    [".next/static/Xk2Lm9QpRt4Zb7Wc1Yd3e/_buildManifest.js", ".next/static/[hash]/_buildManifest.js"],
    ["dist/main.3f2a1b4c5d6e7f8a9b0c.bundle.js", "dist/main.[hash].bundle.js"],
  ])("%s → %s", (input, expected) => {
    expect(withoutContentHashes(input)).toBe(expected);
  });

  it.each([
    "dist/assets/polyfills-legacy.js",
    "dist/vendors-node_modules.js",
    "build/static/js/runtime-main.js",
    "dist/index.html",
    "dist/chunk-vendors.js",
  ])("leaves %s alone", (input) => {
    expect(withoutContentHashes(input)).toBe(input);
  });
});
