/**
 * Values through variables (issue #16, section 1): constant bindings folded into the templates, `+`
 * chains and property reads that use them, reported where the value is put together with its parts
 * named; and everything that makes a name not constant (a write, a shadowing parameter, a mutated
 * object) must stop the folding. Worst cases stay bounded: no test asserts time, they assert size.
 */
import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { extract } from "../src/engine/extract.js";
import { compiledFor, scanText } from "../src/engine/scan-text.js";
import { leadPieceGate } from "../src/extract/js-constants.js";

const faker = createFaker(1616);

interface Seen {
  ruleId: string;
  secret: string;
  at: string;
  layer: string;
  notes: string[];
  snippet: string;
}

function found(text: string, path = "src/config.js"): Seen[] {
  return scanText(text, { path, showSecrets: true }).flatMap((finding) =>
    finding.occurrences.map((occurrence) => ({
      ruleId: finding.ruleId,
      secret: finding.secret ?? "",
      at: `${occurrence.location.start.line}:${occurrence.location.start.column}`,
      layer: occurrence.layer,
      notes: occurrence.notes ?? [],
      snippet: occurrence.snippet,
    })),
  );
}

function secrets(text: string, path?: string): string[] {
  return [...new Set(found(text, path).map((item) => item.secret))];
}

/** A live key's body cut in two, for constants that hold its parts. */
function liveKeyParts(): { key: string; a: string; b: string } {
  const key = faker.mbLiveKey();
  const body = key.slice("mb_sk_live_".length);
  return { key, a: body.slice(0, 16), b: body.slice(16) };
}

describe("constant bindings fold into the value that uses them", () => {
  it("finds the issue's example where the template assembles it, naming each part and where it was written", () => {
    const { key, a, b } = liveKeyParts();
    const source = [
      `const PREFIX = "mb_sk_"; const ENV = "live";`,
      `const A = "${a}";`,
      `const B = "${b}";`,
      `export const KEY = \`\${PREFIX}\${ENV}_\${A}\${B}\`;`,
    ].join("\n");
    const hits = found(source).filter((item) => item.secret === key);
    expect(hits.map((item) => [item.at, item.layer])).toEqual([["4:20", "folded"]]);
    expect(hits[0]!.notes).toContain("assembled from PREFIX (1:17), ENV (1:39), A (2:12), B (3:12)");
  });

  it("redacts the parts wherever a report shows them, not only the assembled value", () => {
    const { key, a, b } = liveKeyParts();
    const source = `var P="mb_sk_",E="live",A="${a}",B="${b}",K=\`\${P}\${E}_\${A}\${B}\`;`;
    const [finding] = scanText(source, { path: "dist/app.js" }).filter((item) =>
      item.ruleId.includes("live"),
    );
    expect(finding).toBeDefined();
    const printed = JSON.stringify(finding);
    expect(printed).not.toContain(key);
    expect(printed).not.toContain(a);
    expect(printed).not.toContain(b);
  });

  it("folds never-reassigned let and var in function scope, and + chains of names", () => {
    const { key, a, b } = liveKeyParts();
    const source = `function client() {\n  let prefix = "mb_sk_live_";\n  var tail = "${b}";\n  return prefix + "${a}" + tail;\n}\n`;
    const hits = found(source).filter((item) => item.secret === key);
    expect(hits.map((item) => item.at)).toEqual(["4:10"]);
    expect(hits[0]!.notes).toContain("assembled from prefix (2:17), tail (3:15)");
  });

  it("reads properties of constant object literals, nested too", () => {
    const webhook = faker.webhookSecret();
    const source = `const CONFIG = { keys: { prefix: "whsec_" }, region: "eu" };\nexport const secret = CONFIG.keys.prefix + "${webhook.slice(6)}";\n`;
    expect(secrets(source)).toContain(webhook);
    expect(found(source).find((item) => item.secret === webhook)!.notes).toContain(
      "assembled from CONFIG.keys.prefix (1:35)",
    );
  });

  it("follows a constant made of constants, and reports it where the outer value is assembled", () => {
    const { key, a, b } = liveKeyParts();
    const source = `const P = "mb_sk_" + "live_";\nconst HEAD = \`\${P}${a}\`;\nconst KEY = HEAD + "${b}";\n`;
    const hits = found(source).filter((item) => item.secret === key);
    expect(hits.map((item) => item.at)).toEqual(["3:13"]);
  });

  it("reports a secret whole in one constant once, where it was written, however often it is used", () => {
    const key = faker.mbLiveKey();
    const source = `const KEY = "${key}";\nfetch(\`/a?k=\${KEY}\`);\nfetch("/b?k=" + KEY);\nconst h = { Authorization: \`\${KEY}\` };\n`;
    const hits = found(source).filter((item) => item.secret === key);
    expect(hits.map((item) => item.at)).toEqual(["1:14"]);
  });

  it("finds the value in a Svelte component's script block", () => {
    const { key, a, b } = liveKeyParts();
    const source = `<script>\n  const P = "mb_sk_";\n  const KEY = \`\${P}live_${a}${b}\`;\n</script>\n<p>{KEY}</p>\n`;
    expect(secrets(source, "src/App.svelte")).toContain(key);
  });
});

describe("names that are not constants are not folded", () => {
  const { a, b } = liveKeyParts();
  const cases: [string, string][] = [
    ["a let written later", `let P = "mb_sk_"; P = "xx_sk_";\nconst K = P + "live_${a}${b}";`],
    ["a var updated with +=", `var P = "mb_sk_"; P += "x";\nconst K = \`\${P}live_${a}${b}\`;`],
    [
      "a name written in a closure",
      `let P = "mb_sk_"; function reset() { P = "xx_"; }\nconst K = P + "live_${a}${b}";`,
    ],
    ["a destructuring write", `let P = "mb_sk_"; [P] = ["xx_"];\nconst K = P + "live_${a}${b}";`],
    ["a parameter that shadows it", `const P = "mb_sk_";\nfunction f(P) { return P + "live_${a}${b}"; }`],
    [
      "a destructured name that shadows it",
      `const P = "mb_sk_";\nfunction f({ P }) { return \`\${P}live_${a}${b}\`; }`,
    ],
    [
      "an inner const that shadows it",
      `const P = "mb_sk_";\n{ const P = "xx_sk_"; use(P + "live_${a}${b}"); }`,
    ],
    ["a catch parameter", `const P = "mb_sk_";\ntry {} catch (P) { use(P + "live_${a}${b}"); }`],
    ["a var declared twice", `var P = "mb_sk_"; var P = "xx_sk_";\nuse(P + "live_${a}${b}");`],
    [
      "an import of the same name",
      `const P = "mb_sk_";\nfunction f() { return P; }\nimport { Q as P2 } from "x";\n{ let P; use(P + "live_${a}${b}"); }`,
    ],
    [
      "an object written through",
      `const C = { prefix: "mb_sk_" }; C.prefix = "xx_sk_";\nuse(C.prefix + "live_${a}${b}");`,
    ],
    [
      "an object assigned into",
      `const C = { prefix: "mb_sk_" }; Object.assign(C, other);\nuse(C.prefix + "live_${a}${b}");`,
    ],
    [
      "a spread after the property",
      `const C = { prefix: "mb_sk_", ...other };\nuse(C.prefix + "live_${a}${b}");`,
    ],
    ["a computed property read", `const C = { prefix: "mb_sk_" };\nuse(C[k] + "live_${a}${b}");`],
  ];
  it.each(cases)("%s", (_name, source) => {
    expect(secrets(source).filter((secret) => secret.endsWith(b))).toEqual([]);
  });

  it("a look-alike prefix in a constant is not a credential", () => {
    const source = `const P = "mb_sku_"; const K = \`\${P}live_${a}${b}\`;`;
    expect(secrets(source)).toEqual([]);
  });
});

describe("only where a credential can come out", () => {
  it("the gate asks for a literal that starts a credential and ends soon after", () => {
    const gate = leadPieceGate(compiledFor().leads)!;
    expect(gate.test(`const P = "mb_sk_";`)).toBe(true);
    expect(gate.test(`const P = \`mb_\${x}\`;`)).toBe(true);
    expect(gate.test(`const H = "-----BEGIN PRIVATE KEY-----\\n";`)).toBe(true);
    expect(gate.test(`const C = { prefix: 'whsec_' };`)).toBe(true);
    expect(gate.test(`const P = "xmb_";`)).toBe(false);
    expect(gate.test(`const u = "/api/users";`)).toBe(false);
    expect(gate.test("const h = { hooks: `hooks` };")).toBe(false);
    expect(gate.test(`const P = "mb_sk_live_";`)).toBe(true);
    expect(gate.test(`const line = "-----";`)).toBe(false);
    expect(gate.test(`const url = "https://example.com"; const ENV = "live";`)).toBe(false);
  });

  it("without such a literal no name is resolved", () => {
    const { a, b } = liveKeyParts();
    const source = `const P = "mb"; const S = "_sk_live_";\nconst K = P + S + "${a}${b}";\n`;
    const fragments = extract("src/a.js", source, "js", compiledFor()).fragments;
    expect(fragments.some((fragment) => fragment.assembly !== undefined)).toBe(false);
  });
});

describe("worst cases stay bounded", () => {
  it("a long constant used in ten thousand templates folds within a budget of a few times the file", () => {
    const long = "x".repeat(60_000);
    const uses = Array.from({ length: 10_000 }, (_, i) => `use(\`\${L}${i}\`);`).join("\n");
    const source = `const P = "mb_sk_";\nconst L = "${long}";\n${uses}\n`;
    const fragments = extract("src/a.js", source, "js", compiledFor()).fragments;
    const folded = fragments.reduce(
      (sum, fragment) => sum + (fragment.layer === "folded" ? fragment.text.length : 0),
      0,
    );
    expect(folded).toBeLessThan(8 * source.length);
  });

  it("a constant that doubles at each step stops at the size limit", () => {
    const lines = [`const P = "mb_sk_"; const a0 = "ab";`];
    for (let i = 1; i <= 40; i++) lines.push(`const a${i} = a${i - 1} + a${i - 1};`);
    lines.push(`use(\`\${P}\${a40}\`);`);
    const fragments = extract("src/a.js", lines.join("\n"), "js", compiledFor()).fragments;
    expect(Math.max(...fragments.map((fragment) => fragment.text.length))).toBeLessThanOrEqual(
      64 * 1024 + 64,
    );
  });

  it("finds every one of 400 assembled keys in one file", () => {
    const keys: string[] = [];
    const lines = [`const P = "mb_sk_live_";`];
    for (let i = 0; i < 400; i++) {
      const { key, a, b } = liveKeyParts();
      keys.push(key);
      lines.push(`const A${i} = "${a}"; export const K${i} = \`\${P}\${A${i}}${b}\`;`);
    }
    const all = new Set(secrets(lines.join("\n")));
    expect(keys.filter((key) => !all.has(key))).toEqual([]);
  });

  it("a chain of 5,000 names each defined by the previous one is resolved without a stack overflow", () => {
    const lines = [`const P = "mb_sk_"; const n0 = "live_";`];
    for (let i = 1; i <= 5000; i++) lines.push(`const n${i} = n${i - 1};`);
    const { a, b } = liveKeyParts();
    lines.push(`use(P + n5000 + "${a}${b}");`);
    expect(() => found(lines.join("\n"))).not.toThrow();
  });
});

describe("encodings a careless developer uses (issue #16, section 3)", () => {
  const percent = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
  const hex = (text: string) => Buffer.from(text).toString("hex");
  const reversed = (text: string) => [...text].reverse().join("");

  it.each([
    [
      "decodeURIComponent",
      (key: string) => `export const k = decodeURIComponent("${percent(key)}");`,
      "1:37",
    ],
    ["unescape", (key: string) => `var k = window.unescape("${percent(key)}");`, "1:25"],
    [
      "a renamed Buffer polyfill",
      (key: string) => `var e=r(7).Buffer;const k=e.from("${hex(key)}","hex").toString();`,
      "1:34",
    ],
    [
      "Buffer.from hex",
      (key: string) => `const k = Buffer.from("${hex(key)}", "hex").toString("utf8");`,
      "1:23",
    ],
    [
      "split/reverse/join",
      (key: string) => `const k = "${reversed(key)}".split("").reverse().join("");`,
      "1:11",
    ],
    ["[...s].reverse()", (key: string) => `const k = [..."${reversed(key)}"].reverse().join("");`, "1:11"],
    [
      "Array.from(s).reverse()",
      (key: string) => `const k = Array.from("${reversed(key)}").reverse().join("");`,
      "1:11",
    ],
    [
      "an array of chunks reversed",
      (key: string) =>
        `const k = ${JSON.stringify([key.slice(0, 9), key.slice(9, 24), key.slice(24)].reverse())}.reverse().join("");`,
      "1:11",
    ],
  ])("finds a key hidden by %s, at the encoded literal", (_name, write, at) => {
    const key = faker.mbLiveKey();
    const hits = found(write(key), "dist/app.js").filter((item) => item.secret === key);
    expect(hits.map((item) => item.at)).toEqual([at]);
    expect(JSON.stringify(scanText(write(key), { path: "dist/app.js" }))).not.toContain(key.slice(11));
  });

  it("finds a reversed webhook secret and a hex one through a polyfill's own name", () => {
    const secret = faker.webhookSecret();
    const source = `import{Buffer as X}from"buffer";\nexport const a = X.from("${hex(secret)}", "hex").toString();\nexport const b = "${reversed(secret)}".split("").reverse().join("");\n`;
    expect(
      found(source, "dist/app.js")
        .filter((item) => item.secret === secret)
        .map((item) => item.at),
    ).toEqual(["2:25", "3:18"]);
  });

  it.each([
    ["a percent-encoded URL", `const u = decodeURIComponent("https%3A%2F%2Fexample.com%2Fmb_sk_%3Fq%3D1");`],
    ["a malformed escape (it throws at run time)", `const u = decodeURIComponent("%6d%62%5f%73%6b%5f%ZZ");`],
    ["hex bytes of a crypto constant", `const p = e.from("${"ff00".repeat(40)}", "hex");`],
    [
      "a reversed look-alike",
      `const k = "${reversed(`mb_sku_live_${"Ab3d".repeat(8)}`)}".split("").reverse().join("");`,
    ],
    ["a string reversed without join", `const k = "${reversed(faker.mbLiveKey())}".split("").reverse();`],
  ])("does not report %s", (_name, source) => {
    expect(found(source, "dist/app.js")).toEqual([]);
  });

  it("does not decode hex of binary through a renamed polyfill", () => {
    const source = `var k = X.from("${"8f9e".repeat(40)}6d625f736b5f", "hex");`;
    const fragments = extract("dist/app.js", source, "bundle", compiledFor()).fragments;
    expect(fragments.filter((fragment) => fragment.layer === "decoded")).toEqual([]);
  });
});

describe("base64-wrapped keys in env values and JSON", () => {
  const pem = faker.pem("PRIVATE KEY", 400);
  const encoded = Buffer.from(pem).toString("base64");

  it.each([
    ["an unquoted env value", ".env", `# hosting dislikes newlines\nPRIVATE_KEY_B64=${encoded}\n`, "2:17"],
    ["a quoted env value", ".env.production", `export SIGNING_KEY="${encoded}"\n`, "1:21"],
    ["a JSON string", "config/keys.json", `{\n  "signing": { "privateKeyB64": "${encoded}" }\n}\n`, "2:34"],
  ])("decodes %s that is base64 of a PEM key", (_name, path, text, at) => {
    const hits = found(text, path).filter((item) => item.ruleId === "private-key/pem");
    expect(hits.map((item) => [item.secret, item.at, item.layer])).toEqual([[pem, at, "decoded"]]);
    expect(hits[0]!.notes).toContain("decoded from base64");
    expect(JSON.stringify(scanText(text, { path }))).not.toContain(encoded.slice(20, 60));
  });

  it("decodes a whole service-account JSON stored as base64, the key at any alignment", () => {
    for (const padding of ["", "x", "xy"]) {
      const account = JSON.stringify({ type: "service_account", padding, private_key: pem });
      const text = `GOOGLE_CREDENTIALS=${Buffer.from(account).toString("base64")}\n`;
      expect(found(text, ".env").map((item) => item.ruleId)).toContain("private-key/pem");
    }
  });

  it.each([
    ["a certificate", `CA_B64=${Buffer.from(faker.pem("CERTIFICATE", 400)).toString("base64")}\n`],
    ["random base64", `BLOB=${Buffer.from(faker.base62(300)).toString("base64")}\n`],
    ["base64 of binary that happens to hold the lead", `BLOB=LS0tLS1CRUdJTi${"////".repeat(40)}\n`],
    ["a truncated encoding", `KEY_B64=${encoded.slice(0, 101)}\n`],
  ])("does not report %s", (_name, text) => {
    expect(found(text, ".env")).toEqual([]);
  });

  it("decodes nothing over 64 KB and finds each of 300 encoded keys in one file", () => {
    const huge = `BIG=LS0tLS1CRUdJTi${"A".repeat(200_000)}\n`;
    const fragments = extract(".env", huge, "env", compiledFor()).fragments;
    expect(fragments.filter((fragment) => fragment.layer === "decoded")).toEqual([]);
    const keys = Array.from({ length: 300 }, () => faker.pem("PRIVATE KEY", 120));
    const text = keys.map((key, i) => `KEY_${i}=${Buffer.from(key).toString("base64")}`).join("\n");
    const all = new Set(secrets(text, ".env"));
    expect(keys.filter((key) => !all.has(key))).toEqual([]);
  });
});
