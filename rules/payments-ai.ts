// biome-ignore-all lint/suspicious/noTemplateCurlyInString: example texts quote JavaScript that interpolates at runtime.
// Payment and AI API keys that leak from React/Vue apps: Stripe secret and restricted keys, OpenAI and
// Anthropic API keys. Prefix formats, so each rule is exact; the publishable look-alikes are negatives.
// Example secrets: scripts/fake-vendor-secrets.mjs, createVendorFaker(505) and (606): generated, never issued.
import { defineRule, type PatternRule } from "../src/rule-kit/index.js";

const STRIPE_REMEDIATION =
  "Roll the key in the Stripe Dashboard (Developers → API keys → Roll key), review Developers → Logs for " +
  "requests you did not make, and create charges, refunds and customers from your backend: the browser " +
  "needs only the publishable key (pk_live_).";

/** The keys printed in Stripe's API reference (test mode, shared by every reader of the docs). */
const STRIPE_DOC_TEST_KEYS = ["sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2"];

/** `sk_` or `rk_`, a mode, then the body: 24 characters (older keys) up to 99 and more (current ones). */
function stripePattern(kinds: string, modes: string): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9_])(?<secret>(?:${kinds})_(?:${modes})_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])`,
  );
}

const stripeSecretKey = defineRule({
  id: "stripe/secret-key",
  title: "Stripe live secret key",
  description:
    "A live secret key (sk_live_) acts as the whole Stripe account: anyone who reads the bundle can create " +
    "charges and refunds, pay out, and read every customer, card fingerprint and invoice.",
  severity: "critical",
  confidence: "exact",
  keywords: ["sk_live_"],
  publicPrefix: /^sk_live_/,
  remediation: STRIPE_REMEDIATION,
  references: ["https://docs.stripe.com/keys"],
  pattern: stripePattern("sk", "live"),
  window: { before: 16, after: 272 },
  examples: {
    positive: [
      {
        text: 'const stripe = new Stripe("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", { apiVersion: "2024-06-20" });',
        secret:
          "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",
        path: "src/lib/checkout.ts",
      },
      {
        text: "VITE_STRIPE_SECRET_KEY=sk_live_VVqVXGWFbEmDaiAO9hI0czJ8\n",
        secret: "sk_live_VVqVXGWFbEmDaiAO9hI0czJ8",
        path: ".env.production",
      },
      {
        text: 'fetch("https://api.stripe.com/v1/refunds",{method:"POST",headers:{Authorization:"Bearer sk_live_T1IzQGixl9U42Y06um8nhaNJ"},body:e})',
        secret: "sk_live_T1IzQGixl9U42Y06um8nhaNJ",
        path: "dist/assets/index-9c1f.js",
      },
    ],
    negative: [
      {
        text: 'const stripe = await loadStripe("pk_live_51f1KbAwRip3uIdBaYhTHCK75xrYt1MSpKISNBjsgji74auL4PDRt3uIFKuqZFJl4KvQTCcrA2HLocOsY8V6TNqf78fD03M4wWC");',
        why: "a publishable key (pk_live_) is meant for the browser",
      },
      { text: 'STRIPE_SECRET_KEY="sk_live_..."', why: "documentation placeholder (elided body)" },
      { text: "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);",
        why: "env lookup without a value",
      },
      {
        text: "if (!/^sk_live_[A-Za-z0-9]{24,}$/.test(key)) throw err;",
        why: "a regex describing the shape",
      },
      {
        text: 'const k = "sk_test_9j3EcNPxV6E3LsRqfcIN1Tmv";',
        why: "a test-mode key: stripe/test-key reports it, at low severity",
      },
      {
        text: 'const id = "ask_live_VVqVXGWFbEmDaiAO9hI0czJ8";',
        why: "part of a longer identifier, not an sk_live_ key",
      },
    ],
  },
});

const stripeRestrictedKey = defineRule({
  id: "stripe/restricted-key",
  title: "Stripe live restricted key",
  description:
    "A live restricted key (rk_live_) carries the permissions chosen when it was created, often write access " +
    "to charges, customers or payment links; from a bundle anyone can use them.",
  severity: "high",
  confidence: "exact",
  keywords: ["rk_live_"],
  publicPrefix: /^rk_live_/,
  remediation: STRIPE_REMEDIATION,
  references: ["https://docs.stripe.com/keys#limit-access"],
  pattern: stripePattern("rk", "live"),
  window: { before: 16, after: 272 },
  examples: {
    positive: [
      {
        text: "STRIPE_RESTRICTED_KEY=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\n",
        secret:
          "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",
        path: ".env",
      },
      {
        text: 'var n={stripeKey:"rk_live_Budp6pFVhN7mFXd6xvk1abI2",currency:"usd"};',
        secret: "rk_live_Budp6pFVhN7mFXd6xvk1abI2",
        path: "build/static/js/main.2f4a.js",
      },
      {
        text: "export const reportingKey = 'rk_live_Budp6pFVhN7mFXd6xvk1abI2';",
        secret: "rk_live_Budp6pFVhN7mFXd6xvk1abI2",
      },
    ],
    negative: [
      { text: 'STRIPE_RESTRICTED_KEY="rk_live_..."', why: "documentation placeholder" },
      {
        text: 'const k = "rk_test_514UA4lrc7othGhFH7pQeFsLnRphc6aXDUj6McPNtw4eMXSAbNbBS2NgtOaujihdbC4tvuj7RHCkf3bdQOxbYgjp0qoX96KdCLX";',
        why: "a test-mode key: stripe/test-key reports it, at low severity",
      },
      { text: "Restricted keys start with rk_live_ in live mode.", why: "documentation prose" },
      { text: "STRIPE_RESTRICTED_KEY=rk_live_000000000000000000000000", why: "filler placeholder" },
    ],
  },
});

const stripeTestKey = defineRule({
  id: "stripe/test-key",
  title: "Stripe test-mode secret key",
  description:
    "A test-mode secret or restricted key (sk_test_, rk_test_) moves no real money, but it reads and " +
    "changes the account's test data and webhooks, and a test key in client code usually means the live " +
    "key will be wired the same way.",
  severity: "low",
  confidence: "exact",
  keywords: ["sk_test_", "rk_test_"],
  publicPrefix: /^[sr]k_test_/,
  knownSamples: STRIPE_DOC_TEST_KEYS,
  remediation: STRIPE_REMEDIATION,
  references: ["https://docs.stripe.com/keys#test-live-modes"],
  pattern: stripePattern("sk|rk", "test"),
  window: { before: 16, after: 272 },
  examples: {
    positive: [
      {
        text: 'const stripe = new Stripe("sk_test_9j3EcNPxV6E3LsRqfcIN1Tmv");',
        secret: "sk_test_9j3EcNPxV6E3LsRqfcIN1Tmv",
      },
      {
        text: "STRIPE_SECRET_KEY=sk_test_512Z3trHKnZnHrmJZgldZ86ntwkH1jiW9BWIrbZloO6XzbPsjTcvIOiUI1sCRgNXJqjnE6apzdEFxLy6GMw1J8SOtdnJ6Inlo5L\n",
        secret:
          "sk_test_512Z3trHKnZnHrmJZgldZ86ntwkH1jiW9BWIrbZloO6XzbPsjTcvIOiUI1sCRgNXJqjnE6apzdEFxLy6GMw1J8SOtdnJ6Inlo5L",
        path: ".env.development",
      },
      {
        text: 'e.stripe=t("rk_test_514UA4lrc7othGhFH7pQeFsLnRphc6aXDUj6McPNtw4eMXSAbNbBS2NgtOaujihdbC4tvuj7RHCkf3bdQOxbYgjp0qoX96KdCLX")',
        secret:
          "rk_test_514UA4lrc7othGhFH7pQeFsLnRphc6aXDUj6McPNtw4eMXSAbNbBS2NgtOaujihdbC4tvuj7RHCkf3bdQOxbYgjp0qoX96KdCLX",
        path: "dist/assets/pay-81ac.js",
      },
    ],
    negative: [
      {
        text: 'const stripe = require("stripe")("sk_test_4eC39HqLyjWDarjtT1zdp7dc");',
        why: "the key printed in Stripe's API reference",
      },
      {
        text: 'loadStripe("pk_test_TYooMQauvdEDq54NiTphI7jx")',
        why: "a publishable test key is meant for the browser",
      },
      { text: "STRIPE_SECRET_KEY=sk_test_...", why: "documentation placeholder" },
      { text: "STRIPE_SECRET_KEY=sk_test_YOUR_SECRET_KEY_HERE_123", why: "template placeholder" },
    ],
  },
});

const OPENAI_REMEDIATION =
  "Delete the key at platform.openai.com → API keys (project keys under the project, service-account keys " +
  "under Service accounts), check Usage for spend you did not make, and call the model from your backend " +
  "(or issue short-lived ephemeral tokens for Realtime sessions).";

const openaiApiKey = defineRule({
  id: "openai/api-key",
  title: "OpenAI API key",
  description:
    'An OpenAI key (sk-proj-, sk-svcacct-, sk-admin-, or a legacy sk- user key with "OpenAI" in base64 in ' +
    "its middle) bills every " +
    "request to your organisation and reads its files, assistants and fine-tunes: from a bundle, anyone " +
    "can spend your quota.",
  severity: "high",
  confidence: "exact",
  keywords: ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-none-", "t3blbkfj"],
  publicPrefix: /^sk-(?:(?:proj|svcacct|admin|None)-)?/,
  remediation: OPENAI_REMEDIATION,
  references: ["https://platform.openai.com/docs/api-reference/authentication"],
  // Project, service-account and admin keys are long base64url; a legacy key has "OpenAI" (T3BlbkFJ in
  // base64) between two 20-character halves.
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,300}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))(?![A-Za-z0-9_-])/,
  window: { before: 40, after: 320 },
  minEntropy: 3.5,
  validate: (ctx) =>
    ctx.secret.startsWith("sk-admin-")
      ? {
          severity: "critical",
          message: "OpenAI admin key: it manages the organisation's users, projects and keys.",
        }
      : true,
  examples: {
    positive: [
      {
        text: 'const openai = new OpenAI({ apiKey: "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", dangerouslyAllowBrowser: true });',
        secret:
          "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",
        path: "src/chat/client.ts",
      },
      {
        text: "NEXT_PUBLIC_OPENAI_API_KEY=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\n",
        secret:
          "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",
        path: ".env.local",
      },
      {
        text: 'fetch("https://api.openai.com/v1/chat/completions",{method:"POST",headers:{"Content-Type":"application/json",Authorization:"Bearer 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"},body:JSON.stringify(t)})',
        secret: "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",
        path: "dist/assets/index-77d0.js",
      },
      {
        text: 'OPENAI_ADMIN_KEY="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"\n',
        secret:
          "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",
        path: ".env",
      },
    ],
    negative: [
      { text: 'OPENAI_API_KEY="sk-proj-..."', why: "documentation placeholder (elided body)" },
      {
        text: "const openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });",
        why: "env lookup without a value (env/secret-name-in-client judges the name)",
      },
      { text: 'OPENAI_API_KEY="sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"', why: "filler" },
      {
        text: '{"organization":"org-Qm7HdJd0rVL6rCnwwzT1yYw2","project":"proj_KqzUH7vC9kzmF2wDL3uMb0Yp"}',
        why: "organisation and project ids are not credentials",
      },
      {
        text: 'const task = "sk-learn-preprocessing-pipeline-for-tabular-data-and-more";',
        why: "an sk- name that is not an OpenAI key format",
      },
      {
        text: 'const css = "sk-proj-card sk-proj-card--active sk-proj-card__title";',
        why: "CSS class names with a look-alike prefix are too short and not key-shaped",
      },
    ],
  },
});

const anthropicApiKey = defineRule({
  id: "anthropic/api-key",
  title: "Anthropic API key",
  description:
    "An Anthropic key (sk-ant-api03-, or an sk-ant-admin01- admin key) bills every Claude request to your " +
    "workspace; from a bundle anyone can spend your rate limits and credits.",
  severity: "high",
  confidence: "exact",
  keywords: ["sk-ant-"],
  publicPrefix: /^sk-ant-(?:api|admin)\d\d-/,
  remediation:
    "Delete the key at console.anthropic.com → Settings → API keys, review Usage for requests you did not " +
    "make, and call Claude from your backend.",
  references: ["https://docs.anthropic.com/en/api/getting-started"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 160 },
  minEntropy: 3.5,
  validate: (ctx) =>
    ctx.secret.startsWith("sk-ant-admin")
      ? {
          severity: "critical",
          message: "Anthropic admin key: it manages the organisation's members, workspaces and keys.",
        }
      : true,
  examples: {
    positive: [
      {
        text: 'const anthropic = new Anthropic({ apiKey: "sk-ant-api03-v6TpZ5JKP4-H_hWHaa10E8l2k9ogQp0-XXZrwZAjOhg7oaCiliZHh1NJcpnnFuj07g28fTAe90lMVz4vBeTXoP_mUL5l3AA", dangerouslyAllowBrowser: true });',
        secret:
          "sk-ant-api03-v6TpZ5JKP4-H_hWHaa10E8l2k9ogQp0-XXZrwZAjOhg7oaCiliZHh1NJcpnnFuj07g28fTAe90lMVz4vBeTXoP_mUL5l3AA",
      },
      {
        text: "VITE_ANTHROPIC_API_KEY=sk-ant-api03-UfKo9R_lHwuHZWAcjqyVvUhdx92-r6elJLROKCTcLpeX6Ipz4QkPGR4ePB279o7CHJtY3WnIt464GaA2eDU4OtbQJrzVeAA\n",
        secret:
          "sk-ant-api03-UfKo9R_lHwuHZWAcjqyVvUhdx92-r6elJLROKCTcLpeX6Ipz4QkPGR4ePB279o7CHJtY3WnIt464GaA2eDU4OtbQJrzVeAA",
        path: ".env",
      },
      {
        text: 'fetch("https://api.anthropic.com/v1/messages",{headers:{"x-api-key":"sk-ant-api03-Ub5Og4lHfMr1rJ9AyyepaQfN4yrCKnFbEEFUPZuN_LGsbh730k9f401mxfieo4qOpjcS7clfLe9j0CcjTBmHpynGF64KvAA","anthropic-version":"2023-06-01"}})',
        secret:
          "sk-ant-api03-Ub5Og4lHfMr1rJ9AyyepaQfN4yrCKnFbEEFUPZuN_LGsbh730k9f401mxfieo4qOpjcS7clfLe9j0CcjTBmHpynGF64KvAA",
        path: "dist/assets/chat-1b2c.js",
      },
      {
        text: "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-c821odkCnlhsf7sN9IC0p8Vgc3q62z9JNSWah0RMDZkRnjX-z6Kd_hr1xNCupq2pTuy8UOFmCe1rinmv_Md2uRE0v5L8jAA\n",
        secret:
          "sk-ant-admin01-c821odkCnlhsf7sN9IC0p8Vgc3q62z9JNSWah0RMDZkRnjX-z6Kd_hr1xNCupq2pTuy8UOFmCe1rinmv_Md2uRE0v5L8jAA",
        path: ".env",
      },
    ],
    negative: [
      { text: 'ANTHROPIC_API_KEY="sk-ant-api03-..."', why: "documentation placeholder" },
      { text: "ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: "const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });",
        why: "env lookup without a value",
      },
      {
        text: 'const model = "claude-sonnet-4-5"; const beta = "sk-ant-oat01-short";',
        why: "a model name, and an sk-ant- value far too short to be a key",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [
  stripeSecretKey,
  stripeRestrictedKey,
  stripeTestKey,
  openaiApiKey,
  anthropicApiKey,
];
export default rules;
