// biome-ignore-all lint/suspicious/noTemplateCurlyInString: example texts quote JavaScript that interpolates at runtime.
// HTTP credentials in client code: passwords in URLs, literal Authorization headers, OAuth / SMART
// client secrets (credentials.md §4, §6, §13–§14).
// Example secrets: scripts/fake-secrets.mjs, createFaker(404) — password(), bearerToken(), clientSecret(),
// base62() (the JWT signature part) and hex()/ulid() for the public ids.
import { defineRule, type MatchContext, type PatternRule, type Verdict } from "../src/rule-kit/index.js";
import { isDocumentationHost, looksLikeCode, PLACEHOLDER_PASSWORD, VARIABLE } from "./support.js";

function urlVerdict(ctx: MatchContext): Verdict {
  const password = ctx.secret;
  if (PLACEHOLDER_PASSWORD.test(password) || VARIABLE.test(password)) return false;
  if (/^\d{1,5}$/.test(password)) return false; // host:port, not user:password
  if (password.length < 6) return false; // `https://a:b@host` in API docs and tests
  if (password === ctx.groups.user) return false; // postgres:postgres and friends
  if (isDocumentationHost(ctx.groups.host ?? "")) return false;
  return true;
}

const basicAuthUrl = defineRule({
  id: "http/basic-auth-url",
  title: "Password in a URL",
  description:
    "A URL with user:password@ (a FHIR server, database, cache or broker) ships a working password to " +
    "every browser that loads the bundle, and URLs also end up in logs, referrers and error reports.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["://"],
  remediation:
    "Change the password on the service it belongs to, and make the call from your backend, which keeps the " +
    "credential in server-side configuration.",
  pattern:
    /(?<![A-Za-z0-9+.-])(?<scheme>https?|wss?|ftps?|smtps?):\/\/(?<user>[A-Za-z0-9._~%!$&*+,;=-]{0,64}):(?<secret>[A-Za-z0-9._~%!$&*+,;=-]{1,128})@(?<host>[A-Za-z0-9.-]{1,253})/,
  window: { before: 32, after: 512 },
  validate: urlVerdict,
  examples: {
    positive: [
      {
        text: 'const FHIR_BASE="https://svc-export:V3JJemsVQR7ByRbvtgot@fhir.northwind-clinic.org/R4";',
        secret: "V3JJemsVQR7ByRbvtgot",
      },
      {
        text: 'const upload = "ftps://exports:XcjTRd3uGxPYnIr0U8ra@ftp.northwind-clinic.org/inbox";',
        secret: "XcjTRd3uGxPYnIr0U8ra",
      },
      {
        text: 'new WebSocket("wss://monitor:xxphJAW7cEpJGiY3FB8g@events.northwind-clinic.org/stream")',
        secret: "xxphJAW7cEpJGiY3FB8g",
      },
      {
        text: "SMTP_URL=smtps://mailer:Yu8tnKc3wikEae4aRY40@smtp.northwind-clinic.org:465\n",
        secret: "Yu8tnKc3wikEae4aRY40",
        path: ".env",
      },
    ],
    negative: [
      {
        text: "const FHIR_BASE = `https://svc-export:${process.env.FHIR_PASSWORD}@fhir.northwind-clinic.org/R4`;",
        why: "the password is interpolated at runtime",
      },
      {
        text: "DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB\n",
        why: "template placeholder",
        path: ".env",
      },
      {
        text: "git clone git@github.com:northwind/clinic-portal.git",
        why: "an SSH remote has no password",
      },
      {
        text: 'const u = "https://user:<password>@fhir.northwind-clinic.org/R4";',
        why: "template placeholder",
      },
      {
        text: 'redirect("https://app.medblocks.com/c/8e412688f1ae2587fd636d0fa0bbc8a6")',
        why: "a Medblocks session URL carries no credentials",
      },
      {
        text: "DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev\n",
        why: "local development default on localhost",
        path: ".env",
      },
      {
        text: 'fetch("https://user:pass@example.com/api")',
        why: "documentation sample (example.com host, placeholder password)",
      },
      {
        text: "MONGODB_URI=mongodb+srv://portal:XcjTRd3uGxPYnIr0U8ra@cluster0.q7xk2.mongodb.net/patients\n",
        why: "a database URL: database/connection-url reports it",
        path: ".env",
      },
    ],
  },
});

const BASIC_MESSAGE = "HTTP Basic credentials (user name and password) in a literal Authorization header.";

/** A user name that is itself a key: long, letters and digits mixed, no spaces. */
function looksLikeKey(user: string): boolean {
  return /^[A-Za-z0-9._~+/=-]{20,512}$/.test(user) && /[0-9]/.test(user) && /[A-Za-z]/.test(user);
}

/** `user:password` from a Basic credential, or undefined when it is not base64 of printable text with a colon. */
function decodeBasic(value: string): { user: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]{4,4096}={0,2}$/.test(value)) return undefined;
  let decoded: string;
  try {
    decoded = atob(value);
  } catch {
    return undefined;
  }
  if (!/^[\x20-\x7e]{3,1024}$/.test(decoded)) return undefined;
  const colon = decoded.indexOf(":");
  if (colon < 1) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function authorizationVerdict(ctx: MatchContext): Verdict {
  const token = ctx.secret;
  if (/^basic$/i.test(ctx.groups.scheme ?? "")) {
    const credential = decodeBasic(token);
    if (credential === undefined) return false;
    // Many APIs take the key as the user name and ignore the password (`KEY:`, `KEY:X`).
    if (looksLikeKey(credential.user)) return { message: BASIC_MESSAGE };
    if (
      credential.password.length === 0 ||
      PLACEHOLDER_PASSWORD.test(credential.password) ||
      /your|example|changeme/i.test(credential.password)
    ) {
      return false;
    }
    // The user name is not quoted: it is part of the credential, and output never holds input.
    return { message: BASIC_MESSAGE };
  }
  // A Medblocks key is reported by its own, more specific medblocks/* rule.
  if (/^mb_sk_(?!test_)[a-z][a-z0-9]{1,11}_/.test(token)) return false;
  // A bearer token mixes letters and digits; prose ("Bearer authentication…") and identifiers do not.
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token);
}

const authorizationHeader = defineRule({
  id: "http/authorization-header",
  title: "Literal Authorization header",
  description:
    "An Authorization: Basic or Bearer header with a literal credential (a FHIR server token, an API key) " +
    "hard-codes that credential into client code, where anyone can replay it.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["bearer", "basic"],
  remediation:
    "Revoke or rotate the token or password with its issuer, and let your backend attach credentials to " +
    "upstream requests instead of the browser.",
  pattern:
    /(?<![A-Za-z0-9_-])(?<scheme>Basic|Bearer)[ ]{1,3}(?<secret>[A-Za-z0-9._~+/=-]{16,4096})(?![A-Za-z0-9._~+/=-])/i,
  window: { before: 16, after: 4200 },
  minEntropy: 3.5,
  validate: authorizationVerdict,
  examples: {
    positive: [
      {
        text: 'fetch("https://fhir.northwind-clinic.org/R4/Patient",{headers:{Authorization:"Bearer RZh2E2l9stHHTHD6AIfqUUCnIeHUwJ5sWkz68uX0"}})',
        secret: "RZh2E2l9stHHTHD6AIfqUUCnIeHUwJ5sWkz68uX0",
      },
      {
        text: "curl -H 'Authorization: Basic c3ZjLWZoaXItZXhwb3J0Oll1OHRuS2Mzd2lrRWFlNGFSWTQw' https://fhir.northwind-clinic.org/R4/metadata",
        secret: "c3ZjLWZoaXItZXhwb3J0Oll1OHRuS2Mzd2lrRWFlNGFSWTQw",
        path: "public/README.txt",
      },
      {
        text: 'const api=axios.create({baseURL:"https://fhir.northwind-clinic.org/R4",headers:{authorization:"Bearer eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwLCJzY29wZSI6InN5c3RlbS8qLnJlYWQifQ.dCVseWOtCauSOG7c1lcBrOv22y3EgR7zVdqoufyADJVSFpSiR64rO1M19Hl0918d6lGZN8LkOv6mMGbZXu9HK0KWZA2xlILx4tjAGkEwLP7EoImXQ4NCvIEcSB68sXWx3G95DryIQBuBmxTeODWPbkXhLNT4iHufgfx2dI92mK3g0XwiLIxGicXWH9yTQiKnS80k0glHyQ7y3KT0ZfXbaT93ZOe1NTWELnUy0MT8JKwQb9tFzeeMVsljJbBrihZZFpRLOJFolDnf83QKKzlh577SPvRKDFaAWSOkPOHExU2H9n2FHxxp2nn2f0aLFgkqjJMjjT5KI7dsyq6tymAgbJ"}});',
        secret:
          "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwLCJzY29wZSI6InN5c3RlbS8qLnJlYWQifQ.dCVseWOtCauSOG7c1lcBrOv22y3EgR7zVdqoufyADJVSFpSiR64rO1M19Hl0918d6lGZN8LkOv6mMGbZXu9HK0KWZA2xlILx4tjAGkEwLP7EoImXQ4NCvIEcSB68sXWx3G95DryIQBuBmxTeODWPbkXhLNT4iHufgfx2dI92mK3g0XwiLIxGicXWH9yTQiKnS80k0glHyQ7y3KT0ZfXbaT93ZOe1NTWELnUy0MT8JKwQb9tFzeeMVsljJbBrihZZFpRLOJFolDnf83QKKzlh577SPvRKDFaAWSOkPOHExU2H9n2FHxxp2nn2f0aLFgkqjJMjjT5KI7dsyq6tymAgbJ",
      },
      {
        text: "GET /R4/Patient HTTP/1.1\nHost: fhir.northwind-clinic.org\nAuthorization: Bearer d4GEAe1d6YPjxpvIAgajNuyspPk6eKb9q2wB51qZ\n",
        secret: "d4GEAe1d6YPjxpvIAgajNuyspPk6eKb9q2wB51qZ",
        path: "docs/requests.http",
      },
      {
        // The key is the user name and the password a filler (`KEY:X`); createFaker(1414).base62(32).
        text: 'fetch(url,{headers:{Authorization:"Basic eFBLR3RhTTZHbm5ZQjJCWHlEeDVVM2FEclFNakpkTjk6WA=="}})',
        secret: "eFBLR3RhTTZHbm5ZQjJCWHlEeDVVM2FEclFNakpkTjk6WA==",
      },
    ],
    negative: [
      {
        text: "headers: { Authorization: `Bearer ${token}` }",
        why: "the token is interpolated at runtime",
      },
      {
        text: 'headers: { Authorization: "Bearer <token>" }',
        why: "template placeholder",
      },
      {
        text: 'o.headers.Authorization="Bearer "+t.accessToken;',
        why: "the token is concatenated at runtime",
      },
      {
        text: "Authorization: Basic dXNlcjpwYXNzd29yZA==",
        why: "base64 of the placeholder user:password",
      },
      {
        text: "Authorization: Bearer YOUR_ACCESS_TOKEN_HERE",
        why: "template placeholder",
      },
      {
        text: '{"token_type":"Bearer","expires_in":3600,"scope":"patient/*.read"}',
        why: "the token type, no token",
      },
      {
        text: "// Basic authentication is not supported by this endpoint; use Bearer tokens instead.",
        why: "prose",
      },
      {
        text: 'fetch("https://app.medblocks.com/patients",{headers:{Authorization:"Bearer mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5"}})',
        why: "a Medblocks key: medblocks/live-api-key reports it (no duplicate finding)",
      },
      {
        text: 'fetch("https://api.openai.com/v1/models",{headers:{Authorization:"Bearer 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"}})',
        why: "a vendor token: openai/api-key names the finding (one secret, one finding)",
      },
    ],
  },
});

function clientSecretVerdict(ctx: MatchContext): Verdict {
  const value = ctx.secret;
  if (ctx.groups.q === undefined) {
    // Unquoted: an .env value or a query string is a literal; code (process.env.X, a variable) is not.
    if (looksLikeCode(value) || /^[A-Z][A-Z0-9_]{2,64}$/.test(value)) return false;
    if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  }
  return true;
}

const clientSecret = defineRule({
  id: "smart/client-secret",
  title: "OAuth / SMART on FHIR client secret",
  description:
    "A client_secret (Epic, Cerner, SMART backend or any OAuth confidential client) lets anyone obtain " +
    "tokens as your application; a confidential client's secret is never browser-safe (client ids are).",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["client_secret", "clientsecret", "client-secret"],
  remediation:
    "Regenerate the client secret in the authorization server's developer portal (Epic, Cerner, …) and run " +
    "the token exchange on your backend; browser apps use public clients with PKCE and no secret.",
  pattern:
    /(?<name>[Cc]lient[_-]?[Ss]ecret|CLIENT[_-]?SECRET)(?:\\{0,3}["'`])?[ \t]{0,4}(?::|=>?)[ \t]{0,4}(?<q>\\{0,3}["'`])?(?<secret>[A-Za-z0-9._~+/=!@#%^*-]{8,256})(?![A-Za-z0-9._~+/=!@#%^*-])\k<q>/,
  window: { before: 16, after: 320 },
  minEntropy: 3.5,
  validate: clientSecretVerdict,
  examples: {
    positive: [
      {
        text: 'const smart={clientId:"62b22623-f53c-445b-afe4-b99ffacf489c",clientSecret:"3n2Z6xlulL6WVAdJ8I_jXy0OYeE~IOXfJvwdhUNf",tokenUrl:"https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token"};',
        secret: "3n2Z6xlulL6WVAdJ8I_jXy0OYeE~IOXfJvwdhUNf",
      },
      {
        text: "EPIC_CLIENT_SECRET=zXymU~sk8WC_1JNCb6GkuqrHlRnxbVtiLRiQneG6\n",
        secret: "zXymU~sk8WC_1JNCb6GkuqrHlRnxbVtiLRiQneG6",
        path: ".env",
      },
      {
        text: 'body:"grant_type=client_credentials&client_id=export-svc&client_secret=DRXHxwuxFxRJZfZx99e6Y9YCTlg5Y8vzjrW_gkTs&scope=system%2F*.read"',
        secret: "DRXHxwuxFxRJZfZx99e6Y9YCTlg5Y8vzjrW_gkTs",
      },
      {
        text: '{\n  "client_id": "62b22623-f53c-445b-afe4-b99ffacf489c",\n  "client_secret": "ImpVvzb3cv35ynxV~KUaqIJYwymsGh1VK3cKySA8"\n}',
        secret: "ImpVvzb3cv35ynxV~KUaqIJYwymsGh1VK3cKySA8",
        path: "public/smart-config.json",
      },
    ],
    negative: [
      {
        text: 'const smart={clientId:"62b22623-f53c-445b-afe4-b99ffacf489c",redirectUri:"https://portal.northwind-clinic.org/callback"};',
        why: "client ids and redirect URIs are public",
      },
      {
        text: "clientSecret: process.env.EPIC_CLIENT_SECRET,",
        why: "env lookup without a value",
      },
      {
        text: 'client_secret: "YOUR_CLIENT_SECRET"',
        why: "template placeholder",
      },
      {
        text: "CLIENT_SECRET=changeme\n",
        why: "placeholder",
        path: ".env",
      },
      {
        text: '{"token_endpoint_auth_methods_supported":["client_secret_basic","private_key_jwt"]}',
        why: "the name of an auth method, not a secret",
      },
      {
        text: "const clientSecret = clientSecretFromVault;",
        why: "an identifier, not a literal",
      },
      {
        text: '{"jwks_uri":"https://app.medblocks.com/.well-known/jwks.json","client_id":"QTRQVH0GAT90DGBCVRZ6CKK910"}',
        why: "JWKS URI and client id are public",
      },
      {
        text: 'const pay={clientSecret:"sk_live_T1IzQGixl9U42Y06um8nhaNJ"};',
        why: "a Stripe key under a client-secret name: stripe/secret-key names the finding",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [basicAuthUrl, authorizationHeader, clientSecret];
export default rules;
