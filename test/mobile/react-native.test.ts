/**
 * React Native and Expo output through the real CLI: Metro bundles known by content whatever their name,
 * Expo web exports under `_expo/static/js/`, and an Expo config's `extra` values reported as shipped
 * (expo-constants copies them into the app), while the public-by-design project id is not reported.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../../scripts/fake-secrets.mjs";
import { runCli, tempDir } from "../support/cli.js";

const faker = createFaker(1718);
const [extraKey, configKey, otaKey, webKey] = [1, 2, 3, 4].map(() => faker.mbLiveKey());
const { dir, cleanup } = tempDir("clientleak-rn-");
afterAll(cleanup);

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
write(
  "app.json",
  JSON.stringify(
    {
      expo: {
        name: "clinic",
        slug: "clinic",
        extra: { medblocksKey: extraKey, eas: { projectId: "5f2e7a1c-3b4d-4e8f-9a0b-1c2d3e4f5a6b" } },
      },
    },
    null,
    2,
  ),
);
write(
  "app.config.ts",
  `export default ({ config }) => ({ ...config, extra: { medblocks: "${configKey}" } });\n`,
);
// An over-the-air update's bundle has no extension: Metro's prelude says what it is.
write(
  "updates/launch-asset",
  `var __BUNDLE_START_TIME__=globalThis.nativePerformanceNow?nativePerformanceNow():Date.now(),__DEV__=false;\n__d(function(g,r,i,a,m,e,d){fetch("/x",{headers:{"x-api-key":"${otaKey}"}})},0,[]);\n`,
);
write("dist/_expo/static/js/web/entry-3f2a.js", `__d(function(g,r){r.key="${webKey}"},7,[]);\n`);

describe("React Native / Expo projects", () => {
  const run = runCli(["scan", ".", "--format", "json"], { cwd: dir });
  const report = JSON.parse(run.stdout) as {
    findings: { occurrences: { location: { path: string }; keyPath?: string; layer: string }[] }[];
  };
  const text = runCli(["scan", "."], { cwd: dir }).stdout;

  it("finds every planted key, and nothing else (the Expo project id is public)", () => {
    // Key paths matter for the Expo configs (what makes them shipped); bundles are named by place only.
    const place = (o: { location: { path: string }; keyPath?: string }) =>
      o.location.path.startsWith("app.") ? `${o.location.path} ${o.keyPath}` : o.location.path;
    expect(report.findings.flatMap((f) => f.occurrences.map(place)).sort()).toEqual([
      "app.config.ts extra.medblocks",
      "app.json expo.extra.medblocksKey",
      "dist/_expo/static/js/web/entry-3f2a.js",
      "updates/launch-asset",
    ]);
  });

  it("reports Expo extra values as shipped", () => {
    expect(text).toMatch(/shipped {4}app\.json:\d+:\d+ {2}expo\.extra\.medblocksKey/);
    expect(text).toMatch(/shipped {4}app\.config\.ts:1:\d+ {2}extra\.medblocks/);
  });
});
