import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { scanText } from "../src/engine/scan-text.js";

const faker = createFaker(5150);

describe("JSON payloads in HTML (Next's __NEXT_DATA__, Nuxt's __NUXT_DATA__)", () => {
  it("reads escaped values the raw text cannot: a key with \\/ escapes, a PEM with \\n", () => {
    const accountKey = faker.azureAccountKey();
    const connection = `DefaultEndpointsProtocol=https;AccountName=clinicexports;AccountKey=${accountKey};EndpointSuffix=core.windows.net`;
    const pem = faker.pem("PRIVATE KEY", 600);
    const payload = JSON.stringify({
      props: { pageProps: { storage: connection, smartKey: pem } },
    }).replaceAll("/", "\\/");
    const html = `<!DOCTYPE html><html><body><div id="__next"></div>\n<script id="__NEXT_DATA__" type="application/json">${payload}</script></body></html>\n`;
    const findings = scanText(html, { path: "out/index.html", showSecrets: true });
    const azure = findings.find((finding) => finding.ruleId === "azure/storage-connection-string");
    expect(azure?.secret).toBe(accountKey);
    expect(azure?.occurrences[0]?.keyPath).toBe("props.pageProps.storage");
    expect(azure?.occurrences[0]?.notes).toContain(
      "in the page's JSON payload (__NEXT_DATA__), served to every visitor",
    );
    expect(
      findings.find((finding) => finding.ruleId === "private-key/pem")?.occurrences[0]?.location.start.line,
    ).toBe(2);
  });

  it("leaves ordinary page data alone", () => {
    const html = `<script id="__NUXT_DATA__" type="application/json">[{"state":1},"https:\\/\\/app.medblocks.com\\/c\\/${faker.hex(32)}","wh_01J9YR9N3X4VZ6P2K5RH7M3LMP"]</script>`;
    expect(scanText(html, { path: "dist/index.html" })).toEqual([]);
  });
});
