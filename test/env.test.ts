import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { scanText } from "../src/engine/scan-text.js";
import { parseDotenv } from "../src/extract/dotenv.js";
import { detectPublicEnv } from "../src/frameworks/detect.js";
import type { Finding } from "../src/model/types.js";
import { PUBLIC_ENV_FRAMEWORKS, publicFrameworkOf } from "../src/rule-kit/public-env.js";
import { runCli, tempDir } from "./support/cli.js";

const faker = createFaker(505);

describe("dotenv parsing", () => {
  const text = [
    "# comment",
    "export PLAIN=abc def # trailing comment",
    "SINGLE='it''s raw \\n'",
    'DOUBLE="line1\\nline2"',
    'MULTI="-----BEGIN\nbody\n-----END"',
    "COLON: value",
    "HASH=pa#ss",
    "",
  ].join("\n");
  const entries = parseDotenv(text);

  it("reads keys and cooked values like dotenv", () => {
    expect(entries.map((entry) => [entry.key, entry.value])).toEqual([
      ["PLAIN", "abc def"],
      ["SINGLE", "it"],
      ["DOUBLE", "line1\nline2"],
      ["MULTI", "-----BEGIN\nbody\n-----END"],
      ["COLON", "value"],
      ["HASH", "pa#ss"],
    ]);
  });

  it("maps every value character back to the file, escapes onto their backslash", () => {
    const double = entries.find((entry) => entry.key === "DOUBLE")!;
    const fragment = `DOUBLE=${double.value}`;
    expect(text[double.map.toSource(fragment.indexOf("line2"))]).toBe("l");
    expect(
      text.slice(
        double.map.toSource(fragment.indexOf("\n")),
        double.map.toSource(fragment.indexOf("\n")) + 2,
      ),
    ).toBe("\\n");
    const multi = entries.find((entry) => entry.key === "MULTI")!;
    expect(
      text.slice(
        multi.map.toSource("MULTI=-----BEGIN\n".length),
        multi.map.toSource("MULTI=-----BEGIN\n".length) + 4,
      ),
    ).toBe("body");
  });
});

describe("framework detection, read as text", () => {
  const names = (files: { name: string; text: string }[]) =>
    detectPublicEnv(files).map((framework) => `${framework.name} ${framework.prefix}`);

  it.each([
    ["vite", "Vite VITE_"],
    ["next", "Next.js NEXT_PUBLIC_"],
    ["react-scripts", "Create React App REACT_APP_"],
    ["@vue/cli-service", "Vue CLI VUE_APP_"],
    ["nuxt", "Nuxt NUXT_PUBLIC_"],
    ["@sveltejs/kit", "SvelteKit/Astro PUBLIC_"],
    ["astro", "SvelteKit/Astro PUBLIC_"],
    ["gatsby", "Gatsby GATSBY_"],
    ["expo", "Expo EXPO_PUBLIC_"],
  ])("dependency %s → %s", (dependency, framework) => {
    expect(
      names([{ name: "package.json", text: JSON.stringify({ dependencies: { [dependency]: "1.0.0" } }) }]),
    ).toEqual([framework]);
  });

  it("takes Vite's envPrefix when vite.config writes it as a literal", () => {
    const config = 'export default defineConfig({ envPrefix: ["APP_", "PUBLIC_"], build: {} })';
    expect(
      names([
        { name: "package.json", text: '{"devDependencies":{"vite":"8"}}' },
        { name: "vite.config.ts", text: config },
      ]),
    ).toEqual(["Vite APP_", "Vite PUBLIC_"]);
    expect(
      names([{ name: "vite.config.mjs", text: "export default { envPrefix: prefixFromSomewhere() }" }]),
    ).toEqual(["Vite VITE_"]);
  });

  it("treats names under env in next.config as public, whatever their prefix", () => {
    const frameworks = detectPublicEnv([
      {
        name: "next.config.js",
        text: "module.exports = { env: { MEDBLOCKS_API_KEY: process.env.MEDBLOCKS_API_KEY } }",
      },
    ]);
    expect(publicFrameworkOf("MEDBLOCKS_API_KEY", frameworks)?.mechanism).toMatch(
      /next\.config lists it under env/,
    );
    expect(publicFrameworkOf("MEDBLOCKS_API_KEY_2", frameworks)).toBeUndefined();
  });

  it("knows Expo from app.json", () => {
    expect(names([{ name: "app.json", text: '{"expo":{"name":"portal"}}' }])).toEqual(["Expo EXPO_PUBLIC_"]);
  });
});

/**
 * The findings the public-prefix policy matched: its own, or a value rule's finding that it added its
 * context to (one secret, one finding), with everything the policy said.
 */
function policyFindings<T extends Finding>(findings: readonly T[]): (T & { policy: string })[] {
  return findings
    .filter((finding) => finding.occurrences.some((occurrence) => occurrence.publicEnv))
    .map((finding) => ({
      ...finding,
      policy: [finding.message, ...finding.occurrences.flatMap((occurrence) => occurrence.notes ?? [])].join(
        "\n",
      ),
    }));
}

describe("env/public-prefix-secret in .env files", () => {
  const envFindings = (text: string, path = ".env") =>
    policyFindings(scanText(text, { path, showSecrets: true }));

  it.each(PUBLIC_ENV_FRAMEWORKS.map((framework) => [framework.prefix, framework] as const))(
    "%s names its framework",
    (prefix, framework) => {
      const value = faker.clientSecret();
      const [finding] = envFindings(`${prefix}MEDBLOCKS_CLIENT_SECRET=${value}\n`);
      expect(finding?.secret).toBe(value);
      expect(finding?.policy).toContain(`${framework.name} ${framework.mechanism}`);
    },
  );

  it("says why in Vite's own words and makes a live Medblocks key critical", () => {
    const [finding] = envFindings(`VITE_MEDBLOCKS_API_KEY=${faker.mbLiveKey()}\n`);
    expect(finding?.severity).toBe("critical");
    expect(finding?.policy).toContain("Vite inlines every VITE_ variable into the client bundle");
  });

  it("leaves unprefixed server variables to the value rules", () => {
    const key = faker.mbLiveKey();
    const findings = scanText(`MEDBLOCKS_API_KEY=${key}\n`, { path: ".env.production", showSecrets: true });
    expect(findings.map((finding) => finding.ruleId)).toEqual(["medblocks/live-api-key"]);
  });

  it("positions the finding on the value, in a multi-line quoted value too", () => {
    const pem = faker.pem("PRIVATE KEY", 200);
    const [finding] = envFindings(`# signing\nPUBLIC_SMART_PRIVATE_KEY="${pem}"\n`, ".env.local");
    expect(finding?.secret).toBe(pem);
    expect(finding?.occurrences[0]?.location.start).toEqual({ line: 2, column: 27 });
  });
});

describe("the project's own frameworks decide which prefixes are public (real CLI)", () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(temp.dir, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  function envFindings(dir: string) {
    const run = runCli(["scan", ".", "--format", "json"], { cwd: dir });
    return policyFindings(JSON.parse(run.stdout).findings as Finding[]);
  }

  it("uses a custom Vite envPrefix read from vite.config, and no longer treats VITE_ as public", () => {
    const dir = project("custom-prefix", {
      "package.json": JSON.stringify({ devDependencies: { vite: "8.3.8" } }),
      "vite.config.ts":
        'import { defineConfig } from "vite";\nexport default defineConfig({ envPrefix: ["APP_"] });\n',
      ".env": `APP_MEDBLOCKS_WEBHOOK_SECRET=${faker.webhookSecret()}\nVITE_SIGNING_SECRET=${faker.clientSecret()}\n`,
    });
    const findings = envFindings(dir);
    expect(findings.map((finding) => finding.policy)).toEqual([
      expect.stringContaining("Vite inlines every APP_ variable"),
    ]);
  });

  it("flags a variable next.config lists under env, whatever its prefix, critical for a live key", () => {
    const dir = project("next-env", {
      "package.json": JSON.stringify({ dependencies: { next: "15.0.0" } }),
      "next.config.js": "module.exports = { env: { MEDBLOCKS_API_KEY: process.env.MEDBLOCKS_API_KEY } };\n",
      ".env.local": `MEDBLOCKS_API_KEY=${faker.mbLiveKey()}\n`,
    });
    const [finding] = envFindings(dir);
    expect(finding?.severity).toBe("critical");
    expect(finding?.policy).toContain("next.config lists it under env");
  });
});
