// Medblocks credentials (credentials.md §1–§3, §12–§14).
// Example secrets: scripts/fake-secrets.mjs, createFaker(101) — generated, never issued by anyone.
import {
  defineRule,
  hasCharacterClasses,
  type MatchContext,
  type PatternRule,
  type Verdict,
} from "../src/rule-kit/index.js";
import { hasMedblocksContext } from "./support.js";

const KEY_REMEDIATION =
  "Revoke the key and mint a new one in the Medblocks dashboard (Settings → API Keys), move the Medblocks " +
  "call behind your backend so the browser only receives the patient session URL, and check that the key " +
  "never shipped to production (deployed bundles, CDN caches, published source maps).";

const WEBHOOK_REMEDIATION =
  "Rotate the signing secret (Medblocks dashboard or POST /webhooks/{id}/rotate-secret) and keep it only in " +
  "server-side secret storage; webhook verification belongs on your backend.";

/** The webhook secret printed in Medblocks' documentation (its ULID is the docs' stand-in id). */
const MEDBLOCKS_DOC_WEBHOOK_SECRET = "whsec_01J9YR9N3X4VZ6P2K5RH7M3LMPabcdef0123456789abcdef0123456789";

/**
 * Signing secrets printed in the Standard Webhooks specification's test vector and in Svix's API reference:
 * copied into countless unit tests and READMEs, and never anyone's real secret.
 */
const STANDARD_WEBHOOKS_DOC_SECRETS = [
  "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
];

/** A body that is one short run of a single character class (`notarealkey`) is a stand-in, not a key. */
function plausibleBody(body: string | undefined): boolean {
  if (body === undefined) return false;
  return body.length >= 20 || hasCharacterClasses(body, 2);
}

/** Keep the key; when nothing names Medblocks nearby, say that the prefix is shared with another API. */
function keyVerdict(ctx: MatchContext): Verdict {
  if (!plausibleBody(ctx.groups.body)) return false;
  if (hasMedblocksContext(ctx)) return true;
  return {
    notes: [
      "No Medblocks reference nearby; the mb_sk_ prefix is also used by an unrelated API, so confirm the owner before rotating.",
    ],
  };
}

const liveApiKey = defineRule({
  id: "medblocks/live-api-key",
  title: "Medblocks production API key",
  description:
    "A production (mb_sk_live_) Medblocks key is a workspace-wide bearer credential: anyone who reads the " +
    "bundle can create patient sessions and read live patient records (PHI) through the Platform API.",
  severity: "critical",
  confidence: "exact",
  keywords: ["mb_sk_live_"],
  publicPrefix: /^mb_sk_live_/,
  strongPrefix: true,
  leads: ["mb_sk_"],
  knownSamples: ["mb_sk_live_test"],
  remediation: KEY_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>mb_sk_live_(?<body>[A-Za-z0-9]{8,128}))(?![A-Za-z0-9])/,
  window: { before: 16, after: 160 },
  validate: keyVerdict,
  examples: {
    positive: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nexport const mb = new Medblocks("mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5");\n',
        secret: "mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5",
      },
      {
        text: 'const r=new t.Medblocks("mb_sk_live_mEJJfAnHKC7aJvUuNd5IRl6bWvHzmjb2",{baseUrl:"https://app.medblocks.com",timeout:3e4});',
        secret: "mb_sk_live_mEJJfAnHKC7aJvUuNd5IRl6bWvHzmjb2",
        path: "dist/assets/index-4f9c2a.js",
      },
      {
        text: "NEXT_PUBLIC_MEDBLOCKS_API_KEY=mb_sk_live_WNJUonFGwHtokPlqrzL2znmiMVfKh7yi\n",
        secret: "mb_sk_live_WNJUonFGwHtokPlqrzL2znmiMVfKh7yi",
        path: ".env.local",
      },
      {
        text: 'fetch("https://app.medblocks.com/patients",{method:"POST",headers:{Authorization:"Bearer mb_sk_live_JKp9EXneG1G3lyaYgSgFasdkheTQcDN0"}})',
        secret: "mb_sk_live_JKp9EXneG1G3lyaYgSgFasdkheTQcDN0",
      },
      {
        // A random body may spell a stand-in word in mixed case (`YoUR`): still a key.
        text: 'export const MEDBLOCKS_KEY = "mb_sk_live_3MO7XAGEoKYoURZlL2SjE8jp92q6lBeA";\n',
        secret: "mb_sk_live_3MO7XAGEoKYoURZlL2SjE8jp92q6lBeA",
      },
    ],
    negative: [
      { text: 'MEDBLOCKS_API_KEY="mb_sk_live_..."', why: "documentation placeholder (elided body)" },
      { text: 'const mb = new Medblocks("mb_sk_live_test");', why: "the SDK docs' own test-fixture key" },
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_live_EXAMPLEonlyFAKE0000000000000000",
        why: "marked example value from credentials.md",
      },
      { text: 'headers: { Authorization: "Bearer <YOUR_KEY>" }', why: "template placeholder, no key" },
      {
        text: "const mb = new Medblocks(process.env.MEDBLOCKS_API_KEY);",
        why: "env lookup without an inlined value (a name rule's business, not a value rule's)",
      },
      {
        text: "const LIVE_KEY = /mb_sk_live_[A-Za-z0-9]{32}/;",
        why: "a regular expression that describes the key shape",
      },
      {
        text: 'const client = createClient("bmb_sk_live_VKFppBilVFXCOcK7lQesAyKnjFl5MzwL");',
        why: "bmb_sk_live_ belongs to another product; a word boundary is required before mb_",
      },
      {
        text: 'const k = "mb_sk_test_TrfhVCNAEWQusKZwbdtpd8kETQIKlqmY";',
        why: "mb_sk_test_ is not a Medblocks prefix (it belongs to an unrelated API)",
      },
      { text: "MEDBLOCKS_API_KEY=mb_sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      { text: 'apiKey: "mb_sk_live_notarealkey"', why: "a short single-case word, not a key body" },
    ],
  },
});

const sandboxApiKey = defineRule({
  id: "medblocks/sandbox-api-key",
  title: "Medblocks sandbox API key",
  description:
    "A sandbox (mb_sk_sbx_) key only reaches synthetic data, but in a browser it still lets anyone create " +
    "webhooks and patient sessions, burn quota, and it is often promoted to production by copy-paste.",
  severity: "high",
  confidence: "exact",
  keywords: ["mb_sk_sbx_"],
  publicPrefix: /^mb_sk_sbx_/,
  strongPrefix: true,
  leads: ["mb_sk_"],
  remediation: KEY_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>mb_sk_sbx_(?<body>[A-Za-z0-9]{8,128}))(?![A-Za-z0-9])/,
  window: { before: 16, after: 160 },
  validate: keyVerdict,
  examples: {
    positive: [
      {
        text: "VITE_MEDBLOCKS_API_KEY=mb_sk_sbx_30uOTQSSS88wmwp9soZjp2fXRsBFZdCy\n",
        secret: "mb_sk_sbx_30uOTQSSS88wmwp9soZjp2fXRsBFZdCy",
        path: ".env.development",
      },
      {
        text: 'export const mb = new Medblocks("mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ", { timeout: 10000 });',
        secret: "mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ",
        path: "src/lib/medblocks.ts",
      },
      {
        text: 'var o={apiKey:"mb_sk_sbx_l2jGplDcQZ34aifDm5nVhJPW8UMZSgSi",baseUrl:"https://app.medblocks.com"};',
        secret: "mb_sk_sbx_l2jGplDcQZ34aifDm5nVhJPW8UMZSgSi",
        path: "build/static/js/main.8a1f3c.js",
      },
    ],
    negative: [
      { text: "MEDBLOCKS_API_KEY=mb_sk_sbx_xxxxxxxx", why: "filler placeholder" },
      { text: "Set MEDBLOCKS_API_KEY to your sandbox key (mb_sk_sbx_...).", why: "documentation prose" },
      { text: 'const key = "mb_sk_sbx_<YOUR_KEY>";', why: "template placeholder" },
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_sbx_EXAMPLEonlyFAKE0000000000000000",
        why: "marked example value from credentials.md",
      },
      {
        text: 'redirect(session.url) // "https://app.medblocks.com/c/8e412688f1ae2587fd636d0fa0bbc8a6"',
        why: "the patient session URL is meant for the browser",
      },
      { text: "if (!/^mb_sk_sbx_[A-Za-z0-9]{32}$/.test(key)) throw err;", why: "regex describing the shape" },
    ],
  },
});

const unknownEnvApiKey = defineRule({
  id: "medblocks/unknown-env-api-key",
  title: "Medblocks API key (undocumented environment)",
  description:
    "An mb_sk_<env>_ key for an environment the docs do not list (staging, prod, …). Every mb_sk_ key is " +
    "secret: Medblocks has no publishable key type, so a browser copy is a workspace credential leak.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["mb_sk_"],
  publicPrefix: /^mb_sk_[a-z]{2,10}_/,
  strongPrefix: true,
  leads: ["mb_sk_"],
  remediation: KEY_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern:
    /(?<![A-Za-z0-9_])(?<secret>mb_sk_(?!(?:live|sbx|test)_)(?<env>[a-z][a-z0-9]{1,11})_(?<body>[A-Za-z0-9]{8,128}))(?![A-Za-z0-9])/,
  window: { before: 16, after: 160 },
  validate: keyVerdict,
  examples: {
    positive: [
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_stg_KooARdUV3drHelbqvxwVQMdlZMvSPR4L\n",
        secret: "mb_sk_stg_KooARdUV3drHelbqvxwVQMdlZMvSPR4L",
        path: ".env.staging",
      },
      {
        text: 'const mb = new Medblocks("mb_sk_prod_YZDQbodqRlpJ1BWzn6qtUbdiE3K9lz6r");',
        secret: "mb_sk_prod_YZDQbodqRlpJ1BWzn6qtUbdiE3K9lz6r",
      },
      {
        text: 'e.headers={Authorization:"Bearer mb_sk_dev_6zTFfJNY8oUdi6IqhkgMbFHw7hMdrNHX"};',
        secret: "mb_sk_dev_6zTFfJNY8oUdi6IqhkgMbFHw7hMdrNHX",
      },
    ],
    negative: [
      {
        text: 'const k = "mb_sk_test_oQWIQyIOOBm82iTEIM3boN0QgBzbZHVC";',
        why: "mb_sk_test_ is not a Medblocks prefix (unrelated API)",
      },
      {
        text: 'new Medblocks("mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5")',
        why: "a live key is medblocks/live-api-key's finding, not this rule's",
      },
      {
        text: 'new Medblocks("mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ")',
        why: "a sandbox key is medblocks/sandbox-api-key's finding, not this rule's",
      },
      { text: "Keys look like mb_sk_<env>_... where env is live or sbx.", why: "documentation prose" },
      { text: "MEDBLOCKS_API_KEY=mb_sk_stg_xxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: 'const other = "bmb_sk_prod_VKFppBilVFXCOcK7lQesAyKnjFl5MzwL";',
        why: "bmb_sk_ is another product; a word boundary is required before mb_",
      },
    ],
  },
});

const WHSEC_PATTERN = /(?<![A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9+/=_-]{24,128})(?![A-Za-z0-9+/=_-])/;

const webhookSecret = defineRule({
  id: "medblocks/webhook-secret",
  title: "Medblocks webhook signing secret",
  description:
    "The whsec_ secret keys the HMAC in Medblocks-Signature. Whoever holds it can forge webhook events " +
    "(patient connected, records ready) that your backend will accept as genuine.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["whsec_"],
  publicPrefix: /^whsec_/,
  strongPrefix: true,
  leads: ["whsec_"],
  knownSamples: [MEDBLOCKS_DOC_WEBHOOK_SECRET],
  remediation: WEBHOOK_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern: WHSEC_PATTERN,
  window: { before: 16, after: 160 },
  validate: (ctx) => hasMedblocksContext(ctx),
  examples: {
    positive: [
      {
        text: 'MEDBLOCKS_WEBHOOK_SECRET="whsec_V0HV1B3ESXQHSSC3TQ3EFG20QA08ac732f493fb15f5f0ab585639ce28e"\n',
        secret: "whsec_V0HV1B3ESXQHSSC3TQ3EFG20QA08ac732f493fb15f5f0ab585639ce28e",
        path: ".env",
      },
      {
        text: 'const event = Medblocks.webhooks.constructEvent(rawBody, req.headers["medblocks-signature"], "whsec_HAT469EW1HTK15N1AM941790HQ07aa40ec4ce7ce15f3231325e0ad093f");',
        secret: "whsec_HAT469EW1HTK15N1AM941790HQ07aa40ec4ce7ce15f3231325e0ad093f",
      },
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nconst signingSecret = "whsec_88MT8HT9PGKHKG0A8455MV32BM21b0cb11f6450d37258a82cd770ae5fb";\n',
        secret: "whsec_88MT8HT9PGKHKG0A8455MV32BM21b0cb11f6450d37258a82cd770ae5fb",
        path: "src/components/WebhookDebug.tsx",
      },
      {
        text: "VITE_MEDBLOCKS_WEBHOOK_SECRET=whsec_ATTGYG807R3HXAAYPSDMRR5BBXe74357a0096937cdc0a348364b4dc355\n",
        secret: "whsec_ATTGYG807R3HXAAYPSDMRR5BBXe74357a0096937cdc0a348364b4dc355",
        path: ".env",
      },
    ],
    negative: [
      {
        text: '{"id":"wh_01J9YR9N3X4VZ6P2K5RH7M3LMP","secret":"whsec_01J9YR9N3X4VZ6P2K5RH7M3LMPabcdef0123456789abcdef0123456789"} // Medblocks docs',
        why: "the Medblocks documentation sample secret",
      },
      { text: 'MEDBLOCKS_WEBHOOK_SECRET="whsec_..."', why: "documentation placeholder" },
      {
        text: "// Medblocks returns the secret once, e.g. whsec_01J9YR9N3X4VZ6P2K5RH7M3LMP…",
        why: "the elided Medblocks documentation sample (doc ULID)",
      },
      {
        text: 'const signingSecret = "whsec_BXYCDKXRGEQHH6ZW2RYHQYJF3S6037578f5536c1579fbbdb0a7524c62a";',
        why: "no Medblocks context: reported once, as webhook/signing-secret (vendor unknown)",
      },
      {
        text: "Medblocks-Signature: t=1745580000,v1=a1a95e224fb179b3789bbdfd350669b5ce39cd77b078a48802efbfeb7bd6dace",
        why: "a captured signature is a one-off MAC, not the key",
      },
      {
        text: 'const endpoint = { id: "wh_RS2XMWNM5CA4DM5RHZQ1C59YK5", events: ["evt_7BB2EVBRF99J7S4CFKC82NJSVS"] }; // medblocks',
        why: "webhook endpoint and event ids are public identifiers",
      },
      {
        text: "router.push(`/done?patient_session_id=ps_T3KTQ3VWTCY4QP5K9FB39ZN628&connection_id=conn_GAJTXBV3YDE50B919N5RBDJ0BF&source=fhirsrc_UPAFgzpu9HRVZPQ3Q25depwD`) // medblocks return params",
        why: "session, connection and source ids come back to the browser by design",
      },
      {
        text: 'const secret = requireEnv("MEDBLOCKS_WEBHOOK_SECRET");',
        why: "env lookup without a value",
      },
    ],
  },
});

const genericWebhookSecret = defineRule({
  id: "webhook/signing-secret",
  title: "Webhook signing secret (vendor unknown)",
  description:
    "A whsec_ webhook signing secret (Stripe, Svix / Standard Webhooks and others use the prefix). In a " +
    "browser bundle it lets anyone forge webhook deliveries that the receiving backend will trust.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["whsec_"],
  publicPrefix: /^whsec_/,
  strongPrefix: true,
  leads: ["whsec_"],
  knownSamples: [MEDBLOCKS_DOC_WEBHOOK_SECRET, ...STANDARD_WEBHOOKS_DOC_SECRETS],
  remediation:
    "Rotate the signing secret with the vendor that issued it and keep it only in server-side secret storage; " +
    "verify webhooks on your backend, never in client code.",
  pattern: WHSEC_PATTERN,
  window: { before: 16, after: 160 },
  // A bare cooked value has no surroundings to judge attribution by: the raw layer decides, so a
  // Medblocks secret is never reported twice (once per rule).
  validate: (ctx) =>
    hasMedblocksContext(ctx)
      ? false
      : {
          message:
            "Webhook signing secret (vendor unknown): nothing nearby attributes this whsec_ value to a vendor.",
        },
  examples: {
    positive: [
      {
        text: 'const signingSecret = "whsec_BXYCDKXRGEQHH6ZW2RYHQYJF3S6037578f5536c1579fbbdb0a7524c62a";',
        secret: "whsec_BXYCDKXRGEQHH6ZW2RYHQYJF3S6037578f5536c1579fbbdb0a7524c62a",
      },
      {
        text: 'import { Webhook } from "svix";\nconst wh = new Webhook("whsec_ycV1GbG9KzNrvRY9OlM3+GuHIdnKyFygI9pywwnEro5=");\n',
        secret: "whsec_ycV1GbG9KzNrvRY9OlM3+GuHIdnKyFygI9pywwnEro5=",
      },
      {
        text: "WEBHOOK_SECRET=whsec_CZ9QOUe/mByu5cckBJRxfkG/o6u/G4FrxrQp9sNca9x=\n",
        secret: "whsec_CZ9QOUe/mByu5cckBJRxfkG/o6u/G4FrxrQp9sNca9x=",
        path: ".env",
      },
      {
        text: 'const event = stripe.webhooks.constructEvent(body, sig, "whsec_XiMR08VrFjn2rBY7RQHR4rfxg5MeyuX6KxODv9gTl2q=");',
        secret: "whsec_XiMR08VrFjn2rBY7RQHR4rfxg5MeyuX6KxODv9gTl2q=",
      },
    ],
    negative: [
      {
        text: 'MEDBLOCKS_WEBHOOK_SECRET="whsec_V0HV1B3ESXQHSSC3TQ3EFG20QA08ac732f493fb15f5f0ab585639ce28e"',
        why: "Medblocks context: reported once, as medblocks/webhook-secret",
      },
      {
        text: 'Medblocks.webhooks.constructEvent(rawBody, signature, "whsec_HAT469EW1HTK15N1AM941790HQ07aa40ec4ce7ce15f3231325e0ad093f")',
        why: "Medblocks context: reported once, as medblocks/webhook-secret",
      },
      { text: 'WEBHOOK_SECRET="whsec_..."', why: "documentation placeholder" },
      {
        text: 'secret: "whsec_01J9YR9N3X4VZ6P2K5RH7M3LMPabcdef0123456789abcdef0123456789" // example from the API reference',
        why: "the Medblocks documentation sample secret, without naming Medblocks",
      },
      {
        text: 'const wh = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"); // Standard Webhooks test vector',
        why: "the Standard Webhooks specification's test-vector secret",
      },
      {
        text: '{"description":"An example endpoint name","secret":"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD","url":"https://example.com/webhook/"}',
        why: "the secret in Svix's API reference example",
      },
      { text: "WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: "webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
        why: "a per-message signature, not the signing secret",
      },
      {
        text: "stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET)",
        why: "env lookup without a value",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [
  liveApiKey,
  sandboxApiKey,
  unknownEnvApiKey,
  webhookSecret,
  genericWebhookSecret,
];
export default rules;
