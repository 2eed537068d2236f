/**
 * Framework data payloads (issue #16, section 3): a client secret that SvelteKit's load() or an Astro
 * client:load island ships to the browser, where the payload keeps its key and its value apart. The
 * fixture (fixtures/payloads, regenerate.mjs) is scanned by the real CLI; the unit cases below cover the
 * readers' look-alikes and worst cases.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { scanText } from "../src/engine/scan-text.js";
import { SourceText } from "../src/extract/fragment.js";
import { astroIslandFragments, decodeEntities, devalueFragments } from "../src/extract/payloads.js";
import { REPO_ROOT, runCli } from "./support/cli.js";
import { reportHashOfSha256 } from "./support/hashes.js";

const faker = createFaker(1717);

interface Finding {
  ruleId: string;
  secretHash: string;
  occurrences: { location: { path: string }; layer: string; notes?: string[] }[];
}

describe("fixtures/payloads: secrets shipped through SvelteKit and Astro payloads", () => {
  const fixture = path.join(REPO_ROOT, "fixtures/payloads");
  const expected = JSON.parse(readFileSync(path.join(fixture, "expected.json"), "utf8")) as {
    form: string;
    secretSha256: string;
    files: string[];
  }[];
  const run = runCli(["scan", "fixtures/payloads", "--format", "json"]);
  const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;

  it.each(expected)("finds the $form in the built output, named by its key", (planted) => {
    const finding = findings.find((item) => item.secretHash === reportHashOfSha256(planted.secretSha256));
    expect(finding?.ruleId).toBe("smart/client-secret");
    const files = finding!.occurrences.map((occurrence) =>
      path.relative("fixtures/payloads", occurrence.location.path),
    );
    for (const file of planted.files) expect(files).toContain(file);
  });

  it("says which payload ships the value", () => {
    const notes = findings.flatMap((finding) =>
      finding.occurrences.flatMap((occurrence) => occurrence.notes ?? []),
    );
    expect(notes).toContain("in SvelteKit page data (devalue), sent to the browser");
    expect(notes).toContain("prop of an Astro island, serialized into the page for every visitor");
  });
});

function devalueSecrets(text: string): string[] {
  return scanText(text, { path: "build/prerendered/x/__data.json", showSecrets: true }).map(
    (finding) => finding.secret ?? "",
  );
}

describe("devalue (SvelteKit __data.json)", () => {
  it("resolves an index to its value, nested objects too, and reports it at the value", () => {
    const secret = faker.clientSecret();
    const text = JSON.stringify({
      type: "data",
      nodes: [
        {
          type: "data",
          data: [{ session: 1, n: 4 }, { clientSecret: 2, id: 3 }, secret, "portal", 7],
          uses: {},
        },
      ],
    });
    const [finding] = scanText(text, { path: "__data.json", showSecrets: true });
    expect(finding?.secret).toBe(secret);
    expect(finding!.occurrences[0]!.location.start.column).toBe(text.indexOf(secret) + 1);
  });

  it.each([
    ["an index to a short value", [{ clientSecret: 1 }, "abc123"]],
    ["an index to a placeholder", [{ clientSecret: 1 }, "your-client-secret-here"]],
    ["an index to a number", [{ clientSecret: 1 }, 12345678901234]],
    ["an index out of range", [{ clientSecret: 9 }, "x"]],
    [
      "a list of records with numbers (not devalue)",
      [
        { clientId: 1, count: 2 },
        { clientId: 2, count: 3 },
      ],
    ],
    ["a public key name", [{ clientId: 1 }, faker.clientSecret()]],
  ])("does not report %s", (_name, data) => {
    expect(devalueSecrets(JSON.stringify({ type: "data", nodes: [{ type: "data", data }] }))).toEqual([]);
  });

  it("reads a payload of 20,000 values once, resolving every named secret", () => {
    const secrets = Array.from({ length: 200 }, () => faker.clientSecret());
    const data: unknown[] = [{}];
    const head = data[0] as Record<string, number>;
    secrets.forEach((secret, i) => {
      head[`clientSecret${i}`] = data.length;
      data.push(secret);
    });
    for (let i = 0; i < 20_000; i++) data.push(`filler-${i}`);
    const fragments = devalueFragments(new SourceText("__data.json", JSON.stringify({ nodes: [{ data }] })));
    expect(fragments.map((fragment) => fragment.text.slice(fragment.text.indexOf('"') + 1, -1))).toEqual(
      expect.arrayContaining(secrets),
    );
    expect(fragments.length).toBe(200);
  });
});

describe("Astro island props", () => {
  const island = (props: string) =>
    `<astro-island uid="a1" component-url="/_astro/C.js" props="${props}" ssr client="load"></astro-island>`;
  const htmlJson = (json: unknown) =>
    JSON.stringify(json).replace(
      /[&<>'"]/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&quot;" })[c]!,
    );

  it("reads entities and the [0, value] wrapper, in objects and arrays, at the value's place", () => {
    const a = faker.clientSecret();
    const b = faker.clientSecret();
    const page = island(htmlJson({ clientSecret: [0, a], auth: [0, { clientSecret: [1, [[0, b]]] }] }));
    const found = scanText(page, { path: "dist/index.html", showSecrets: true });
    expect(found.map((finding) => finding.secret).sort()).toEqual([a, b].sort());
    const column = found.find((finding) => finding.secret === a)!.occurrences[0]!.location.start.column;
    expect(page.slice(column - 1, column - 1 + a.length)).toBe(a);
  });

  it("decodes named and numeric entities", () => {
    expect(decodeEntities("&quot;&amp;&lt;&gt;&#39;&#x41;&#66;&nbsp;")).toBe("\"&<>'AB&nbsp;");
  });

  it.each([
    ["a public id", () => htmlJson({ clientId: [0, faker.clientSecret()] })],
    ["a placeholder", () => htmlJson({ clientSecret: [0, "replace-me-with-your-secret"] })],
    ["props that are not JSON", () => "{&quot;clientSecret&quot;:[0,&quot;"],
    ["an island without props", () => ""],
  ])("does not report %s", (_name, props) => {
    expect(scanText(island(props()), { path: "dist/index.html" })).toEqual([]);
  });

  it("reads a page of 2,000 islands, each once", () => {
    const secrets = Array.from({ length: 2000 }, () => `${faker.clientSecret()}9a`);
    const page = secrets.map((secret) => island(htmlJson({ clientSecret: [0, secret] }))).join("\n");
    const fragments = astroIslandFragments(new SourceText("dist/index.html", page));
    expect(fragments.length).toBe(2000);
  });
});
