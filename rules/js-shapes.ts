// Code-shape rules: leaks that are a shape of JavaScript rather than a token format (an SDK constructed in
// the browser, a public env name that announces a secret, an object that pairs an access key with its
// secret), plus JWTs judged by their payload. Credentials.md §0.1, §1, §2, §7, §11, §13.
// Example secrets: scripts/fake-secrets.mjs, createFaker(303) and createFaker(304) (JWT signatures, with
// header and payload built from plain JSON).
import {
  type AstRule,
  defineRule,
  isPlaceholder,
  isSecretLookingName,
  type JsProperty,
  type JsValue,
  type MatchContext,
  type PatternRule,
  PUBLIC_ENV_FRAMEWORKS,
  publicFrameworkOf,
  shannonEntropy,
  type Verdict,
} from "../src/rule-kit/index.js";

const MEDBLOCKS_MODULES = new Set(["@medblocks/connect", "medblocks"]);

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** A constant that could be a credential: long enough, mixed, not a stand-in. */
function credentialLike(value: string | undefined, minLength = 16): value is string {
  if (value === undefined || value.length < minLength || /\s/.test(value) || isPlaceholder(value))
    return false;
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= 3;
}

function property(properties: readonly JsProperty[], name: RegExp): JsValue | undefined {
  return properties.find((candidate) => name.test(candidate.key))?.value;
}

const sdkInClient = defineRule<AstRule>({
  id: "medblocks/sdk-in-client",
  title: "Medblocks SDK in client code",
  description:
    "The Medblocks SDK is a server SDK: it needs a secret API key, and the docs keep it on your backend. " +
    "Importing or constructing it in code that ships to the browser means the key ships too, or will.",
  severity: "medium",
  confidence: "fuzzy",
  scope: "client",
  keywords: ["medblocks"],
  remediation:
    "Move the Medblocks client to a server route (your backend calls Medblocks); the browser only calls that " +
    "route and receives the patient session URL.",
  references: ["https://medblocks.com/docs"],
  visit: {
    import: (node) =>
      MEDBLOCKS_MODULES.has(node.source)
        ? {
            secret: node.source,
            evidence: "code",
            start: node.start,
            end: node.end,
            message: `"${node.source}" is imported in client code.`,
          }
        : undefined,
    call: (node) =>
      node.type === "new" && lastSegment(node.callee) === "Medblocks"
        ? {
            secret: `new ${node.callee}`,
            evidence: "code",
            start: node.start,
            end: node.start + 4 + node.callee.length,
            message: "The Medblocks SDK is constructed in client code.",
          }
        : undefined,
  },
  examples: {
    positive: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nexport const mb = new Medblocks(apiKey);\n',
        secret: "@medblocks/connect",
        path: "src/lib/medblocks.ts",
      },
      {
        text: 'import { Medblocks, parseReturnUrl } from "medblocks";\n',
        secret: "medblocks",
        path: "src/components/Connect.tsx",
      },
      {
        text: 'const r=new t.Medblocks(e,{baseUrl:"https://app.medblocks.com"});',
        secret: "new t.Medblocks",
        path: "dist/assets/index-4f9c2a.js",
      },
      {
        text: 'const { Medblocks } = require("@medblocks/connect");\n',
        secret: "@medblocks/connect",
        path: "public/js/portal.js",
      },
    ],
    negative: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nexport const mb = new Medblocks(process.env.MEDBLOCKS_API_KEY!);\n',
        why: "server code (src/server/) is where the SDK belongs",
        path: "src/server/medblocks.ts",
      },
      {
        text: 'import type { PatientSession } from "@medblocks/connect";\nexport function show(s: PatientSession) { location.href = s.url; }\n',
        why: "a type-only import is erased by the compiler; nothing of the SDK ships",
        path: "src/components/Redirect.tsx",
      },
      {
        text: 'import { Button } from "medblocks-ui";\nthrow new MedblocksError("failed");\n',
        why: "another package, and a class that is not the SDK client",
        path: "src/components/Button.tsx",
      },
      {
        text: '// Call our backend; it uses new Medblocks(key) server-side.\nfetch("/api/session", { method: "POST" });\n',
        why: "the SDK is only mentioned in a comment",
        path: "src/main.ts",
      },
    ],
  },
});

/** `Medblocks.webhooks.constructEvent`, unless it is visibly Stripe's method of the same name. */
function isConstructEvent(callee: string): boolean {
  return callee.endsWith("webhooks.constructEvent") && !/stripe/i.test(callee);
}

const webhookVerificationInClient = defineRule<AstRule>({
  id: "medblocks/webhook-verification-in-client",
  title: "Webhook verification in client code",
  description:
    "Verifying a webhook signature needs the signing secret; code that does it in the browser either ships the " +
    "secret or is server code in the wrong place. Anyone holding the secret can forge events to your backend.",
  severity: "high",
  confidence: "fuzzy",
  scope: "client",
  keywords: [
    "constructevent",
    "createhmac",
    'importkey("raw"',
    "importkey('raw'",
    "importkey(`raw`",
    "medblocks-signature",
  ],
  remediation:
    "Verify webhooks on your backend with the raw request body and a secret from server-side storage; rotate " +
    "the signing secret if it was in client code.",
  references: ["https://medblocks.com/docs"],
  visit: {
    call: (node) => {
      const method = lastSegment(node.callee);
      if (isConstructEvent(node.callee)) {
        return {
          secret: node.callee,
          evidence: "code",
          start: node.start,
          end: node.start + node.callee.length,
          message: "A webhook event is verified in client code.",
        };
      }
      const key =
        method === "createHmac"
          ? node.arguments[1]
          : method === "importKey" && node.arguments[0]?.value === "raw"
            ? node.arguments[1]
            : undefined;
      if (key && credentialLike(key.value, 12)) {
        return {
          secret: key.value,
          start: key.start,
          end: key.end,
          layer: key.layer ?? "string",
          message: `An HMAC key is a literal in client code (${node.callee}).`,
        };
      }
      const header = node.arguments.find((arg) => arg.value?.toLowerCase() === "medblocks-signature");
      if (header?.value !== undefined) {
        return {
          secret: header.value,
          evidence: "code",
          start: header.start,
          end: header.end,
          layer: "ast",
          message: "The Medblocks-Signature header is handled in client code.",
        };
      }
      return undefined;
    },
  },
  examples: {
    positive: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nconst event = Medblocks.webhooks.constructEvent(body, signature, secret);\n',
        secret: "Medblocks.webhooks.constructEvent",
        path: "src/components/Events.tsx",
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text of an example
        text: 'const mac = createHmac("sha256", "hk_9bf033b9ee8445a92e7afdec0e573568").update(`${t}.${body}`).digest("hex");',
        secret: "hk_9bf033b9ee8445a92e7afdec0e573568",
        path: "src/lib/verify.js",
      },
      {
        text: 'const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("iYbVgbokGz9yD8UfUMNA"), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);',
        secret: "iYbVgbokGz9yD8UfUMNA",
        path: "src/lib/verify.ts",
      },
      {
        text: 'const signature = request.headers.get("Medblocks-Signature");',
        secret: "Medblocks-Signature",
        path: "src/pages/webhook.tsx",
      },
    ],
    negative: [
      {
        text: 'const event = Medblocks.webhooks.constructEvent(rawBody, req.headers["medblocks-signature"], process.env.MEDBLOCKS_WEBHOOK_SECRET);',
        why: "a server route (app/**/route.ts) is where verification belongs",
        path: "app/api/webhooks/route.ts",
      },
      {
        text: 'const mac = createHmac("sha256", secret).update(body).digest("hex");',
        why: "the key is a variable, not a literal",
        path: "src/lib/verify.js",
      },
      {
        text: "const event = stripe.webhooks.constructEvent(body, sig, endpointSecret);",
        why: "Stripe's method of the same name",
        path: "src/components/Checkout.tsx",
      },
      {
        text: 'const key = await crypto.subtle.importKey("spki", publicKeyDer, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);',
        why: "importing a public key to verify a signature is what a browser may do",
        path: "src/lib/verify.ts",
      },
    ],
  },
});

const BEARER_OR_BASIC = /^(?:Bearer|Basic)\s/i;
/** `Token abc…`, `Api-Key abc…`, or the bare credential. */
const SCHEME_AND_CREDENTIAL = /^(?:(?<scheme>[A-Za-z][A-Za-z0-9_-]{0,30}) )?(?<credential>\S{16,4096})$/;

/** An Authorization value that http/authorization-header does not cover (it owns Bearer and Basic). */
function authorizationReport(value: JsValue | undefined) {
  if (value?.value === undefined || BEARER_OR_BASIC.test(value.value)) return undefined;
  const match = SCHEME_AND_CREDENTIAL.exec(value.value);
  const credential = match?.groups?.credential;
  if (!credentialLike(credential) || shannonEntropy(credential) < 3.5) return undefined;
  const offset = value.layer === "string" ? value.value.length - credential.length : 0;
  const scheme = match?.groups?.scheme;
  return {
    secret: credential,
    start: value.start + offset,
    end: value.end,
    layer: value.layer ?? "string",
    message: scheme
      ? `A literal "${scheme}" credential in an Authorization header.`
      : "A literal credential in an Authorization header.",
  };
}

const authorizationLiteral = defineRule<AstRule>({
  id: "http/authorization-literal",
  title: "Literal credential in an Authorization header",
  description:
    "An Authorization header set from a literal with a non-standard scheme (`Token …`, `Api-Key …`) or none " +
    "hard-codes an API credential into client code. Bearer and Basic literals are http/authorization-header's.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["authorization"],
  remediation:
    "Revoke the credential with its issuer and let your backend attach credentials to upstream requests.",
  visit: {
    object: (node) => authorizationReport(property(node.properties, /^authorization$/i)),
    call: (node) => {
      const method = lastSegment(node.callee);
      if (method !== "set" && method !== "append" && method !== "setRequestHeader") return undefined;
      if (!/^authorization$/i.test(node.arguments[0]?.value ?? "")) return undefined;
      return authorizationReport(node.arguments[1]);
    },
  },
  examples: {
    positive: [
      {
        text: 'fetch("https://api.northwind-clinic.org/v1/slots",{headers:{Authorization:"Token Esy82IUkyAYAOKIDDlZXAmThLaaCOqR248emoozw"}});',
        secret: "Esy82IUkyAYAOKIDDlZXAmThLaaCOqR248emoozw",
      },
      {
        text: 'xhr.setRequestHeader("Authorization", "Api-Key " + "5623rZxHxZ8iTBwE" + "4JE8EvyOpw4B1R321XDJeOb5");',
        secret: "5623rZxHxZ8iTBwE4JE8EvyOpw4B1R321XDJeOb5",
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text of an example
        text: 'const h = new Headers(); h.set("authorization", `${"cynuDwMA0gK4evAAnDnE9Jwyh5uy6BkkJkJkmBhN"}`);',
        secret: "cynuDwMA0gK4evAAnDnE9Jwyh5uy6BkkJkJkmBhN",
      },
    ],
    negative: [
      {
        text: 'fetch(url,{headers:{Authorization:"Bearer "+"RZh2E2l9stHHTHD6AIfqUUCnIeHUwJ5sWkz68uX0"}});',
        why: "a Bearer literal is http/authorization-header's finding, not a second one",
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text of an example
        text: "fetch(url,{headers:{Authorization:`Token ${session.token}`}});",
        why: "the credential is interpolated at runtime",
      },
      {
        text: 'headers.set("Authorization", "Token YOUR_API_TOKEN_HERE");',
        why: "template placeholder",
      },
      {
        text: 'const labels = { authorization: "Authorization required to view records" };',
        why: "prose, not a credential",
      },
    ],
  },
});

const ACCESS_KEY_ID = /^(?:aws_?)?access_?key_?id$/i;
const SECRET_ACCESS_KEY = /^(?:aws_?)?secret_?access_?key$/i;

const credentialsObject = defineRule<AstRule>({
  id: "aws/credentials-object",
  title: "S3 credentials object with literal keys",
  description:
    "An object with an accessKeyId and a secretAccessKey literal is a working S3-API credential (AWS, Cloudflare " +
    "R2, MinIO, Backblaze B2, Wasabi) in client code: it reaches every bucket the key can, such as an export destination.",
  severity: "critical",
  confidence: "exact",
  keywords: ["accesskeyid", "access_key_id"],
  remediation:
    "Deactivate the key pair with its provider, and upload through your backend or through pre-signed URLs " +
    "your backend issues.",
  visit: {
    object: (node) => {
      const id = property(node.properties, ACCESS_KEY_ID);
      const secret = property(node.properties, SECRET_ACCESS_KEY);
      if (!id?.value || id.value.length < 12 || isPlaceholder(id.value) || !credentialLike(secret?.value))
        return undefined;
      return {
        secret: secret.value,
        start: secret.start,
        end: secret.end,
        layer: secret.layer ?? "string",
        ...(id.value.startsWith("ASIA") ? { severity: "high" as const } : {}),
        message: `Access key id ${id.value.slice(0, 4)}… and its secret sit in one object literal.`,
        ...(node.keyPath === undefined ? {} : { keyPath: `${node.keyPath}.secretAccessKey` }),
      };
    },
  },
  examples: {
    positive: [
      {
        text: 'const r2=new S3Client({region:"auto",endpoint:"https://4ed4f6d1df8d5cc4dfd951492cfa629f.r2.cloudflarestorage.com",credentials:{accessKeyId:"31eacb52f76388fe501d4f523db06d99",secretAccessKey:"71469ef9aae11b64cd53038dfa26f40b62ab1cb921f03a8fcc5f76900ffb49cb"}});',
        secret: "71469ef9aae11b64cd53038dfa26f40b62ab1cb921f03a8fcc5f76900ffb49cb",
      },
      {
        text: 'const minio = new S3Client({ endpoint: "https://files.northwind-clinic.org", forcePathStyle: true, credentials: { accessKeyId: "FXBttJM3FXfvWkVwwYyq", secretAccessKey: "29MWsvULqwKfj4LY" + "1Sa4Bclb4K3aG0Pu" } });',
        secret: "29MWsvULqwKfj4LY1Sa4Bclb4K3aG0Pu",
      },
      {
        text: 'export const b2 = { endpoint: "https://s3.us-west-004.backblazeb2.com", accessKeyId: "0059062a835dc3f86b6710d24", secretAccessKey: `K005djRkQPE5n2aL2jyUrVTTCourKx7` };',
        secret: "K005djRkQPE5n2aL2jyUrVTTCourKx7",
        path: "src/config.ts",
      },
    ],
    negative: [
      {
        text: "const s3 = new S3Client({ credentials: { accessKeyId: import.meta.env.VITE_S3_KEY_ID, secretAccessKey: import.meta.env.VITE_S3_SECRET } });",
        why: "env lookups without values (env/secret-name-in-client judges the names)",
      },
      {
        text: 'const s3 = new S3Client({ credentials: { accessKeyId: "YOUR_ACCESS_KEY_ID", secretAccessKey: "YOUR_SECRET_ACCESS_KEY" } });',
        why: "template placeholders",
      },
      {
        text: 'const s3 = new S3Client({ credentials: { accessKeyId: "AKIA5ZLQLUKLFOSPVPH5", secretAccessKey: "OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy" } });',
        why: "an AWS-format secret is aws/secret-access-key's finding: one secret, one rule",
      },
      {
        text: 'const upload = { bucket: "exports", accessKeyId: "31eacb52f76388fe501d4f523db06d99" };',
        why: "an access key id without its secret",
      },
    ],
  },
});

const PRIVATE_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ["d", "p", "q", "dp", "dq", "qi"],
  EC: ["d"],
  OKP: ["d"],
  oct: ["k"],
};

const jwkObject = defineRule<AstRule>({
  id: "private-key/jwk-object",
  title: "Private JWK in a JavaScript object",
  description:
    "A JS object literal with kty and a private member (d, p, q, … or k of a symmetric key) is a private key, " +
    "however its values are written (template literals, concatenations): SMART assertions and tokens can be forged.",
  severity: "critical",
  confidence: "exact",
  // `kty` followed by a quote or colon: the bare letters occur inside words all over minified code.
  keywords: ['kty"', "kty'", "kty`", "kty:"],
  remediation:
    "Remove the key from its JWKS and EHR registrations, generate a new pair server-side, and publish only the " +
    "public members at your JWKS URI.",
  visit: {
    object: (node) => {
      const kty = property(node.properties, /^kty$/)?.value;
      const members = kty === undefined ? undefined : PRIVATE_MEMBERS[kty];
      for (const member of members ?? []) {
        const value = node.properties.find((candidate) => candidate.key === member)?.value;
        if (
          value?.value === undefined ||
          !/^[A-Za-z0-9_-]{16,4096}$/.test(value.value) ||
          isPlaceholder(value.value)
        )
          continue;
        return {
          secret: value.value,
          start: value.start,
          end: value.end,
          layer: value.layer ?? "string",
          message: `Private JWK (kty "${kty}") with its private ${member} member.`,
        };
      }
      return undefined;
    },
  },
  examples: {
    positive: [
      {
        text: 'const key = await importJWK({kty:"EC",crv:"P-256",x:`RrBoLKZmPAcsSI90MPuQrqJSLJkm82sYXp9Z2EHyEDZ`,y:`ekAiMUu_g6wESQ2Rm9JWy3-CDIAIh3587I8zmkroveL`,d:`DBjQTnxgtYnmcWWAsdHLAjDdBe-ol5CTTmQN9_-W3pZ`}, "ES256");',
        secret: "DBjQTnxgtYnmcWWAsdHLAjDdBe-ol5CTTmQN9_-W3pZ",
      },
      {
        text: 'const jwk = { kty: "EC", crv: "P-256", x: "SAXAQYXiF6m7ADwbZB6AQAVfPIJyp3kla8NTmA_EjES", y: "0wrl4N1Q98fPFh17vdi5PmuaXhsoQgRZ1a4K438RXJY", d: "YFlpDJWeKgpOzfT1" + "khZD5rQSooI4ZFUndjLUF6YaWr-" };',
        secret: "YFlpDJWeKgpOzfT1khZD5rQSooI4ZFUndjLUF6YaWr-",
      },
      {
        text: "export const hmacKey = { kty: `oct`, alg: `HS256`, k: `GfkvmClIDmOwNxmDUjz0kB0IQ6alyNbv3VsJI3RfJXP` };",
        secret: "GfkvmClIDmOwNxmDUjz0kB0IQ6alyNbv3VsJI3RfJXP",
      },
    ],
    negative: [
      {
        text: "const verifyKey = { kty: `EC`, crv: `P-256`, x: `RrBoLKZmPAcsSI90MPuQrqJSLJkm82sYXp9Z2EHyEDZ`, y: `ekAiMUu_g6wESQ2Rm9JWy3-CDIAIh3587I8zmkroveL` };",
        why: "a public EC key (x and y only)",
      },
      {
        text: 'const point = { d: "DBjQTnxgtYnmcWWAsdHLAjDdBe-ol5CTTmQN9_-W3pZ", label: "distance" };',
        why: "a d member without kty is not a JWK",
      },
      {
        text: "const template = { kty: `EC`, crv: `P-256`, d: `<private scalar>` };",
        why: "documentation template",
      },
      {
        text: 'const jwk = { kty: "EC", crv: "P-256", d: privateScalar };',
        why: "the private member is a variable, not a literal",
      },
    ],
  },
});

const secretNameInClient = defineRule<AstRule>({
  id: "env/secret-name-in-client",
  title: "Secret-named public env variable in client code",
  description:
    "A variable with a public prefix (VITE_, NEXT_PUBLIC_, …) is inlined into the client bundle at build time; " +
    "a name that says it holds a secret (MEDBLOCKS_API_KEY, *_SECRET, *_PRIVATE_KEY) will ship that secret.",
  severity: "high",
  confidence: "fuzzy",
  scope: "client",
  // A public name read from the env, not `process.env` alone (every library build reads NODE_ENV), nor the
  // bare prefix (`public_` is an everyday identifier): member reads, destructuring of import.meta.env (Next
  // and CRA inline only member reads of process.env), SvelteKit's module.
  keywords: [
    ...PUBLIC_ENV_FRAMEWORKS.map((framework) => `env.${framework.prefix.toLowerCase()}`),
    "=import.meta.env",
    "= import.meta.env",
    "$env/static/public",
  ],
  remediation:
    "Rename the variable without the public prefix and read it only in server code (an API route that calls the " +
    "service for the browser); rotate the value if a build already shipped it.",
  visit: {
    env: (node) => {
      const framework = publicFrameworkOf(node.name);
      if (!framework || !isSecretLookingName(node.name.slice(framework.prefix.length))) return undefined;
      return {
        secret: node.name,
        evidence: "code",
        start: node.start,
        end: node.end,
        message: `${node.name} is read from ${node.via}: ${framework.name} ${framework.mechanism}, so its secret value ships to the browser.`,
      };
    },
  },
  examples: {
    positive: [
      {
        text: "export const mb = new Medblocks(import.meta.env.VITE_MEDBLOCKS_API_KEY);\n",
        secret: "VITE_MEDBLOCKS_API_KEY",
        path: "src/lib/medblocks.ts",
      },
      {
        text: "const secret = process.env.NEXT_PUBLIC_EPIC_CLIENT_SECRET;\n",
        secret: "NEXT_PUBLIC_EPIC_CLIENT_SECRET",
        path: "components/Login.tsx",
      },
      {
        text: 'import { PUBLIC_MEDBLOCKS_WEBHOOK_SECRET } from "$env/static/public";\n',
        secret: "PUBLIC_MEDBLOCKS_WEBHOOK_SECRET",
        path: "src/routes/+page.ts",
      },
      {
        text: "const { VITE_AWS_SECRET_ACCESS_KEY } = import.meta.env;\n",
        secret: "VITE_AWS_SECRET_ACCESS_KEY",
        path: "src/upload.ts",
      },
    ],
    negative: [
      {
        text: "const url = import.meta.env.VITE_MEDBLOCKS_BASE_URL;\nconst clientId = import.meta.env.VITE_EPIC_CLIENT_ID;\n",
        why: "public by design: a URL and an OAuth client id",
        path: "src/lib/config.ts",
      },
      {
        text: "const key = process.env.MEDBLOCKS_API_KEY;\n",
        why: "no public prefix: the bundler does not inline it",
        path: "src/lib/medblocks.ts",
      },
      {
        text: "const key = process.env.NEXT_PUBLIC_MEDBLOCKS_API_KEY;\n",
        why: "server code (pages/api/) is never shipped to the browser",
        path: "pages/api/session.ts",
      },
      {
        text: "const stripe = loadStripe(import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY);\n",
        why: "a publishable key is meant for the browser",
        path: "src/checkout.ts",
      },
    ],
  },
});

interface JwtClaims {
  role?: unknown;
  exp?: unknown;
}

function jwtClaims(token: string): JwtClaims | undefined {
  const payload = token.split(".")[1] ?? "";
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

const PRIVILEGED_ROLES = new Set(["service_role", "supabase_admin"]);

function jwtVerdict(ctx: MatchContext): Verdict {
  // A token in a literal Authorization header is http/authorization-header's finding.
  if (/Bearer[ ]{1,3}$/i.test(ctx.text.slice(Math.max(0, ctx.index - 10), ctx.index))) return false;
  const claims = jwtClaims(ctx.secret);
  if (claims === undefined || claims.role === "anon") return false;
  if (typeof claims.role === "string" && PRIVILEGED_ROLES.has(claims.role)) {
    return {
      message: `A JWT with role "${claims.role}": it bypasses row-level security and every access rule.`,
    };
  }
  const expiry =
    typeof claims.exp === "number"
      ? `expires ${new Date(claims.exp * 1000).toISOString().slice(0, 10)}`
      : "no expiry (exp) claim";
  return { severity: "low", title: "JWT in client code", message: `A signed JWT literal; ${expiry}.` };
}

const privilegedToken = defineRule<PatternRule>({
  id: "jwt/privileged-token",
  title: "Privileged JWT in client code",
  description:
    "A JWT whose payload grants a privileged role (Supabase service_role) is a master key in the browser. Public " +
    "anon tokens are meant to ship; other JWTs are reported low with their expiry.",
  severity: "critical",
  confidence: "exact",
  keywords: ["eyj"],
  remediation:
    "Rotate the signing secret or the key (Supabase: roll the JWT secret / service_role key), and use the service " +
    "token only in server code; the browser gets the anon key.",
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,2000})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 12000 },
  validate: jwtVerdict,
  examples: {
    positive: [
      {
        text: 'export const supabase = createClient("https://zvtjjnookcwiuymoxpny.supabase.co", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inp2dGpqbm9va2N3aXV5bW94cG55Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxODAwMDAwMCwiZXhwIjoyMDMzNTc2MDAwfQ.mk5VO48WnXhQ4NI32XozZi0OBXY2jW7lfMmZM0TIhKi");',
        secret:
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inp2dGpqbm9va2N3aXV5bW94cG55Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxODAwMDAwMCwiZXhwIjoyMDMzNTc2MDAwfQ.mk5VO48WnXhQ4NI32XozZi0OBXY2jW7lfMmZM0TIhKi",
      },
      {
        text: "VITE_SUPABASE_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImVmZWoxbnhwcnc1emVpZGtrdDJ4Iiwicm9sZSI6InN1cGFiYXNlX2FkbWluIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjIwMzM1NzYwMDB9.MdTkmzsFcN2bAeLJj8BkpGC22kuAbFWGJFAqxsyR6NK\n",
        secret:
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImVmZWoxbnhwcnc1emVpZGtrdDJ4Iiwicm9sZSI6InN1cGFiYXNlX2FkbWluIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjIwMzM1NzYwMDB9.MdTkmzsFcN2bAeLJj8BkpGC22kuAbFWGJFAqxsyR6NK",
        path: ".env.local",
      },
      {
        text: 'const assertion="eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwfQ.iJFKBIooGijcuX22pTdUwFhgpK90iSzKYpWVjbOXEYzS9gzrwky3zHR0q6nnW6aNe9wAj84dEFcfzqOm8XnARC";',
        secret:
          "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwfQ.iJFKBIooGijcuX22pTdUwFhgpK90iSzKYpWVjbOXEYzS9gzrwky3zHR0q6nnW6aNe9wAj84dEFcfzqOm8XnARC",
      },
    ],
    negative: [
      {
        text: 'export const supabase = createClient("https://zvtjjnookcwiuymoxpny.supabase.co", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inp2dGpqbm9va2N3aXV5bW94cG55Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MjAzMzU3NjAwMH0.EW7jq55KvGXHI0C85BMUKQpXAXERKU4LzBorgTk0Zu6");',
        why: "the Supabase anon key is public by design",
      },
      {
        text: 'const header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";',
        why: "a JWT header alone carries no signature",
      },
      {
        text: 'fetch(url,{headers:{Authorization:"Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwYXRpZW50LXBvcnRhbCIsInNjb3BlIjoicGF0aWVudC8qLnJlYWQifQ.ycwkOJc3E5xDKmoHD2BA2Esobl3exolNeTTEg9qSxHJ"}});',
        why: "a Bearer header literal is http/authorization-header's finding, not a second one",
      },
      {
        text: "const sample = 'eyJhbGciOiJIUzI1NiJ9.eyJub3RKU09OIjp9.abcdefghijklmnopqrstuv';",
        why: "the payload is not valid JSON: not a JWT",
      },
    ],
  },
});

const rules: readonly (AstRule | PatternRule)[] = [
  sdkInClient,
  webhookVerificationInClient,
  authorizationLiteral,
  credentialsObject,
  jwkObject,
  secretNameInClient,
  privilegedToken,
];
export default rules;
