// biome-ignore-all lint/suspicious/noTemplateCurlyInString: example texts quote JavaScript that interpolates at runtime.
// Cloud storage credentials a Medblocks export destination touches: AWS, Google Cloud, Azure
// (credentials.md §5–§9, §13–§14).
// Example secrets: scripts/fake-secrets.mjs, createFaker(303) — generated, never issued by anyone.
import { defineRule, type MatchContext, type PatternRule, type Verdict } from "../src/rule-kit/index.js";
import { minifiedObject, serviceAccountKey } from "./examples/gcp-service-account.js";
import { enclosingObject, parseQuery } from "./support.js";

/** The Azure storage emulator's (Azurite's) published, well-known account key. */
const AZURITE_ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** An AWS credential key id (not the AIDA/AROA/… identifiers). Not inside a longer base64 run. */
const AWS_KEY_ID = /(?<![A-Za-z0-9/+])(?<prefix>AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9/+=])/g;
/** A Cloud Storage HMAC access id (61 characters for service accounts, 24 for user accounts). */
const GOOG_ACCESS_ID = /(?<![A-Za-z0-9])GOOG[0-9A-Z]{20,57}(?![A-Za-z0-9])/;

/** A 40-character base64 secret mixes cases and has a digit or symbol; hex digests and words do not. */
function looksLikeBase64Secret(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9+/]/.test(value);
}

function awsKeyIdsNear(ctx: MatchContext, radius: number): string[] {
  return [...ctx.around(radius).matchAll(AWS_KEY_ID)].map((m) => m.groups?.prefix ?? "");
}

const STORAGE_REMEDIATION_AWS =
  "Deactivate and delete the access key in IAM, check CloudTrail for its use, and give the browser " +
  "short-lived presigned URLs from your backend instead of credentials.";

const awsAccessKeyId = defineRule({
  id: "aws/access-key-id",
  title: "AWS access key id",
  description:
    "An AWS credential key id (AKIA long-term, ASIA temporary, ABIA/ACCA service credentials). Alone it " +
    "cannot sign requests, but it names a live credential and its secret is rarely far away.",
  severity: "medium",
  confidence: "exact",
  keywords: ["akia", "asia", "abia", "acca"],
  publicPrefix: /^(?:AKIA|ASIA|ABIA|ACCA)/,
  strongPrefix: true,
  knownSamples: ["AKIAIOSFODNN7EXAMPLE"],
  remediation: STORAGE_REMEDIATION_AWS,
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html"],
  pattern: /(?<![A-Za-z0-9/+])(?<secret>(?<prefix>AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9/+=])/,
  window: { before: 16, after: 64 },
  validate: (ctx) =>
    ctx.groups.prefix === "ASIA"
      ? {
          message:
            "Temporary (STS) access key id: usable together with its secret and session token until it expires.",
        }
      : true,
  examples: {
    positive: [
      {
        text: 'const s3=new S3Client({region:"us-east-1",credentials:{accessKeyId:"AKIA5ZLQLUKLFOSPVPH5",secretAccessKey:"OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy"}});',
        secret: "AKIA5ZLQLUKLFOSPVPH5",
      },
      {
        text: "VITE_AWS_ACCESS_KEY_ID=AKIAARSOMXO6IJXPBBRW\n",
        secret: "AKIAARSOMXO6IJXPBBRW",
        path: ".env",
      },
      {
        text: '{"Credentials":{"AccessKeyId":"ASIAX7UMHP64EBF42O5Z","SecretAccessKey":"Lpkv/BNMuk74iQQWqkL5cr/16xD6XcPWbgAy7F6n","SessionToken":"Kmp18zg0Oqf9rPDapcUlrG9vclxhnGuXkI0VvDSWhZYiBow34f6tzYlwovTK5WnusVuQeX70obFExOkNF0mHZgaJTlds07r6xFXv8RvvnSpTfzCzD6tChsFn/3m6Dr0vdCRnHIlOf6oq4oX8rprayPuPY0VYjJw2mqTkWYULoBEihil5gke0K=","Expiration":"2025-05-01T12:00:00Z"}}',
        secret: "ASIAX7UMHP64EBF42O5Z",
        path: "public/sts.json",
      },
      {
        text: 'e.headers["x-amz-bearer"]="ABIA6CQLUXSU5S57EU3R";',
        secret: "ABIA6CQLUXSU5S57EU3R",
      },
    ],
    negative: [
      {
        text: 'accessKeyId: "AKIAIOSFODNN7EXAMPLE"',
        why: "the AWS documentation sample key id",
      },
      {
        text: '{"UserId":"AIDAIZLYV4B6RCKFTAY6","Arn":"arn:aws:iam::123456789012:user/ci"}',
        why: "AIDA is an IAM user id, not a credential",
      },
      {
        text: '{"RoleId":"AROAMMXIY47OCH7Q7QAW","RoleName":"export-writer"}',
        why: "AROA is an IAM role id, not a credential",
      },
      {
        text: 'new Intl.DateTimeFormat("en-IN",{timeZone:"Asia/Kolkata"})',
        why: "the word Asia is not an ASIA key id",
      },
      {
        text: "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX",
        why: "filler placeholder",
      },
      {
        text: "const AWS_KEY_ID = /(AKIA|ASIA)[A-Z2-7]{16}/;",
        why: "a regular expression describing the shape",
      },
      {
        text: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAKIA5ZLQLUKLFOSPVPH5AAAABCAYAAAAfFcSJ",
        why: "inside a longer base64 run, not a standalone id",
      },
    ],
  },
});

function awsSecretVerdict(ctx: MatchContext): Verdict {
  if (!looksLikeBase64Secret(ctx.secret)) return false;
  const ids = awsKeyIdsNear(ctx, 256);
  // Without a name, only a key id next to it makes a 40-character string an AWS secret.
  if (ctx.groups.name === undefined && ids.length === 0) return false;
  // An S3 client pointed at Cloud Storage with a GOOG access id: gcp/hmac-secret reports it.
  if (ids.length === 0 && GOOG_ACCESS_ID.test(ctx.around(256))) return false;
  if (ids.includes("ASIA") && !ids.includes("AKIA")) {
    return {
      severity: "high",
      message:
        "AWS secret access key of temporary (ASIA) credentials: usable with the session token until it expires.",
    };
  }
  return true;
}

const awsSecretAccessKey = defineRule({
  id: "aws/secret-access-key",
  title: "AWS secret access key",
  description:
    "The secret half of an AWS access key signs any request the IAM identity may make: in a browser it " +
    "exposes every S3 bucket (for example a Medblocks NDJSON export destination) the identity can reach.",
  severity: "critical",
  confidence: "fuzzy",
  keywords: ["secretaccesskey", "secret_access_key", "aws_secret_key", "awssecretkey", "akia", "asia"],
  knownSamples: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  remediation: STORAGE_REMEDIATION_AWS,
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"],
  // Either under a secret-key name, or a quoted 40-character value that validate pairs with a key id.
  pattern:
    /(?:(?<name>(?:aws_?)?secret_?access_?key|aws_?secret_?key)(?:\\{0,3}["'`])?[ \t]{0,4}[:=][ \t]{0,4}(?:\\{0,3}["'`])?|\\{0,3}["'`])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
  window: { before: 256, after: 256 },
  validate: awsSecretVerdict,
  examples: {
    positive: [
      {
        text: 'const s3=new S3Client({region:"us-east-1",credentials:{accessKeyId:"AKIA5ZLQLUKLFOSPVPH5",secretAccessKey:"OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy"}});',
        secret: "OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy",
      },
      {
        text: "AWS_ACCESS_KEY_ID=AKIAARSOMXO6IJXPBBRW\nAWS_SECRET_ACCESS_KEY=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\n",
        secret: "xNaKDiJowK4j1wA2qQ4rlXFQ5o/7y9XsYjo+3X9y",
        path: ".env.production",
      },
      {
        text: "[default]\naws_access_key_id = AKIA5ZLQLUKLFOSPVPH5\naws_secret_access_key = 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\n",
        secret: "Lpkv/BNMuk74iQQWqkL5cr/16xD6XcPWbgAy7F6n",
        path: "public/aws-credentials.txt",
      },
      {
        text: 'AWS.config.credentials=new AWS.Credentials("AKIAARSOMXO6IJXPBBRW","CkK76rGHTlgtqJiDWhBXgqHT/US/AglMNAsqZfz0");',
        secret: "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",
      },
    ],
    negative: [
      {
        text: 'secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        why: "the AWS documentation sample secret",
      },
      {
        text: "credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }",
        why: "env lookups without values",
      },
      {
        text: 'secretAccessKey: "<your-secret-access-key>"',
        why: "template placeholder",
      },
      {
        text: '{"accessKeyId":"AKIA5ZLQLUKLFOSPVPH5","commit":"98ce54eadfabe50018c5ffd08cb97493887c3040"}',
        why: "a lowercase hex commit id near a key id is not a secret",
      },
      {
        text: 'new S3Client({endpoint:"https://storage.googleapis.com",credentials:{accessKeyId:"GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN",secretAccessKey:"Uf+56ghxVejcEt7k28QpsXwLUAmhj0wTy+SrVPOb"}})',
        why: "a GCS HMAC secret (GOOG access id): gcp/hmac-secret reports it",
      },
      {
        text: "AWS_SECRET_ACCESS_KEY=\n",
        why: "empty value",
        path: ".env",
      },
    ],
  },
});

const TYPE_SERVICE_ACCOUNT =
  /(?:\\{0,3}["'])?type(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["']service_account\\{0,3}["']/;
const PRIVATE_KEY_MEMBER =
  /(?:\\{0,3}["'])?private_key(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["']-----BEGIN/;

const gcpServiceAccount = defineRule({
  id: "gcp/service-account",
  title: "Google Cloud service-account key",
  description:
    "A service-account key file (type service_account with its private_key) authenticates as that service " +
    "account from anywhere: in a browser it exposes every Cloud Storage bucket and API the account may use.",
  severity: "critical",
  confidence: "exact",
  keywords: ["private_key_id"],
  remediation:
    "Delete the key in IAM → Service accounts → Keys, review its audit logs, and keep service-account " +
    "credentials on the server (or use workload identity instead of key files).",
  references: ["https://cloud.google.com/iam/docs/keys-create-delete"],
  // The key is reported by its private_key_id; private-key/pem also reports the PEM body itself.
  pattern:
    /(?:\\{0,3}["'])?private_key_id(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<secret>[0-9a-f]{40})\\{0,3}["']/,
  window: { before: 16, after: 256 },
  validate: (ctx) => {
    const object = enclosingObject(ctx);
    return TYPE_SERVICE_ACCOUNT.test(object) && PRIVATE_KEY_MEMBER.test(object);
  },
  examples: {
    positive: [
      {
        text: JSON.stringify(serviceAccountKey("6302fd41bfed0b9b0026868b760ba2d4c8dadf2d"), null, 2),
        secret: "6302fd41bfed0b9b0026868b760ba2d4c8dadf2d",
        path: "src/config/service-account.json",
      },
      {
        text: `const storage=new Storage({credentials:${minifiedObject(serviceAccountKey("182961daf5eb61958d6fa333e99477796e5097ea", "B"))}});`,
        secret: "182961daf5eb61958d6fa333e99477796e5097ea",
        path: "dist/assets/upload-3be1.js",
      },
      {
        text: `window.__ENV__={GCS_CREDENTIALS:${JSON.stringify(JSON.stringify(serviceAccountKey("98ce54eadfabe50018c5ffd08cb97493887c3040")))}};`,
        secret: "98ce54eadfabe50018c5ffd08cb97493887c3040",
        path: "public/env.js",
      },
    ],
    negative: [
      {
        text: '{\n  "type": "service_account",\n  "project_id": "my-project",\n  "private_key_id": "...",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"\n}',
        why: "documentation template",
      },
      {
        text: "GOOGLE_APPLICATION_CREDENTIALS=./secrets/service-account.json\n",
        why: "a path to the key file, not the key",
        path: ".env",
      },
      {
        text: '{"type":"authorized_user","client_id":"764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com","private_key_id":"6302fd41bfed0b9b0026868b760ba2d4c8dadf2d"}',
        why: "not a service-account key (no private_key member)",
      },
      {
        text: '{"name":"projects/clinic-portal-prod/serviceAccounts/fhir-export@clinic-portal-prod.iam.gserviceaccount.com/keys/182961daf5eb61958d6fa333e99477796e5097ea","keyType":"USER_MANAGED"}',
        why: "key metadata from the IAM API carries the id, not the key",
      },
    ],
    knownMisses: [
      {
        text: '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\n…\\n-----END PRIVATE KEY-----\\n","client_email":"x@p.iam.gserviceaccount.com"}',
        why: "a key file stripped of private_key_id is reported only by private-key/pem, not as a service account",
      },
    ],
  },
});

const gcpApiKey = defineRule({
  id: "gcp/api-key",
  title: "Google API key",
  description:
    "AIza… keys are usually public by design (Firebase web config, Maps JavaScript API) and cannot read " +
    "private Cloud Storage; listed so they can be reviewed for HTTP-referrer and API restrictions.",
  severity: "info",
  confidence: "exact",
  keywords: ["aiza"],
  publicPrefix: /^AIza/,
  remediation:
    "Make sure the key is restricted (HTTP referrers and the specific APIs it needs) in Google Cloud " +
    "console → APIs & Services → Credentials; if it is meant for a server-side API, rotate it and move it there.",
  references: ["https://cloud.google.com/docs/authentication/api-keys"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 64 },
  examples: {
    positive: [
      {
        text: 'const firebaseConfig={apiKey:"AIzaijk900KcppoJHP7o4ueXPZkGLOeJrk9ywKL",authDomain:"clinic-portal-prod.firebaseapp.com",projectId:"clinic-portal-prod"};',
        secret: "AIzaijk900KcppoJHP7o4ueXPZkGLOeJrk9ywKL",
      },
      {
        text: '<script src="https://maps.googleapis.com/maps/api/js?key=AIzafNIZbUnMGafU_VeIuE7EEI2Eu0_4IUl0AZA&libraries=places"></script>',
        secret: "AIzafNIZbUnMGafU_VeIuE7EEI2Eu0_4IUl0AZA",
        path: "public/index.html",
      },
      {
        text: "NEXT_PUBLIC_FIREBASE_API_KEY=AIzaPKIEDmaXAnTiLbbCPsS46_foqp1ytw7UZNF\n",
        secret: "AIzaPKIEDmaXAnTiLbbCPsS46_foqp1ytw7UZNF",
        path: ".env.local",
      },
    ],
    negative: [
      {
        text: 'apiKey: "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
        why: "filler placeholder",
      },
      {
        text: 'apiKey: "AIzaSy..."',
        why: "elided documentation sample",
      },
      {
        text: "const GOOGLE_KEY = /AIza[0-9A-Za-z_-]{35}/;",
        why: "a regular expression describing the shape",
      },
      {
        text: 'apiKey: "AIzaSyB-short-key"',
        why: "too short to be an API key",
      },
    ],
  },
});

const gcpHmacSecret = defineRule({
  id: "gcp/hmac-secret",
  title: "Google Cloud Storage HMAC secret",
  description:
    "The secret of a Cloud Storage HMAC key (S3-interoperable XML API), found next to its GOOG… access id: " +
    "with it anyone can read and write the buckets its service account can reach.",
  severity: "critical",
  confidence: "fuzzy",
  keywords: ["goog"],
  remediation:
    "Deactivate and delete the HMAC key in Cloud Storage → Settings → Interoperability, and give the browser " +
    "signed URLs from your backend instead of credentials.",
  references: ["https://cloud.google.com/storage/docs/authentication/hmackeys"],
  // A quoted or assigned 40-character base64 value; validate requires a GOOG access id next to it.
  pattern: /(?:\\{0,3}["'`]|[:=][ \t]{0,4})(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/,
  window: { before: 400, after: 400 },
  validate: (ctx) => looksLikeBase64Secret(ctx.secret) && GOOG_ACCESS_ID.test(ctx.around(300)),
  examples: {
    positive: [
      {
        text: 'new S3Client({endpoint:"https://storage.googleapis.com",credentials:{accessKeyId:"GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN",secretAccessKey:"Uf+56ghxVejcEt7k28QpsXwLUAmhj0wTy+SrVPOb"}})',
        secret: "Uf+56ghxVejcEt7k28QpsXwLUAmhj0wTy+SrVPOb",
      },
      {
        text: "GCS_HMAC_ACCESS_ID=GOOG1EU6P7S7J6VFMG42NHV3SAUP6Y5644WNZDZM7RKAZC5FC7CY2HVZ5B3I4\nGCS_HMAC_SECRET=FMQrYmSgdXkCizMR+vMj6XSNeUK4CtAlac9h0iYg\n",
        secret: "FMQrYmSgdXkCizMR+vMj6XSNeUK4CtAlac9h0iYg",
        path: ".env",
      },
      {
        text: '{"hmac":{"accessId":"GOOG1E33MBEPHO5RMOLQOUSD272B7KQKGGAKVOGLGEITUZBU2WYLRWQ3HMUGN","secret":"kAzqLWZFmN+q38AG+PmWR2zOG7qxtVJ8faPij+6U"},"bucket":"clinic-exports"}',
        secret: "kAzqLWZFmN+q38AG+PmWR2zOG7qxtVJ8faPij+6U",
        path: "public/storage.json",
      },
    ],
    negative: [
      {
        text: 'const accessId="GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN";',
        why: "the access id alone is not the secret",
      },
      {
        text: '{"accessId":"GOOG1EU6P7S7J6VFMG42NHV3SAUP6Y5644WNZDZM7RKAZC5FC7CY2HVZ5B3I4","secret":"<hmac-secret>"}',
        why: "template placeholder",
      },
      {
        text: '{"accessId":"GOOG1E33MBEPHO5RMOLQOUSD272B7KQKGGAKVOGLGEITUZBU2WYLRWQ3HMUGN","etag":"6302fd41bfed0b9b0026868b760ba2d4c8dadf2d"}',
        why: "a lowercase hex value near an access id is not a secret",
      },
      {
        text: 'credentials:{accessKeyId:"GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN",secretAccessKey:process.env.GCS_SECRET}',
        why: "env lookup without a value",
      },
      {
        text: 'const s3=new S3Client({region:"us-east-1",credentials:{accessKeyId:"AKIA5ZLQLUKLFOSPVPH5",secretAccessKey:"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"}});',
        why: "an AWS key pair (no GOOG access id): aws/secret-access-key reports it",
      },
    ],
  },
});

const AZURE_REMEDIATION =
  "Rotate the storage account key (Storage account → Security + networking → Access keys), then hand the " +
  "browser short-lived, least-privilege SAS URLs minted by your backend.";

const azureConnectionString = defineRule({
  id: "azure/storage-connection-string",
  title: "Azure Storage connection string with account key",
  description:
    "A connection string carrying AccountKey= grants full control of the storage account (every container, " +
    "including a Medblocks export destination) to anyone who reads the bundle.",
  severity: "critical",
  confidence: "exact",
  keywords: ["accountkey"],
  knownSamples: [AZURITE_ACCOUNT_KEY],
  remediation: AZURE_REMEDIATION,
  references: ["https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string"],
  pattern: /(?<![A-Za-z])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/,
  window: { before: 16, after: 128 },
  validate: (ctx) => /DefaultEndpointsProtocol=|AccountName=/.test(ctx.around(1024)),
  examples: {
    positive: [
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=mbexports;AccountKey=DE3Q8VJP0uAZ0nkj93IvmuAcY00WCfBx7KIFFzJn8uuvY7a0Es2VzB2EnEGZkctco2ouISGqWxxHjLwmv6J8C3==;EndpointSuffix=core.windows.net"\n',
        secret: "DE3Q8VJP0uAZ0nkj93IvmuAcY00WCfBx7KIFFzJn8uuvY7a0Es2VzB2EnEGZkctco2ouISGqWxxHjLwmv6J8C3==",
        path: ".env",
      },
      {
        text: 'const svc=BlobServiceClient.fromConnectionString("DefaultEndpointsProtocol=https;AccountName=clinicdata01;AccountKey=ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==;EndpointSuffix=core.windows.net");',
        secret: "ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==",
      },
      {
        text: '{\n  "Storage": {\n    "ConnectionString": "DefaultEndpointsProtocol=https;AccountName=fhirexport;AccountKey=kl4ii9m8NHsfA+FlC9MZVtojp7L/mmXxtUE7FBer+od2Iq5XgL3Yt4a1L6xaWmoZWr5OG+5JlibWM257IhxXi6==;BlobEndpoint=https://fhirexport.blob.core.windows.net/;"\n  }\n}',
        secret: "kl4ii9m8NHsfA+FlC9MZVtojp7L/mmXxtUE7FBer+od2Iq5XgL3Yt4a1L6xaWmoZWr5OG+5JlibWM257IhxXi6==",
        path: "public/appsettings.json",
      },
    ],
    negative: [
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"',
        why: "the Azurite emulator's well-known key",
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="UseDevelopmentStorage=true"',
        why: "emulator shortcut, no key",
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net"',
        why: "template placeholder",
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="BlobEndpoint=https://mbexports.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=PKlpXG6ZqBJmF%2BnZB09UeiaLBHLEArtbVl62q%2BjqX6c%3D"',
        why: "a SAS connection string has no AccountKey (azure/sas-token reports it)",
      },
      {
        text: 'const cred=new StorageSharedKeyCredential("mbexports","LchWyhMeBMhzsrzkOcumyGwSrTs7OnJr/8v095bhMzfW4rHB0vGvOcDc6LIh6ovxlaCXurG+UpJFt+PRMxbDIP==");',
        why: "an account key outside a connection string: azure/storage-account-key reports it",
      },
    ],
  },
});

const azureAccountKey = defineRule({
  id: "azure/storage-account-key",
  title: "Azure Storage account key",
  description:
    "An 88-character storage account key under a name such as AZURE_STORAGE_KEY or accountKey, or passed to " +
    "StorageSharedKeyCredential: full control of the storage account from any browser that loads it.",
  severity: "critical",
  confidence: "fuzzy",
  keywords: ["accountkey", "account_key", "storage_key", "storagekey", "storagesharedkeycredential"],
  knownSamples: [AZURITE_ACCOUNT_KEY],
  remediation: AZURE_REMEDIATION,
  references: ["https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage"],
  pattern:
    /(?:(?<![A-Za-z0-9;$])(?<name>(?:AZURE_)?STORAGE_(?:ACCOUNT_)?(?:ACCESS_)?KEY|ACCOUNT_KEY|account_key|(?:azure|azureStorage|storage)?[Aa]ccountKey|(?:azure)?[Ss]torageKey)(?:\\{0,3}["'`])?[ \t]{0,4}[:=][ \t]{0,4}(?:\\{0,3}["'`])?|StorageSharedKeyCredential\([ \t]{0,4}\\{0,3}["'`][a-z0-9]{3,24}\\{0,3}["'`][ \t]{0,4},[ \t]{0,4}\\{0,3}["'`])(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/,
  window: { before: 64, after: 256 },
  // `AccountKey=` inside a connection string is azure/storage-connection-string's finding.
  validate: (ctx) => !ctx.text.startsWith("AccountKey=", ctx.index),
  examples: {
    positive: [
      {
        text: 'const cred=new StorageSharedKeyCredential("mbexports","LchWyhMeBMhzsrzkOcumyGwSrTs7OnJr/8v095bhMzfW4rHB0vGvOcDc6LIh6ovxlaCXurG+UpJFt+PRMxbDIP==");',
        secret: "LchWyhMeBMhzsrzkOcumyGwSrTs7OnJr/8v095bhMzfW4rHB0vGvOcDc6LIh6ovxlaCXurG+UpJFt+PRMxbDIP==",
      },
      {
        text: "VITE_AZURE_STORAGE_KEY=gqmJriwFU2fDSJf7eR68WA0HG8F7HW2O8wRXZL/P3L08aG028QwQGBi3Zmda04C542kacRMlzYky1H/rKcLbM/==\n",
        secret: "gqmJriwFU2fDSJf7eR68WA0HG8F7HW2O8wRXZL/P3L08aG028QwQGBi3Zmda04C542kacRMlzYky1H/rKcLbM/==",
        path: ".env",
      },
      {
        text: 'const blob={accountName:"clinicdata01",accountKey:"ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==",container:"exports"};',
        secret: "ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==",
      },
    ],
    negative: [
      {
        text: 'const blob={accountName:"devstoreaccount1",accountKey:"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="};',
        why: "the Azurite emulator's well-known key",
      },
      {
        text: "const blob={accountName:process.env.AZURE_STORAGE_ACCOUNT,accountKey:process.env.AZURE_STORAGE_KEY};",
        why: "env lookups without values",
      },
      {
        text: 'accountKey: "<storage-account-key>"',
        why: "template placeholder",
      },
      {
        text: 'const svc=BlobServiceClient.fromConnectionString("DefaultEndpointsProtocol=https;AccountName=clinicdata01;AccountKey=ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==;EndpointSuffix=core.windows.net");',
        why: "inside a connection string: azure/storage-connection-string reports it",
      },
    ],
  },
});

const DAY_MS = 24 * 60 * 60 * 1000;

function parseSasDate(value: string | undefined): number {
  if (value === undefined) return Number.NaN;
  try {
    return Date.parse(decodeURIComponent(value));
  } catch {
    return Number.NaN;
  }
}

function sasVerdict(ctx: MatchContext): Verdict {
  const params = parseQuery(ctx.groups.params ?? "");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(params.get("sv") ?? "")) return false;
  const sp = params.get("sp");
  const se = params.get("se");
  if (sp === undefined && se === undefined) return false;
  const reasons: string[] = [];
  if (sp === undefined) reasons.push("permissions come from a stored access policy (unknown)");
  else if (/[wdca]/.test(sp)) reasons.push(`it can write or delete (sp=${sp})`);
  const expiry = parseSasDate(se);
  const start = params.has("st") ? parseSasDate(params.get("st")) : Date.now();
  if (!Number.isNaN(expiry) && !Number.isNaN(start) && expiry - start > 30 * DAY_MS) {
    reasons.push(`it is valid for more than 30 days (se=${se})`);
  }
  if (reasons.length > 0) return { message: `Azure SAS token: ${reasons.join("; ")}.` };
  return {
    severity: "medium",
    message:
      "Read-only, short-lived Azure SAS token: possibly an intentional download link; check what it exposes.",
  };
}

const azureSasToken = defineRule({
  id: "azure/sas-token",
  title: "Azure shared access signature (SAS)",
  description:
    "A SAS query string (sv=…&sig=…) is a bearer credential for Azure Storage: until it expires, anyone with " +
    "the URL has its permissions. Write/delete or long-lived SAS tokens do not belong in a browser bundle.",
  severity: "high",
  confidence: "exact",
  keywords: ["sig="],
  remediation:
    "Revoke the SAS (rotate the key it was signed with, or delete its stored access policy) and mint " +
    "short-lived, read-only SAS URLs per request on your backend.",
  references: ["https://learn.microsoft.com/rest/api/storageservices/create-account-sas"],
  // The parameters before sig= (sig comes last in SAS tokens the SDKs and the portal produce); validate
  // requires sv= among them. They are read backwards from each sig= (a lookbehind behind a `(?=sig=)`
  // gate), not tried forwards from every position: a flood of `a=;a=;…&` made each position cost up to
  // 16 × 100 steps, 3–4 s per MB (#14 case 22).
  pattern:
    /(?=sig=)(?<=(?<![A-Za-z0-9_%.-])(?<params>(?:[a-z]{1,6}=[^&\s"'<>`#\\]{0,100}&(?:amp;)?){2,16}))sig=(?<secret>[A-Za-z0-9%+/=]{20,120})(?![A-Za-z0-9%+/=])/,
  window: { before: 1800, after: 160 },
  validate: sasVerdict,
  examples: {
    positive: [
      {
        text: 'const c=new BlobServiceClient("https://mbexports.blob.core.windows.net?sv=2022-11-02&ss=b&srt=sco&sp=rwdlacupiytfx&se=2026-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=IO2tVev1fmKVtNFnprk%2B3fjmZxZr0LKdFHTvEAkwLrY%3D");',
        secret: "IO2tVev1fmKVtNFnprk%2B3fjmZxZr0LKdFHTvEAkwLrY%3D",
      },
      {
        text: 'fetch("https://clinicdata01.blob.core.windows.net/exports/patients.ndjson?sp=r&st=2025-03-01T09:00:00Z&se=2025-03-01T17:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=r3wcHsMKk7pVnIMPkwqKCJZbUQTuJ8GsSZy38%2F708No%3D")',
        secret: "r3wcHsMKk7pVnIMPkwqKCJZbUQTuJ8GsSZy38%2F708No%3D",
      },
      {
        text: "VITE_AZURE_STORAGE_SAS_TOKEN=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2099-01-01T00:00:00Z&spr=https&sig=GVtuIDmjXjPJTO7jjvf%2BDIFPPsQHctzS4UU3cRWXb7Z%3D\n",
        secret: "GVtuIDmjXjPJTO7jjvf%2BDIFPPsQHctzS4UU3cRWXb7Z%3D",
        path: ".env",
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="BlobEndpoint=https://mbexports.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=PKlpXG6ZqBJmF%2BnZB09UeiaLBHLEArtbVl62q%2BjqX6c%3D"',
        secret: "PKlpXG6ZqBJmF%2BnZB09UeiaLBHLEArtbVl62q%2BjqX6c%3D",
        path: ".env",
      },
    ],
    negative: [
      {
        text: "const url = `${base}?sv=2022-11-02&sp=r&se=2025-01-01&sig=<signature>`;",
        why: "template placeholder",
      },
      {
        text: 'fetch("https://hooks.partner.io/notify?v=2&ts=1745580000&sig=6302fd41bfed0b9b0026868b760ba2d4c8dadf2d")',
        why: "a sig= parameter without sv= is not an Azure SAS",
      },
      {
        text: "const sas = `sv=${sv}&ss=b&sp=${perms}&se=${expiry}&sig=${sig}`;",
        why: "a template that builds a SAS",
      },
      {
        text: "https://clinic-exports.s3.amazonaws.com/a.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA5ZLQLUKLFOSPVPH5%2F20250301%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250301T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=182961daf5eb61958d6fa333e99477796e5097ea98ce54eadfabe50018c5ffd0",
        why: "an S3 presigned URL is not an Azure SAS",
      },
      {
        text: "?sv=2022-11-02&ss=b&srt=o&sp=r&se=2025-01-01&sig=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        why: "filler placeholder",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  gcpServiceAccount,
  gcpApiKey,
  gcpHmacSecret,
  azureConnectionString,
  azureAccountKey,
  azureSasToken,
];
export default rules;
