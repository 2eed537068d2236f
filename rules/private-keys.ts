// Private keys: PEM blocks and private JWKs (credentials.md §4, §10, §11).
// Example secrets: scripts/fake-secrets.mjs, createFaker(202) — pem(), jwk() and base62() output; the
// one-line forms are the same blocks with their newlines written as "\n" escapes.
import { defineRule, type MatchContext, type PatternRule, type Verdict } from "../src/rule-kit/index.js";
import {
  CERTIFICATE,
  DSA_ESCAPED,
  EC,
  ENCRYPTED_ESCAPED,
  LEGACY_ENCRYPTED_RSA,
  OPENSSH,
  PASTE_HERE_TEMPLATE,
  PGP_PRIVATE,
  PGP_PUBLIC,
  PUBLIC,
  RSA,
  RSA_ESCAPED,
  SMART_PKCS8,
  TRUNCATED_SAMPLE,
} from "./examples/pem-keys.js";
import { concatenatedLines, ELISION, enclosingObject } from "./support.js";

/** Base64 characters of a PEM body once line breaks (real or escaped) and blanks are removed. */
function bodyLength(body: string): number {
  return body.replace(/\\\\[nrt]|\\[nrt]|\s/g, "").length;
}

function pemVerdict(ctx: MatchContext): Verdict {
  if (ELISION.test(ctx.secret)) return false;
  if (bodyLength(ctx.groups.body ?? "") < 50) return false;
  // `\\n` is a PEM inside a string inside a string (a source map's sourcesContent, JSON in a JS string).
  // The extractors cook the outer level and match the inner reading; the raw reading would be a second,
  // differently spelled copy of the same key. Plain text has no extractor, so it keeps the raw reading.
  if (ctx.kind !== "text" && /\\\\[nr]/.test(ctx.groups.body ?? "")) return false;
  const label = ctx.groups.label ?? "";
  if (label.startsWith("PGP")) return { title: "PGP private key block" };
  if (label.includes("ENCRYPTED") || /Proc-Type: 4,ENCRYPTED/.test(ctx.groups.headers ?? "")) {
    return {
      severity: "high",
      title: "Encrypted private key",
      message:
        "An encrypted private key: the passphrase protects it, but it is offline-crackable and often sits next to that passphrase.",
    };
  }
  return true;
}

const pem = defineRule({
  id: "private-key/pem",
  title: "PEM private key",
  description:
    "A PEM private key (PKCS#8, RSA, EC, DSA, OpenSSH, PGP) in client code lets anyone sign as its owner: " +
    "SMART on FHIR client assertions, JWTs, TLS or SSH identities. Medblocks requires these to stay server-side.",
  severity: "critical",
  confidence: "exact",
  keywords: ["-----begin"],
  publicPrefix: /^-----BEGIN [A-Z0-9 ]{1,40}-----/,
  strongPrefix: true,
  leads: ["-----BEGIN"],
  remediation:
    "Replace the key pair: remove the old public half from every JWKS / authorized_keys / EHR registration, " +
    "generate a new pair on the server, publish the new public key (update the JWKS), and keep the private key " +
    "in server-side secret storage only.",
  // Header lines (legacy encrypted PEM, PGP armor) sit between BEGIN and the body. The body class has no
  // `-` and no `.`, so a body stops at the END line and a truncated `MIIEv...` sample never matches.
  pattern:
    /(?<secret>-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|SSH2 ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<headers>(?:(?:\r?\n|\\r\\n|\\n)(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset|MessageID): [^\r\n\\]{1,200}){0,8})(?<body>[A-Za-z0-9+/=\s\\]{50,10000})-----END \k<label>-----)/,
  window: { before: 16, after: 12000 },
  allowPlaceholders: true,
  validate: pemVerdict,
  examples: {
    // Positive 1 is a one-line PEM inside a JS string: its secret is the cooked string value (real
    // newlines), as the engine's JS string layer reports it. The other one-line forms (.env in single
    // quotes, YAML) keep their "\n" escapes in the secret, exactly as written.
    positive: [
      {
        text: "export const SMART_PRIVATE_KEY = `" + SMART_PKCS8 + "`;\n",
        secret: SMART_PKCS8,
        path: "src/lib/smart-auth.ts",
      },
      {
        text: 'const pem = "' + RSA_ESCAPED + '\\n";\nconst key = await importPKCS8(pem, "RS384");\n',
        secret: RSA,
      },
      {
        text: 'SMART_PRIVATE_KEY="' + EC + '"\n',
        secret: EC,
        path: ".env",
      },
      {
        text: OPENSSH + "\n",
        secret: OPENSSH,
        path: "public/deploy/id_ed25519",
      },
      {
        text:
          "# single quotes: dotenv keeps the \\n escapes as written\nJWT_SIGNING_KEY='" +
          ENCRYPTED_ESCAPED +
          "'\n",
        secret: ENCRYPTED_ESCAPED,
        path: ".env.production",
      },
      {
        text:
          "const armoredKey = `" +
          PGP_PRIVATE +
          "`;\nconst privateKey = await openpgp.readPrivateKey({ armoredKey });\n",
        secret: PGP_PRIVATE,
      },
      {
        text: LEGACY_ENCRYPTED_RSA + "\n",
        secret: LEGACY_ENCRYPTED_RSA,
        path: "static/legacy.key",
      },
      {
        text: 'signer:\n  private_key: "' + DSA_ESCAPED + '"\n',
        secret: DSA_ESCAPED,
        path: "public/signer.yml",
      },
      {
        // A key split across a + chain (one string per PEM line): found once the chain is folded.
        text: `const pem = ${concatenatedLines(SMART_PKCS8)};`,
        secret: SMART_PKCS8,
        path: "src/lib/smart-auth.ts",
      },
    ],
    negative: [
      {
        text: TRUNCATED_SAMPLE,
        why: "truncated documentation sample",
      },
      {
        text: "const pub = `" + PUBLIC + "`;",
        why: "public keys are public",
      },
      {
        text: CERTIFICATE + "\n",
        why: "a certificate is public",
      },
      {
        text: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQKiJpUKAgowxnwtDB660t3eDjV0KgU5LDmnXaVsHXl6Ar5VJkbhXXVJwnjP047nfPoSLjHtQl4xsXRjtnW9yK8awZXtGFCyTc7WeC8vvthQsdUXlwB9iGFMtYywp4zl3yTamH9H0QOC65BmOhU8gXdD7QBrdX7uuI96eRNys79tPpqDN6xgAyHBtNHgMM7uXpoM2vOYsy deploy@ci",
        why: "an OpenSSH public key line",
      },
      {
        text: 'if (!pem.startsWith("-----BEGIN PRIVATE KEY-----")) throw new Error("expected PKCS#8");',
        why: "a header without a key body",
      },
      {
        text: "const PEM_RE = /-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[\\s\\S]{0,4000}?-----END/;",
        why: "a regular expression describing PEM",
      },
      {
        text: 'SMART_PRIVATE_KEY="' + PASTE_HERE_TEMPLATE + '"',
        why: "template placeholder",
      },
      {
        text: PGP_PUBLIC,
        why: "a PGP public key block",
      },
    ],
  },
});

const KTY =
  /(?:\\{0,3}["'])?kty(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<kty>[A-Za-z]{2,3})\\{0,3}["']/;

function jwkVerdict(ctx: MatchContext): Verdict {
  const object = enclosingObject(ctx);
  const kty = KTY.exec(object)?.groups?.kty;
  if (kty === undefined) return false;
  if (ctx.groups.member === "k") {
    return kty === "oct" ? { message: `Symmetric JWK (kty "oct") with its secret k member.` } : false;
  }
  return { message: `Private JWK (kty "${kty}") with its private d member.` };
}

const jwk = defineRule({
  id: "private-key/jwk",
  title: "Private JSON Web Key",
  description:
    "A JWK or JWKS with a private member (d, or k of a symmetric key) in client code hands out the signing " +
    "key: SMART backend-services assertions and tokens can be forged. A JWKS served to the world must be public-only.",
  severity: "critical",
  confidence: "exact",
  keywords: ["kty"],
  remediation:
    "Remove the key from its JWKS / EHR registrations, generate a new pair server-side, and publish only the public " +
    "members (kty, n, e or crv, x, y) at your JWKS URI.",
  // `d` (or `k`) as a JSON or JS member, quoted or not, also inside an escaped JSON string; the `kty`
  // of the same object is checked in validate.
  pattern:
    /(?<=[{,](?:[ \t\r\n]|\\[nrt]){0,40})(?<q>\\{0,3}["'])?(?<member>d|k)\k<q>[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<secret>[A-Za-z0-9_-]{16,1400})\\{0,3}["']/,
  window: { before: 6000, after: 6000 },
  validate: jwkVerdict,
  examples: {
    positive: [
      {
        text: 'const key = await importJWK({kty:"EC",crv:"P-256",x:"OAf-EIktbX3XqI_W7NSDPUXYZj5UXRTLA1ohxuci9_i",y:"7O_D9VjExhpwye7QCC8LdE78MkZSzTQPDP1pdKQo2-O",d:"ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R"}, "ES256");',
        secret: "ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R",
      },
      {
        text: '{\n  "keys": [\n    {\n      "kty": "RSA",\n      "kid": "smart-backend-2024",\n      "use": "sig",\n      "alg": "RS384",\n      "n": "wzjGo-Pt-GtvNb0yn7yFBDUYqJ_mf3NaYPiHZrTyw9NBHt5N36dR2JJy1FsC0ROrHXdIPHCQYcovV6_1AyK-0cxmCVui4-gY9MNwjyUKbK3v14dVN0L01V0bC3DXT-ITyaePB7IrzfQ7PheFmFq31fCycc-UDl1tkw9btjdaAAC4O8uMfDs4Tyto7AoN7puNFWAuwDbnqJRlbfdhLEUIA4I0k3fdCFGAtyBxPV-qcYFPqLTZlhvLWnUwS9fltwC39w_BwG5Iv_YHO7c8p97P4bPyE0UhV0dIrXtfFJKVWIIun2IkMiN_jiEw7e5Et6eVuy5KQGVqgrGikT2muiwSQf",\n      "e": "AQAB",\n      "d": "vJ2EbsMOrLfoGBf_7h9eixWl12lQUe_y9q3E-4GLZJSRit41LlUIXBsH4NUFhssk80RBbew5F2N6gINUd5ajV0oTMztQU5mTnd0EqVeWnqdmxoGjY4bZq4ub0epNyNv9tWiv53S1KWbpb451sTQWgJNIkpJMvoxo5DcgH6VUKi59qv_lKXPyCFsw01-tfzQGUnWUhTPct68teFzhcRRS3IlO8pGdAQQI8rYrWDh3LVql0u4ypwyZv9Ptz-966MJ3Dp6AcxOhj_wEWKxFBER9G9Ja6_tS7WRMBQu-5RjMKcJBRceqypgy6gw74E1a6yljH-0JU5Au3KIrXzk_RHHYVM",\n      "p": "CQM0D5j6YTjjT2AHfw_agymzW_EIpUpHzBxBhUtz_HlxxD_Ab_Ssc9PyN6a6UCp2KPiScFtcOWtcj-33Cwz6yJbFiCShKlcOrGsVBjuAYhjaaGcWjEB2bcXAUvmLKdq_F8fc-RVZS-L9KRIoyrF6SIKpRce6NNkGqQcdjD5v4gn",\n      "q": "5go9mrZ69YQTNKA9iWusYwz31LGoRzFBGbSEllvk2xYBEDqqPDGaBixQGg-B63QnV175iuYddH9nTcH1AqYfLLh6rGQUddLv3HqLLYDofzwXx42wYwNeeN8l8s6H-v-9ASu8-1vC_vhVDPHdX-9qcWMwFmpUiuEPrQIlreRSQNU"\n    }\n  ]\n}',
        secret:
          "vJ2EbsMOrLfoGBf_7h9eixWl12lQUe_y9q3E-4GLZJSRit41LlUIXBsH4NUFhssk80RBbew5F2N6gINUd5ajV0oTMztQU5mTnd0EqVeWnqdmxoGjY4bZq4ub0epNyNv9tWiv53S1KWbpb451sTQWgJNIkpJMvoxo5DcgH6VUKi59qv_lKXPyCFsw01-tfzQGUnWUhTPct68teFzhcRRS3IlO8pGdAQQI8rYrWDh3LVql0u4ypwyZv9Ptz-966MJ3Dp6AcxOhj_wEWKxFBER9G9Ja6_tS7WRMBQu-5RjMKcJBRceqypgy6gw74E1a6yljH-0JU5Au3KIrXzk_RHHYVM",
        path: "public/.well-known/jwks.json",
      },
      {
        text: '{"kty":"oct","kid":"hmac-1","alg":"HS256","k":"ZG5TUkNMS036ZAFV73WsJ4SDftNmKyf4dFUmycczHMk"}',
        secret: "ZG5TUkNMS036ZAFV73WsJ4SDftNmKyf4dFUmycczHMk",
        path: "src/config/hmac-key.json",
      },
      {
        text: '{\n  "d": "D5GVU5fwd--7veJKFI6XlfpzwyTtWHdsJ4xW110aZe0",\n  "crv": "P-256",\n  "x": "OYHCu3oDy14pDChJWp-C_7YOsUebdLfwOCyfA0Z1iRd",\n  "y": "Dn7QdwC9_susaYy3kPQhNXstVOwh6i6-ewD3pZq8jJd",\n  "kty": "EC",\n  "use": "sig"\n}',
        secret: "D5GVU5fwd--7veJKFI6XlfpzwyTtWHdsJ4xW110aZe0",
        path: "src/keys/client-assertion.json",
      },
    ],
    negative: [
      {
        text: '{\n  "keys": [\n    {\n      "kty": "RSA",\n      "n": "ye-QGRl9axNGaA91-jhKCiEiSAGjjgW_1NJ5Gnlr7ehoLhc2M1nsIhayv2A_Oe-SJ294vhzgWHBZ4ZUI3zxkO4pxO-tTxxEOVvGavtqY5v0ZMIHPZ0dCGIaZluL066bJa7OL5Oq3Yoe3JIx4S8JxiW878sERwiC-fDK3GD4SwKabB5NgQetLTfLuM-Z7DDDoo8s-FlLoeiOvQWJJ0ISPipTTxTyQZMT-5Uyt0QxTRTuMpHtNX5ZH8ZJ5K-hKf-iR40Ir6WkKiyNvnIqjgjLWszFw01YOUSX67y2D0kf3erGj4_DyPI3GPKWWXGjypmcWdNJ2vAXLfjz3sKkztQu2iu",\n      "e": "AQAB",\n      "kid": "smart-backend-2024",\n      "use": "sig",\n      "alg": "RS384"\n    }\n  ]\n}',
        why: "a public RSA JWKS (n and e only)",
      },
      {
        text: 'const verifyKey = await importJWK({kty:"EC",crv:"P-256",x:"jjAf1VkL8lo11a4aK0kdE8YGzf69g7f8lhzTubnyfK7",y:"N-yvtNN5fqlba_zXEu4HbrMhyLp4_EzQE9fLfxlneul"}, "ES256");',
        why: "a public EC JWK (x and y only)",
      },
      {
        text: '{"jwks_uri":"https://app.medblocks.com/.well-known/jwks.json","token_endpoint":"https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token"}',
        why: "a JWKS URI is a public URL",
      },
      {
        text: '{"kty":"EC","crv":"P-256","x":"...","y":"...","d":"<private scalar>"}',
        why: "documentation template",
      },
      {
        text: '{"id":"evt_42","d":"ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R"}',
        why: "an object with a d member but no kty is not a JWK",
      },
      {
        text: '{"kty":"oct","alg":"HS256","kid":"hmac-1","use":"sig"}',
        why: "key metadata without the k member",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [pem, jwk];
export default rules;
