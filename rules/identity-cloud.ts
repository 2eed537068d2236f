// biome-ignore-all lint/suspicious/noTemplateCurlyInString: example texts quote JavaScript that interpolates at runtime.
// Identity and platform credentials that leak from SPAs and mobile web apps: Google OAuth client secrets,
// Azure AD / Entra client secrets (pasted into MSAL configs), Azure App Configuration connection strings,
// Shopify Admin API tokens, npm tokens and Mapbox secret tokens. Public look-alikes (Mapbox pk., Shopify
// storefront tokens, OAuth client ids) are negatives.
// Example secrets: scripts/fake-vendor-secrets.mjs, createVendorFaker(808): generated, never issued.
import { defineRule, type PatternRule } from "../src/rule-kit/index.js";

const googleOauthSecret = defineRule({
  id: "google/oauth-client-secret",
  title: "Google OAuth client secret",
  description:
    "A GOCSPX- client secret lets anyone exchange authorization codes and refresh tokens as your OAuth " +
    "client, impersonating your app to Google and to the users who granted it scopes.",
  severity: "high",
  confidence: "exact",
  keywords: ["gocspx-"],
  publicPrefix: /^GOCSPX-/,
  remediation:
    "Add a new secret and delete the leaked one in Google Cloud console → APIs & Services → Credentials → the " +
    "OAuth client; browser sign-in uses the client id with PKCE and no secret, the code exchange runs on " +
    "your backend.",
  references: ["https://support.google.com/cloud/answer/15549257"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 64 },
  minEntropy: 3.5,
  examples: {
    positive: [
      {
        text: 'const oauth = { clientId: "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com", clientSecret: "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" };',
        secret: "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",
      },
      {
        text: "NEXT_PUBLIC_GOOGLE_CLIENT_SECRET=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\n",
        secret: "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",
        path: ".env.local",
      },
      {
        text: '{"web":{"client_id":"764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com","client_secret":"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","redirect_uris":["https://portal.northwind-clinic.org/auth"]}}',
        secret: "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",
        path: "public/client_secret.json",
      },
    ],
    negative: [
      {
        text: 'google.accounts.id.initialize({ client_id: "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com" });',
        why: "an OAuth client id is public",
      },
      { text: 'GOOGLE_CLIENT_SECRET="GOCSPX-..."', why: "documentation placeholder" },
      { text: "GOOGLE_CLIENT_SECRET=GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      { text: "clientSecret: process.env.GOOGLE_CLIENT_SECRET", why: "env lookup without a value" },
    ],
  },
});

const azureAdSecret = defineRule({
  id: "azure/ad-client-secret",
  title: "Azure AD / Entra ID client secret",
  description:
    "An app registration's client secret (40 characters with Q~ after the fourth) authenticates as the " +
    "application: with it anyone gets tokens for every API permission the app was granted, Microsoft Graph " +
    "included. MSAL SPA configs are where it is pasted by mistake.",
  severity: "high",
  confidence: "exact",
  keywords: ["q~"],
  remediation:
    "Delete the secret in the Entra admin center → App registrations → the app → Certificates & secrets, " +
    "review sign-in logs for the service principal, and use a public client (SPA platform, PKCE, no secret) " +
    "in the browser.",
  references: [
    "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials?tabs=client-secret",
  ],
  pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
  window: { before: 16, after: 48 },
  minEntropy: 3.5,
  examples: {
    positive: [
      {
        text: 'const msalConfig = { auth: { clientId: "62b22623-f53c-445b-afe4-b99ffacf489c", authority: "https://login.microsoftonline.com/northwind.onmicrosoft.com", clientSecret: "dY28Q~wpHECZvz~0Eml68wtIPTfGAx~KRERVLlNA" } };',
        secret: "dY28Q~wpHECZvz~0Eml68wtIPTfGAx~KRERVLlNA",
        path: "src/auth/msal.ts",
      },
      {
        text: "AZURE_CLIENT_SECRET=0XM8Q~RetURhiD~aLgJtsQHHrCMzM2TOTQK9SHV-\n",
        secret: "0XM8Q~RetURhiD~aLgJtsQHHrCMzM2TOTQK9SHV-",
        path: ".env.production",
      },
      {
        text: 'body:"grant_type=client_credentials&client_id=62b22623-f53c-445b-afe4-b99ffacf489c&client_secret=JsO8Q~gmCFEsrWse2btVxtcMpS5MiDE_tQdDSSxt&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"',
        secret: "JsO8Q~gmCFEsrWse2btVxtcMpS5MiDE_tQdDSSxt",
        path: "dist/assets/graph-0d2e.js",
      },
    ],
    negative: [
      {
        text: 'const msalConfig = { auth: { clientId: "62b22623-f53c-445b-afe4-b99ffacf489c", authority: "https://login.microsoftonline.com/common" } };',
        why: "client id and authority are public",
      },
      { text: 'clientSecret: "abc8Q~..."', why: "documentation placeholder" },
      {
        text: "AZURE_CLIENT_SECRET=xxx8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        why: "filler placeholder",
      },
      {
        text: 'const path = "~/Q~/notes/2024-01-01-meeting.md";',
        why: "a path with Q~, not the secret format",
      },
    ],
  },
});

const azureAppConfig = defineRule({
  id: "azure/app-configuration-connection-string",
  title: "Azure App Configuration connection string",
  description:
    "An App Configuration connection string (Endpoint=…azconfig.io;Id=…;Secret=…) reads every key-value " +
    "in the store, often other services' connection strings, and with a read-write key changes them.",
  severity: "high",
  confidence: "exact",
  keywords: ["azconfig.io"],
  remediation:
    "Regenerate the access key (App Configuration → Settings → Access settings), and read configuration " +
    "from your backend or with a managed identity; a browser gets only the values it needs.",
  references: [
    "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication",
  ],
  pattern:
    /Endpoint=https:\/\/[a-z0-9-]{1,64}\.azconfig\.io\/?;Id=[A-Za-z0-9+/=:._-]{4,64};Secret=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/,
  window: { before: 96, after: 192 },
  examples: {
    positive: [
      {
        text: 'const client = new AppConfigurationClient("Endpoint=https://northwind-config.azconfig.io;Id=9vlF-l0-s0:Qh5OaoGofzZ5lJjuULiZ;Secret=/idcW8gwlDWuRbsLErtXdL6G0zjsNUWLLfJbUO3lnwu=");',
        secret: "/idcW8gwlDWuRbsLErtXdL6G0zjsNUWLLfJbUO3lnwu=",
      },
      {
        text: 'VITE_APPCONFIG_CONNECTION_STRING="Endpoint=https://portal-flags.azconfig.io;Id=R2kd-l9-s0:9vQm1TzV8hZ0Lw3pNx4c;Secret=yC0Pb5Ieeft6tvJfLVTumpJj4N4ZmXytkyH5iYVEee/="\n',
        secret: "yC0Pb5Ieeft6tvJfLVTumpJj4N4ZmXytkyH5iYVEee/=",
        path: ".env",
      },
      {
        text: '{"AppConfig":{"ConnectionString":"Endpoint=https://northwind-config.azconfig.io/;Id=9vlF-l0-s0:Qh5OaoGofzZ5lJjuULiZ;Secret=/idcW8gwlDWuRbsLErtXdL6G0zjsNUWLLfJbUO3lnwu="}}',
        secret: "/idcW8gwlDWuRbsLErtXdL6G0zjsNUWLLfJbUO3lnwu=",
        path: "public/appsettings.json",
      },
    ],
    negative: [
      {
        text: 'new AppConfigurationClient("https://northwind-config.azconfig.io", new DefaultAzureCredential())',
        why: "an endpoint with a managed identity carries no secret",
      },
      {
        text: 'APPCONFIG="Endpoint=https://<store>.azconfig.io;Id=<id>;Secret=<secret>"',
        why: "template placeholder",
      },
      {
        text: "const cs = `Endpoint=https://${store}.azconfig.io;Id=${id};Secret=${secret}`;",
        why: "assembled at runtime",
      },
    ],
  },
});

const SHOPIFY_REMEDIATION =
  "Uninstall or rotate the app's credentials (Shopify admin → Settings → Apps and sales channels → Develop " +
  "apps → the app → API credentials), and call the Admin API from your backend; storefronts use the " +
  "Storefront API's public token.";

const shopifyAdminToken = defineRule({
  id: "shopify/admin-access-token",
  title: "Shopify Admin API access token",
  description:
    "An Admin API access token (shpat_, shpca_ custom app, shppa_ private app) reads and changes the shop: " +
    "orders, customers' addresses and phone numbers, products, discounts.",
  severity: "critical",
  confidence: "exact",
  keywords: ["shpat_", "shpca_", "shppa_"],
  publicPrefix: /^shp(?:at|ca|pa)_/,
  remediation: SHOPIFY_REMEDIATION,
  references: ["https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>shp(?:at|ca|pa)_[a-fA-F0-9]{32})(?![A-Za-z0-9_])/,
  window: { before: 16, after: 64 },
  examples: {
    positive: [
      {
        text: 'fetch("https://northwind-store.myshopify.com/admin/api/2024-07/orders.json",{headers:{"X-Shopify-Access-Token":"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"}})',
        secret: "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",
        path: "dist/assets/orders-8f2c.js",
      },
      {
        text: "VITE_SHOPIFY_ADMIN_TOKEN=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\n",
        secret: "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",
        path: ".env",
      },
      {
        text: 'const shopify = { shop: "northwind-store", password: "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" };',
        secret: "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",
      },
    ],
    negative: [
      {
        text: 'headers: { "X-Shopify-Storefront-Access-Token": "3a4f4dd1a505229ed07ea77c7dafe530" }',
        why: "a Storefront API token is public by design",
      },
      { text: 'X_SHOPIFY_ACCESS_TOKEN="shpat_..."', why: "documentation placeholder" },
      { text: "SHOPIFY_TOKEN=shpat_00000000000000000000000000000000", why: "filler placeholder" },
    ],
  },
});

const shopifySharedSecret = defineRule({
  id: "shopify/shared-secret",
  title: "Shopify app shared secret",
  description:
    "An app's shared secret (shpss_) signs webhooks and OAuth callbacks: with it anyone can forge webhook " +
    "deliveries and session tokens your app backend will trust.",
  severity: "high",
  confidence: "exact",
  keywords: ["shpss_"],
  publicPrefix: /^shpss_/,
  remediation: SHOPIFY_REMEDIATION,
  references: ["https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>shpss_[a-fA-F0-9]{32})(?![A-Za-z0-9_])/,
  window: { before: 16, after: 64 },
  examples: {
    positive: [
      {
        text: "SHOPIFY_API_SECRET=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\n",
        secret: "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",
        path: ".env",
      },
      {
        text: 'const valid = verifyHmac(body, header, "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");',
        secret: "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",
      },
      {
        text: 'var c={apiKey:"010f11fcb7f50fb96e06866ecd4f6084",apiSecretKey:"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"};',
        secret: "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",
        path: "build/static/js/main.77aa.js",
      },
    ],
    negative: [
      { text: 'SHOPIFY_API_SECRET="shpss_..."', why: "documentation placeholder" },
      { text: "SHOPIFY_API_SECRET=shpss_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: 'const app = createApp({ apiKey: "010f11fcb7f50fb96e06866ecd4f6084" });',
        why: "an app's API key (client id) is public",
      },
    ],
  },
});

const npmToken = defineRule({
  id: "npm/access-token",
  title: "npm access token",
  description:
    "An npm token (npm_) publishes packages as its owner: from a bundle anyone can ship a malicious version " +
    "of every package you maintain (a supply-chain attack on your users).",
  severity: "critical",
  confidence: "exact",
  keywords: ["npm_"],
  publicPrefix: /^npm_/,
  remediation:
    "Revoke the token (npmjs.com → Access Tokens, or `npm token revoke`), check the packages' recent " +
    "versions, and publish from CI with trusted publishing (OIDC) instead of long-lived tokens.",
  references: ["https://docs.npmjs.com/revoking-access-tokens"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/,
  window: { before: 16, after: 64 },
  minEntropy: 3.5,
  examples: {
    positive: [
      {
        text: "//registry.npmjs.org/:_authToken=npm_bXfucThiA9LZztxubnqz55skSwe0UrYjcvWG\n",
        secret: "npm_bXfucThiA9LZztxubnqz55skSwe0UrYjcvWG",
        path: "public/.npmrc",
      },
      {
        text: 'const NPM_TOKEN = "npm_kUMoTrT3MyC6GFqC9oHs11rKA7lFs0J1BrQH";',
        secret: "npm_kUMoTrT3MyC6GFqC9oHs11rKA7lFs0J1BrQH",
      },
      {
        text: 'fetch("https://registry.npmjs.org/-/npm/v1/user",{headers:{authorization:"Bearer npm_TnY8D14bY4DwxgYR6aWXpsAusGDXY53KxBow"}})',
        secret: "npm_TnY8D14bY4DwxgYR6aWXpsAusGDXY53KxBow",
        path: "dist/assets/admin-c3d4.js",
      },
    ],
    negative: [
      { text: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}", why: "an env reference, expanded by npm" },
      { text: "NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: 'const cmd = "npm_config_registry"; const lc = "npm_lifecycle_event";',
        why: "npm's own environment variable names",
      },
    ],
  },
});

const mapboxSecretToken = defineRule({
  id: "mapbox/secret-token",
  title: "Mapbox secret access token",
  description:
    "A secret Mapbox token (sk.) carries secret scopes such as uploads, styles and tilesets write access; " +
    "public tokens (pk.) are meant for the browser and are not reported.",
  severity: "high",
  confidence: "exact",
  keywords: ["sk.eyj"],
  publicPrefix: /^sk\./,
  remediation:
    "Delete the token at account.mapbox.com → Access tokens, and give the browser a public (pk.) token " +
    "restricted to your URLs.",
  references: ["https://docs.mapbox.com/accounts/guides/tokens/"],
  pattern:
    /(?<![A-Za-z0-9_.-])(?<secret>sk\.eyJ[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_.-])/,
  window: { before: 16, after: 400 },
  examples: {
    positive: [
      {
        text: 'mapboxgl.accessToken = "sk.eyJ1IjoiM0C2rUKWp9kdIiwiYSI6INPwHznU5TjFLlxXUQdKSazXtC5rfIn0.gBfCSQm2xS-1oYHamD4kbm";',
        secret: "sk.eyJ1IjoiM0C2rUKWp9kdIiwiYSI6INPwHznU5TjFLlxXUQdKSazXtC5rfIn0.gBfCSQm2xS-1oYHamD4kbm",
      },
      {
        text: "VITE_MAPBOX_TOKEN=sk.eyJ1IjoiLStrvVfVDeCPIiwiYSI6It6tyF1vzqKwPFr3ER01LOTfGkvsMIn0.vk3hktE7MO5zOLFFJS-ep1\n",
        secret: "sk.eyJ1IjoiLStrvVfVDeCPIiwiYSI6It6tyF1vzqKwPFr3ER01LOTfGkvsMIn0.vk3hktE7MO5zOLFFJS-ep1",
        path: ".env",
      },
      {
        text: 'fetch("https://api.mapbox.com/uploads/v1/northwind?access_token=sk.eyJ1IjoiM0C2rUKWp9kdIiwiYSI6INPwHznU5TjFLlxXUQdKSazXtC5rfIn0.gBfCSQm2xS-1oYHamD4kbm",{method:"POST"})',
        secret: "sk.eyJ1IjoiM0C2rUKWp9kdIiwiYSI6INPwHznU5TjFLlxXUQdKSazXtC5rfIn0.gBfCSQm2xS-1oYHamD4kbm",
        path: "dist/assets/map-5f6a.js",
      },
    ],
    negative: [
      {
        text: 'mapboxgl.accessToken = "pk.eyJ1Ijoi5XZ3ADyL37f7IiwiYSI6IHC45ocMhJDCnitS14x15tQ2dNpiEIn0.ciV4HQnubp3kdOh0cNB4AS";',
        why: "a public (pk.) token is meant for the browser",
      },
      { text: 'MAPBOX_TOKEN="sk.eyJ..."', why: "documentation placeholder" },
      {
        text: 'const risk = "task.eyJ1IjoiM0C2rUKWp9kdIiwiYSI6INPwHznU5TjFLlxXUQdKSazXtC5rfIn0.gBfCSQm2xS-1oYHamD4kbm";',
        why: "part of a longer name, not an sk. token",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [
  googleOauthSecret,
  azureAdSecret,
  azureAppConfig,
  shopifyAdminToken,
  shopifySharedSecret,
  npmToken,
  mapboxSecretToken,
];
export default rules;
