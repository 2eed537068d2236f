// bench/README.md keeps one table row per results file, between markers, so progress shows over time; the
// per-stage table (CLIENTLEAK_TIMING totals, CPU seconds summed over worker threads) is printed per run.
import fs from "node:fs";
import path from "node:path";

const BEGIN = "<!-- results:begin -->";
const END = "<!-- results:end -->";

const fixed = (value, digits = 1) =>
  value === null || value === undefined ? "–" : Number(value).toFixed(digits);

/** "12.3 s CPU, " (or "(12.3 s CPU)" with a closing), empty for results recorded before CPU time was. */
function cpu(measured, closing = ", ") {
  if (measured.cpuSeconds === null || measured.cpuSeconds === undefined) return "";
  const text = `${fixed(measured.cpuSeconds, 1)} s CPU`;
  return closing === ")" ? `(${text})` : `${text}${closing}`;
}

function row(result) {
  const c = result.clientleak;
  return [
    result.label ? `${result.date} ${result.label}` : result.date,
    `${result.corpus.files} files, ${fixed(result.corpus.bytes / 1048576, 0)} MB`,
    `${fixed(c.wallSeconds, 1)} s (${cpu(c)}${fixed(c.mbPerSecond, 1)} MB/s)`,
    result.singleThread
      ? `${fixed(result.singleThread.wallSeconds, 1)} s, ${fixed(result.singleThread.cpuSeconds, 1)} s CPU, ${fixed(result.singleThread.peakRssMB, 0)} MB`
      : "–",
    `${fixed(c.peakRssMB, 0)} MB → ${fixed(result.doubled?.peakRssMB, 0)} MB`,
    result.ripgrep
      ? `${fixed(result.ripgrep.wallSeconds, 2)} s ${cpu(result.ripgrep, ")")}${result.ripgrep.patterns ? ` (${result.ripgrep.patterns} patterns)` : " (keywords)"}`
      : "–",
    result.read ? `${fixed(result.read.wallSeconds, 2)} s` : "–",
    result.secretlint?.wallSeconds
      ? `${fixed(result.secretlint.wallSeconds, 1)} s ${cpu(result.secretlint, ")")}`
      : "–",
    `${fixed(result.ratios.vsRipgrep, 1)}×`,
    result.ratios.secretlintSpeedup ? `${fixed(result.ratios.secretlintSpeedup, 1)}×` : "–",
    `${result.recall.found}/${result.recall.planted}`,
    result.smallScan.medianMs === null
      ? "–"
      : `${result.smallScan.medianMs} ms${result.hookScan?.medianMs ? ` (hook entry ${result.hookScan.medianMs} ms)` : ""}`,
    result.oneLiner
      ? `${fixed(result.oneLiner.mb50.wallSeconds, 1)} s, ${fixed(result.oneLiner.mb50.peakRssMB, 0)} MB`
      : "–",
  ].join(" | ");
}

const HEADER = [
  "run",
  "corpus",
  "clientleak",
  "clientleak -j1",
  "peak RSS (1× → 2× corpus)",
  "ripgrep",
  "plain read",
  "secretlint",
  "clientleak / ripgrep",
  "secretlint / clientleak",
  "planted found",
  "5 staged files",
  "50 MB one-liner",
];

/** Within a day, a `before` run comes first and an `after` run last. */
function labelRank(label) {
  return label === "before" ? 0 : label === "after" ? 2 : 1;
}

export function updateReadme(readmePath, resultsDir) {
  const results = fs
    .readdirSync(resultsDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(fs.readFileSync(path.join(resultsDir, name), "utf8")))
    .sort((a, b) => a.date.localeCompare(b.date) || labelRank(a.label) - labelRank(b.label));
  const table = [
    `| ${HEADER.join(" | ")} |`,
    `| ${HEADER.map(() => "---").join(" | ")} |`,
    ...results.map((result) => `| ${row(result)} |`),
  ].join("\n");
  const readme = fs.readFileSync(readmePath, "utf8");
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${readmePath} has no ${BEGIN} … ${END} markers`);
  fs.writeFileSync(readmePath, `${readme.slice(0, start + BEGIN.length)}\n${table}\n${readme.slice(end)}`);
}

/** A markdown table of stage totals in seconds, one column per run, largest stages first. */
export function stageTable(runs) {
  const names = Object.keys(runs);
  const stages = [...new Set(names.flatMap((name) => Object.keys(runs[name] ?? {})))];
  const first = runs[names[0]] ?? {};
  stages.sort((a, b) => (first[b] ?? 0) - (first[a] ?? 0));
  const cell = (ms) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(2)} s`);
  return [
    `| stage | ${names.join(" | ")} |`,
    `| --- | ${names.map(() => "---").join(" | ")} |`,
    ...stages.map((stage) => `| ${stage} | ${names.map((name) => cell(runs[name]?.[stage])).join(" | ")} |`),
  ].join("\n");
}
