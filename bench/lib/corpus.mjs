// The benchmark corpus: the published files of pinned npm packages (bundles, minified builds, source
// maps), fetched with `npm pack` into the git-ignored bench/.cache, plus copies with planted secrets from
// the seeded generator, a doubled corpus (hard links) for the memory-flatness check, and a 50 MB one-line
// bundle made of real minified code.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createFaker } from "../../scripts/fake-secrets.mjs";

const PLANT_SEED = 20_260_101;

export function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

function listFiles(directory) {
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

export function corpusStats(directory) {
  const files = listFiles(directory);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + fs.statSync(file).size, 0) };
}

/** `npm pack` each pinned package once and unpack it into corpus/<name>@<version>/. */
function fetchPackages(cache, specs, log) {
  const packs = path.join(cache, "packs");
  fs.mkdirSync(packs, { recursive: true });
  for (const spec of specs) {
    const target = path.join(cache, "corpus", spec.replaceAll("/", "__"));
    if (fs.existsSync(path.join(target, ".complete"))) continue;
    log(`fetching ${spec}`);
    const output = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", packs], {
      encoding: "utf8",
      env: { ...process.env, npm_config_cache: path.join(cache, "npm") },
    });
    const tarball = path.join(packs, output.trim().split("\n").pop());
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
    fs.writeFileSync(path.join(target, ".complete"), "");
  }
}

/**
 * The secrets the scan must find: each planted into a copy of a real bundle (appended, so the bundle stays
 * valid JavaScript), and two into a copy of a real source map's sourcesContent. Returns their sha256, the
 * `secretHash` the JSON report carries, so recall is checked without the bench ever printing a secret.
 */
function plantSecrets(corpus) {
  const faker = createFaker(PLANT_SEED);
  const secrets = [
    faker.mbLiveKey(),
    faker.mbSandboxKey(),
    faker.pem("RSA PRIVATE KEY"),
    faker.webhookSecret(),
    faker.awsAccessKeyId(),
    faker.mbOtherEnvKey("stg"),
  ];
  const mapSecrets = [faker.mbLiveKey(), faker.mbSandboxKey()];
  const planted = path.join(corpus, "planted");
  fs.rmSync(planted, { recursive: true, force: true });
  fs.mkdirSync(planted);
  const files = listFiles(corpus);
  const bundles = files.filter((file) => file.endsWith(".min.js"));
  const maps = files.filter((file) => file.endsWith(".js.map"));
  secrets.forEach((secret, index) => {
    const source = bundles[(index * 7) % bundles.length];
    const line = `const __clientleakBench${index} = ${JSON.stringify(secret)};`;
    fs.writeFileSync(
      path.join(planted, `leak-${index}.min.js`),
      `${fs.readFileSync(source, "utf8")}\n${line}\n`,
    );
  });
  mapSecrets.forEach((secret, index) => {
    const map = JSON.parse(fs.readFileSync(maps[(index * 11) % maps.length], "utf8"));
    map.sourcesContent = [...(map.sourcesContent ?? [""])];
    map.sourcesContent[0] = `${map.sourcesContent[0] ?? ""}\nexport const benchKey${index} = "${secret}";\n`;
    fs.writeFileSync(path.join(planted, `leak-${index}.js.map`), JSON.stringify(map));
  });
  return [...secrets, ...mapSecrets].map(sha256);
}

/** A minified bundle of about `megabytes` on one line: real .min.js files, comment lines dropped, joined. */
function oneLiner(corpus, megabytes, secretLine) {
  const sources = listFiles(path.join(corpus))
    .filter((file) => file.endsWith(".min.js") && !file.includes(`${path.sep}planted${path.sep}`))
    .map((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => !line.trimStart().startsWith("//"))
        .join(" "),
    )
    .filter((code) => code.length > 10_000);
  const parts = [];
  let size = 0;
  for (let index = 0; size < megabytes * 1048576; index++) {
    const code = sources[index % sources.length];
    parts.push(code);
    size += code.length + 1;
    if (parts.length === Math.ceil(sources.length / 2)) parts.push(secretLine);
  }
  return parts.join(";");
}

export function prepareCorpus(cache, manifest, log) {
  fetchPackages(cache, manifest.packages, log);
  const corpus = path.join(cache, "corpus");
  const plantedHashes = plantSecrets(corpus);
  const doubled = path.join(cache, "corpus-2x");
  fs.rmSync(doubled, { recursive: true, force: true });
  fs.mkdirSync(doubled);
  for (const copy of ["a", "b"]) execFileSync("cp", ["-al", corpus, path.join(doubled, copy)]);

  const faker = createFaker(PLANT_SEED + 1);
  const oneLinerSecret = faker.mbLiveKey();
  const large = path.join(cache, "one-liner");
  fs.rmSync(large, { recursive: true, force: true });
  fs.mkdirSync(large);
  const oneLiners = {};
  for (const megabytes of [25, 50]) {
    const file = path.join(large, `bundle-${megabytes}mb.min.js`);
    fs.writeFileSync(file, oneLiner(corpus, megabytes, `var __clientleakBench="${oneLinerSecret}"`));
    oneLiners[megabytes] = file;
  }
  return {
    corpus,
    doubled,
    oneLiners,
    oneLinerSecretHash: sha256(oneLinerSecret),
    plantedHashes,
  };
}
