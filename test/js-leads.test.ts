/**
 * The evidence that opens the parser (src/extract/js-leads.ts): library idioms that only look like hiding
 * stay on the parser-free path; every form a credential can be hidden in still opens it, and a joined
 * array of literals is folded without it.
 */
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { extract } from "../src/engine/extract.js";
import { scanText } from "../src/engine/scan-text.js";
import { base64Forms, findLeads } from "../src/extract/js-leads.js";
import { CompiledRules } from "../src/match/engine.js";

const faker = createFaker(1212);
const hints = new CompiledRules(allRules);
const leadsIn = (text: string) => findLeads(text, hints).at.length;
const codes = (text: string) => [...text].map((c) => c.charCodeAt(0)).join(", ");

describe("library idioms are not evidence", () => {
  it.each([
    ["a char-code table", "var s = String.fromCharCode(65, 66, 67, 68, 69);"],
    ["char codes from code", "out += String.fromCharCode(c >> 8, c & 255);"],
    ["markup joined", 'html = ["<div>", body, "</div>"].join("");'],
    ["a certificate", 'var PEM = "-----BEGIN CERTIFICATE-----\\nMIIB";'],
    ["a public key header", 'if (s.indexOf("-----BEGIN PUBLIC KEY-----") === 0) parse(s);'],
    ["an SDK's field plumbing", "this.secretAccessKey = e.secretAccessKey; r = { clientSecret: t };"],
    ["a comparison", 'if (options.clientSecret === "") throw err;'],
    ["a template with code", "storageKey = `$" + "{item.id}_last`;"],
    ["a keyword, a literal, another literal", 'h = "Bearer " + "x";'],
  ])("%s", (_, text) => {
    expect(leadsIn(text)).toBe(0);
  });

  it("does not count a complete credential in one literal (the raw pass reads it)", () => {
    expect(leadsIn(`const k = "${faker.mbLiveKey()}";`)).toBe(0);
  });
});

describe("hidden credentials are evidence", () => {
  const key = faker.mbLiveKey();
  it.each([
    ["char codes that spell a lead", `k = String.fromCharCode(${codes("whsec_")}) + rest;`],
    ["char codes from an array", `k = String.fromCharCode(...[${codes("mb_sk_")}]);`],
    ["a lead split off", `k = "mb_sk_live_" + suffix;`],
    ["a PEM header a type is appended to", 'k = "-----BEGIN " + type + "-----";'],
    ["a private-key header", 'k = "-----BEGIN RSA PRIVATE KEY-----\\n" + body;'],
    ["a join with a lead piece", `k = ["mb_sk", part].join("");`],
    ["escapes that spell a lead", `k = "\\x6d\\x62_sk_live_${key.slice(11)}";`],
    ["base64 of a lead", `k = atob("${Buffer.from(key).toString("base64")}");`],
    ["a folded value under a rule's name", 'cfg = { clientSecret: "abc" + tail };'],
    ["a keyword with code appended", 'h = "Bearer " + token;'],
    ["a keyword concatenated", 'h = "Bearer ".concat(token);'],
    ["a code-shape keyword", "const m = new Medblocks(key);"],
  ])("%s", (_, text) => {
    expect(leadsIn(text)).toBeGreaterThan(0);
  });

  it("derives base64 forms of a lead at its three alignments", () => {
    expect(base64Forms("mb_sk_")).toContain("bWJfc2tf");
    expect(base64Forms("-----BEGIN").some((form) => "LS0tLS1CRUdJTi".includes(form))).toBe(true);
    for (const prefix of ["", "a", "ab"]) {
      const encoded = Buffer.from(`${prefix}whsec_x`).toString("base64");
      expect(base64Forms("whsec_").some((form) => encoded.includes(form))).toBe(true);
    }
  });
});

describe("joined literals", () => {
  it("folds a join of literals without the parser and finds the key", () => {
    const key = faker.mbLiveKey();
    const text = `var a=1;var k=[${JSON.stringify(key.slice(0, 9))}, '${key.slice(9, 20)}',\n "${key.slice(20)}"].join("");`;
    const extraction = extract("dist/app.min.js", text, "bundle", hints);
    expect(extraction.shapes ?? []).toEqual([]);
    const found = scanText(text, { path: "dist/app.min.js", showSecrets: true });
    expect(found.map((finding) => finding.secret)).toContain(key);
  });

  it("stays linear on many joins", () => {
    const text = 'x=["a","b"].join("");'.repeat(20_000);
    expect(findLeads(text, hints).joins.length).toBe(20_000);
  });
});
