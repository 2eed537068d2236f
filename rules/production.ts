// biome-ignore-all lint/suspicious/noTemplateCurlyInString: example texts quote JavaScript that interpolates at runtime.
// Production readiness, from the Medblocks go-live guidance: Sandbox and Production kept apart, HTTPS
// everywhere. No other scanner checks these; neither is a leak of a new secret, both are what a team
// wants to see before go-live.
// Example secrets: scripts/fake-secrets.mjs, createFaker(1717): generated, never issued.
import {
  defineRule,
  isPlaceholder,
  type MatchContext,
  type PatternRule,
  type Verdict,
} from "../src/rule-kit/index.js";

/** `.env.production`, `.env.production.local`, `.env.prod`: what `vite build` / `next build` read. */
const PRODUCTION_ENV_FILE = /(?:^|\/)\.env\.prod(?:uction)?(?:\.local)?$/;
/** A live Medblocks key in full (documentation text such as `mb_sk_live_...` is not one). */
const LIVE_KEY = /(?<![A-Za-z0-9_])mb_sk_live_[A-Za-z0-9]{16,128}(?![A-Za-z0-9])/g;
/** What Vite, webpack and Next inline for the mode they built in. */
const DEVELOPMENT_BUILD = /\bMODE:"development"|NODE_ENV:"development"|"development"===?"development"/;
const PRODUCTION_BUILD = /\bMODE:"production"|NODE_ENV:"production"|"production"===?"production"|PROD:!0/;

/**
 * Why the key is in a production build, or undefined. The raw layer's fragment is the whole file, so the
 * live key and the build mode are judged on all of it (.env.production is covered by test/vendors.test.ts:
 * the generic example test re-runs every example as JavaScript under another name).
 */
function productionReason(ctx: MatchContext): string | undefined {
  if (PRODUCTION_ENV_FILE.test(ctx.path))
    return `it is set in ${ctx.path.split("/").pop()}, which production builds read`;
  for (const live of ctx.text.matchAll(LIVE_KEY))
    if (!isPlaceholder(live[0])) return "a live key (mb_sk_live_) ships in the same file";
  if (DEVELOPMENT_BUILD.test(ctx.text)) return undefined;
  if (PRODUCTION_BUILD.test(ctx.text)) return "the bundle was built in production mode";
  return ctx.kind === "bundle" ? "the file is minified build output (a production build)" : undefined;
}

function sandboxInProductionVerdict(ctx: MatchContext): Verdict {
  if (isPlaceholder(`${ctx.secret}${ctx.groups.body ?? ""}`)) return false;
  const reason = productionReason(ctx);
  if (reason === undefined) return false;
  return { message: `Sandbox Medblocks key shipped in a production build: ${reason}.` };
}

const sandboxKeyInProduction = defineRule({
  id: "medblocks/sandbox-key-in-production",
  title: "Sandbox key shipped in a production build",
  description:
    "A Medblocks sandbox key (mb_sk_sbx_) in .env.production, in a production-mode bundle, or next to a live " +
    "key in the same file: production traffic then talks to the sandbox (synthetic patients, no real " +
    "records), or the environments are mixed. The go-live checklist asks for Sandbox and Production apart. " +
    "A readiness finding next to medblocks/sandbox-api-key's, which reports (and redacts) the key itself: " +
    "this one is identified by the key's public prefix, so every production place is one finding.",
  severity: "high",
  confidence: "fuzzy",
  // Evidence, not a credential: the finding shows `mb_sk_sbx_` (no key material) and groups every place.
  scope: "client",
  evidence: "code",
  keywords: ["mb_sk_sbx_"],
  remediation:
    "Give the production build its own live key from the server (never the browser), keep sandbox keys in " +
    ".env.development only, and revoke the sandbox key in the Medblocks dashboard since it shipped.",
  references: ["https://medblocks.com/docs"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>mb_sk_sbx_)(?=(?<body>[A-Za-z0-9]{16,128})(?![A-Za-z0-9]))/,
  window: { before: 16, after: 160 },
  validate: sandboxInProductionVerdict,
  examples: {
    positive: [
      {
        text: '!function(){"use strict";var r="production";const m=new Medblocks("mb_sk_sbx_JS3HLBu0fzKa1rVUspRdqXnfkXqr4IWS",{env:{NODE_ENV:"production"}});window.mb=m}();',
        secret: "mb_sk_sbx_",
        path: "build/static/js/main.4d1e.js",
      },
      {
        text: 'var e={BASE_URL:"/",MODE:"production",DEV:!1,PROD:!0,SSR:!1};const n=new t.Medblocks("mb_sk_sbx_ZARuy8hlsHeIYoB8eMR3xEAQjEuVgA4m",{baseUrl:e.BASE_URL});',
        secret: "mb_sk_sbx_",
        path: "dist/assets/index-5b7e.js",
      },
      {
        text: 'const keys = { live: "mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5", fallback: "mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ" };',
        secret: "mb_sk_sbx_",
        path: "src/lib/medblocks.ts",
      },
    ],
    negative: [
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_sbx_aPPNUtmEuMcWGbPnSiBF6TCuSKtSr8rI\n",
        why: "a sandbox key in .env.development is where it belongs (medblocks/sandbox-api-key still reports it)",
        path: ".env.development",
      },
      {
        text: 'export const mb = new Medblocks("mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ");',
        why: "source code says nothing about the build it goes into",
        path: "src/lib/medblocks.ts",
      },
      {
        text: 'var e={BASE_URL:"/",MODE:"development",DEV:!0,PROD:!1};const n=new t.Medblocks("mb_sk_sbx_ZARuy8hlsHeIYoB8eMR3xEAQjEuVgA4m");',
        why: "a development build",
        path: "dist/assets/index-dev.js",
      },
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_sbx_EXAMPLEonlyFAKE0000000000000000\n",
        why: "marked example value",
        path: ".env.production",
      },
    ],
    knownMisses: [
      {
        text: 'const n=new t.Medblocks("mb_sk_sbx_ZARuy8hlsHeIYoB8eMR3xEAQjEuVgA4m"); // chunk-a.js, while chunk-b.js of the same build holds the live key',
        why: "a live key in another chunk of the same build: rules judge one file at a time",
      },
    ],
  },
});

/** Hosts a redirect or webhook may reach over plain HTTP: the developer's own machine. */
const LOCAL_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|10\.0\.2\.2|host\.docker\.internal|[a-z0-9-]{1,63}\.localhost)$/i;
/** Documentation hosts (RFC 2606). */
const EXAMPLE_HOST = /(?:^|\.)example(?:\.(?:com|org|net))?$|\.(?:test|invalid|example)$/i;

function insecureUrlVerdict(ctx: MatchContext): Verdict {
  const url = ctx.secret.replace(/%3A/gi, ":").replace(/%2F/gi, "/");
  const host = /^http:\/\/(?:[^@/?#]{0,200}@)?(?<host>\[[^\]]{1,60}\]|[^:/?#]{1,253})/.exec(url)?.groups
    ?.host;
  if (host === undefined || LOCAL_HOST.test(host) || EXAMPLE_HOST.test(host)) return false;
  if (/[${}<>]|\.\.\./.test(url)) return false;
  return { message: `${ctx.groups.name} is not HTTPS: ${url}` };
}

const insecureUrl = defineRule({
  id: "production/insecure-callback-url",
  title: "Return, redirect or webhook URL without HTTPS",
  description:
    "A session return URL, an OAuth / SMART redirect_uri or a webhook endpoint on plain http:// (other than " +
    "localhost): authorization codes, session ids and webhook payloads (PHI) then cross the network " +
    "unencrypted. The go-live checklist asks for HTTPS everywhere. The URL is shown: it is not a secret.",
  severity: "medium",
  confidence: "fuzzy",
  scope: "client",
  evidence: "code",
  keywords: [
    "returnurl",
    "return_url",
    "redirecturi",
    "redirect_uri",
    "redirecturl",
    "redirect_url",
    "callbackurl",
    "callback_url",
    "webhookurl",
    "webhook_url",
    "webhooks.create",
  ],
  remediation:
    "Serve the endpoint over HTTPS and register the https:// URL (in the Medblocks session or webhook, and " +
    "in the EHR's app registration for a SMART redirect_uri); keep http:// for localhost only.",
  references: ["https://medblocks.com/docs", "https://datatracker.ietf.org/doc/html/rfc6749#section-3.1.2.1"],
  allowPlaceholders: true,
  pattern:
    /(?<name>return_?url|redirect_?ur[il]|callback_?url|webhook_?url|webhooks\.create\([ \t]{0,4}\{[^{}]{0,200}?\burl)(?:\\{0,3}["'`])?[ \t]{0,4}[:=][ \t]{0,4}(?:\\{0,3}["'`])?(?<secret>http(?::\/\/|%3A%2F%2F)[A-Za-z0-9._~:/?#@!$&'()*+,;=%[\]-]{1,500}?)(?=\\{0,3}["'`]|[\s&<>]|$)/i,
  window: { before: 16, after: 800 },
  validate: insecureUrlVerdict,
  examples: {
    positive: [
      {
        text: 'const session = await mb.sessions.create({ patientId, returnUrl: "http://portal.northwind-clinic.org/connected" });',
        secret: "http://portal.northwind-clinic.org/connected",
        path: "src/pages/connect.ts",
      },
      {
        text: 'FHIR.oauth2.authorize({clientId:"62b22623-f53c-445b-afe4-b99ffacf489c",scope:"launch/patient patient/*.read",redirect_uri:"http://portal.northwind-clinic.org/smart/callback",iss:e})',
        secret: "http://portal.northwind-clinic.org/smart/callback",
        path: "dist/assets/launch-2c4f.js",
      },
      {
        text: 'await mb.webhooks.create({ url: "http://hooks.northwind-clinic.org/medblocks", events: ["records.ready"] });',
        secret: "http://hooks.northwind-clinic.org/medblocks",
      },
      {
        text: "VITE_SMART_REDIRECT_URI=http://smart.northwind-clinic.org/callback\n",
        secret: "http://smart.northwind-clinic.org/callback",
        path: ".env.production",
      },
    ],
    negative: [
      {
        text: 'const session = await mb.sessions.create({ patientId, returnUrl: "http://localhost:5173/connected" });',
        why: "localhost during development",
      },
      {
        text: 'FHIR.oauth2.authorize({ clientId, redirect_uri: "https://portal.northwind-clinic.org/smart/callback" })',
        why: "HTTPS",
      },
      {
        text: "const returnUrl = `http://${location.host}/connected`;",
        why: "built at runtime from the page's own host",
      },
      {
        text: 'const svg = "http://www.w3.org/2000/svg"; const ns = { xmlns: "http://www.w3.org/1999/xhtml" };',
        why: "XML namespaces are identifiers, not endpoints",
      },
      {
        text: 'redirectUri: "http://example.com/callback"',
        why: "documentation host",
      },
      {
        text: 'const returnUrl = "/connected";',
        why: "a relative URL keeps the page's scheme",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [sandboxKeyInProduction, insecureUrl];
export default rules;
