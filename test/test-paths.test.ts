/**
 * Test files and fixtures do not ship: a value there is reported low with why, a live credential still
 * gets a word, and the same value in shipped code keeps its severity.
 */
import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { createVendorFaker } from "../scripts/fake-vendor-secrets.mjs";
import { scanText } from "../src/engine/scan-text.js";
import { isTestPath } from "../src/walk/test-paths.js";

const faker = createFaker(1616);
const vendor = createVendorFaker(1616);

describe("isTestPath", () => {
  it.each([
    "src/__tests__/checkout.ts",
    "src/components/Button.test.tsx",
    "src/lib/pay.spec.ts",
    "test/fixtures/webhook.json",
    "tests/e2e/login.ts",
    "packages/api/test/setup.js",
    "cypress/fixtures/user.json",
    "cypress/e2e/checkout.cy.ts",
    "e2e/smoke.e2e.ts",
    "src/__mocks__/stripe.ts",
    "src/__fixtures__/events.json",
    "src/types.test-d.ts",
  ])("%s is a test path", (path) => {
    expect(isTestPath(path)).toBe(true);
  });

  it.each([
    "src/components/Button.tsx",
    "src/testimonials/List.tsx",
    "src/latest/news.ts",
    "fixtures/demo/src/main.ts",
    "dist/assets/index-4f9c.js",
    "dist/test/harness.js",
    "public/specimen.json",
    "src/contest.ts",
  ])("%s is not", (path) => {
    expect(isTestPath(path)).toBe(false);
  });
});

describe("findings in test files", () => {
  const live = vendor.stripeKey("sk", "live");
  const text = `const stripe = new Stripe("${live}");\n`;

  it("are low, say why, and still warn about a live key", () => {
    const [finding] = scanText(text, { path: "src/__tests__/checkout.test.ts", showSecrets: true });
    expect(finding?.ruleId).toBe("stripe/secret-key");
    expect(finding?.severity).toBe("low");
    expect(finding?.occurrences[0]?.notes).toEqual([
      "test file, not shipped to browsers",
      "if this Stripe live secret key is live, rotate it anyway: the repository holds it",
    ]);
  });

  it("keep their severity in shipped code", () => {
    const [finding] = scanText(text, { path: "src/lib/checkout.ts", showSecrets: true });
    expect(finding?.severity).toBe("critical");
    expect(finding?.occurrences[0]?.notes).toBeUndefined();
  });

  it("report a webhook secret in a JSON fixture low", () => {
    const secret = faker.standardWebhookSecret();
    const findings = scanText(JSON.stringify({ endpoint: { secret } }), {
      path: "test/fixtures/webhook-endpoint.json",
      showSecrets: true,
    });
    expect(findings.map((finding) => [finding.ruleId, finding.severity, finding.secret])).toEqual([
      ["webhook/signing-secret", "low", secret],
    ]);
  });

  it("never report the Standard Webhooks and Svix documentation secrets", () => {
    const text =
      'const wh = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");\n' +
      'const other = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";\n';
    expect(scanText(text, { path: "src/__tests__/webhooks.test.ts" })).toEqual([]);
    expect(scanText(text, { path: "src/webhooks.ts" })).toEqual([]);
  });

  it("leave info findings info", () => {
    const key = faker.googleApiKey();
    const [finding] = scanText(`const firebase = { apiKey: "${key}" };`, { path: "src/app.spec.ts" });
    expect(finding?.severity).toBe("info");
  });
});
