// Deterministic generator of credentials that look real (right prefix, length and alphabet, random-looking
// body) but were never issued by anyone. Tests, fixtures and the benchmark all draw from here, so a
// planted secret is reproducible from its seed and never copied from a real account.

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64 = `${BASE62}+/`;
const HEX = "0123456789abcdef";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** mulberry32: tiny, fast, good enough for test data. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaker(seed = 1) {
  const next = mulberry32(seed);
  const pick = (alphabet, n) => {
    let out = "";
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  const base64Block = (bytes) => {
    const chars = Math.ceil(bytes / 3) * 4;
    const pad = (3 - (bytes % 3)) % 3;
    return pick(BASE64, chars - pad) + "=".repeat(pad);
  };
  const wrap = (body, width = 64) => body.match(new RegExp(`.{1,${width}}`, "g")).join("\n");
  return {
    base62: (n) => pick(BASE62, n),
    hex: (n) => pick(HEX, n),
    mbLiveKey: () => `mb_sk_live_${pick(BASE62, 32)}`,
    mbSandboxKey: () => `mb_sk_sbx_${pick(BASE62, 32)}`,
    mbOtherEnvKey: (env = "stg") => `mb_sk_${env}_${pick(BASE62, 32)}`,
    /** Medblocks' documented shape: whsec_ + 26 Crockford base32 + 32 lowercase hex. */
    webhookSecret: () => `whsec_${pick(CROCKFORD, 26)}${pick(HEX, 32)}`,
    /** Standard Webhooks / Svix shape: whsec_ + base64 of 32 random bytes. */
    standardWebhookSecret: () => `whsec_${base64Block(32)}`,
    awsAccessKeyId: (prefix = "AKIA") => `${prefix}${pick(UPPER_ALNUM, 16)}`,
    awsSecretAccessKey: () => pick(BASE64, 40),
    googleApiKey: () => `AIza${pick(`${BASE62}_-`, 35)}`,
    gcsHmacAccessId: () => `GOOG1E${pick(UPPER_ALNUM, 55)}`,
    gcsHmacSecret: () => pick(BASE64, 40),
    azureAccountKey: () => base64Block(64),
    azureSasSignature: () => encodeURIComponent(base64Block(32)),
    bearerToken: () => pick(BASE62, 40),
    clientSecret: () => pick(`${BASE62}-_~`, 40),
    password: () => pick(BASE62, 20),
    /** A PEM block with the given label and a body of random base64 (not a parseable key: shape only). */
    pem: (label = "PRIVATE KEY", bytes = 1190) =>
      `-----BEGIN ${label}-----\n${wrap(base64Block(bytes))}\n-----END ${label}-----`,
    /** A JWK private key: RSA by default, or EC P-256. Members are random base64url of the right size. */
    jwk: (kty = "RSA") => {
      const b64url = (bytes) =>
        base64Block(bytes).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
      if (kty === "EC") return { kty: "EC", crv: "P-256", x: b64url(32), y: b64url(32), d: b64url(32) };
      return { kty: "RSA", n: b64url(256), e: "AQAB", d: b64url(256), p: b64url(128), q: b64url(128) };
    },
    ulid: () => pick(CROCKFORD, 26),
    /** `n` characters drawn from `alphabet` (vendor formats build on this: scripts/fake-vendor-secrets.mjs). */
    pick,
  };
}
