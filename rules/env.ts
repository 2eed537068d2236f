// The public-prefix policy for .env files (credentials.md §0.1). Example secrets: scripts/fake-secrets.mjs,
// createFaker(404) — generated, never issued by anyone.
import {
  defineRule,
  isSecretLookingName,
  type MatchContext,
  publicFrameworkOf,
  type Verdict,
} from "../src/rule-kit/index.js";

/** Values whose exposure is critical on their own: a live Medblocks key, a private key. */
const CRITICAL_VALUE = /^(?:mb_sk_live_[A-Za-z0-9]{8}|-----BEGIN (?:[A-Z]{1,20} )?PRIVATE KEY-----)/;

/**
 * Only the dotenv extractor's `KEY=value` fragments carry the key as their key path; the raw text of the
 * file does not, so a match there (which could run across lines) is never trusted.
 */
function publicSecretVerdict(ctx: MatchContext): Verdict {
  const name = ctx.groups.name;
  if (!name || ctx.keyPath !== name) return false;
  const framework = publicFrameworkOf(name, ctx.publicEnv);
  if (!framework) return false;
  // A name next.config lists under `env` is published whole; a prefixed name by what follows the prefix.
  const meaningful = framework.exact ? name : name.slice(framework.prefix.length);
  if (!isSecretLookingName(meaningful) && !CRITICAL_VALUE.test(ctx.secret)) return false;
  return {
    ...(CRITICAL_VALUE.test(ctx.secret) ? { severity: "critical" as const } : {}),
    message: `${name} is public: ${framework.name} ${framework.mechanism}`,
    notes: [
      `${framework.name} ${framework.mechanism}; a secret behind ${framework.prefix} ships to every visitor.`,
    ],
  };
}

const publicPrefixSecret = defineRule({
  id: "env/public-prefix-secret",
  title: "Secret behind a public env prefix",
  description:
    "Bundlers copy every variable with a public prefix (VITE_, NEXT_PUBLIC_, REACT_APP_, EXPO_PUBLIC_, …) into " +
    "the JavaScript they ship: a secret-looking name or a credential value behind such a prefix is published " +
    "to every visitor at the next build.",
  severity: "high",
  confidence: "fuzzy",
  // Every assignment: the published prefixes are the project's (a custom Vite envPrefix, names from
  // next.config's env), unknown until the scan; limited to .env files, the keyword costs nothing elsewhere.
  keywords: ["="],
  fileKinds: ["env"],
  remediation:
    "Rename the variable without the public prefix, read it only in server code, and rotate the value: a " +
    "build that already ran has published it.",
  pattern: /^(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,200})=(?<secret>[\s\S]{1,8192})$/,
  // The name precedes the keyword: the window reaches back over the longest name the pattern accepts.
  window: { before: 202, after: 8500 },
  validate: publicSecretVerdict,
  examples: {
    positive: [
      {
        text: "VITE_MEDBLOCKS_API_KEY=mb_sk_live_V3JJemsVQR7ByRbvtgotXcjTRd3uGxPY\n",
        secret: "mb_sk_live_V3JJemsVQR7ByRbvtgotXcjTRd3uGxPY",
        path: ".env",
      },
      {
        text: '# OAuth app\nexport NEXT_PUBLIC_EPIC_CLIENT_SECRET="GFAg4f8ZQlzryJBiblOx1urQm9gKc~s5zC84saeE" # oops\n',
        secret: "GFAg4f8ZQlzryJBiblOx1urQm9gKc~s5zC84saeE",
        path: ".env.production",
      },
      {
        text: "REACT_APP_AWS_SECRET_ACCESS_KEY='qnnVJHlg/14z+zXwXA68p70bXrmo6tcfldfTSb3n'\n",
        secret: "qnnVJHlg/14z+zXwXA68p70bXrmo6tcfldfTSb3n",
        path: ".env.local",
      },
      {
        text: "EXPO_PUBLIC_CONFIG=mb_sk_live_yNXdE9HNWeItubgTMexWwkT9qi5VC8zI\n",
        secret: "mb_sk_live_yNXdE9HNWeItubgTMexWwkT9qi5VC8zI",
        path: "app/.env",
      },
    ],
    negative: [
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_live_V3JJemsVQR7ByRbvtgotXcjTRd3uGxPY\n",
        why: "no public prefix: server configuration (the value rules still report the key itself)",
        path: ".env",
      },
      {
        text: "VITE_MEDBLOCKS_BASE_URL=https://app.medblocks.com\nVITE_EPIC_CLIENT_ID=0f6c1a8e-5b1d-4c7e-9a55-3d2f1e0b7c44\n",
        why: "public prefix, but URLs and OAuth client ids are public by design",
        path: ".env",
      },
      {
        text: "VITE_DB_PASSWORD=<your password here>\n",
        why: "a placeholder, not a value",
        path: ".env.example",
      },
      {
        text: "const key = 'VITE_MEDBLOCKS_API_KEY=zY3vjsjL3VUAcI5I8hWw';\n",
        why: "not an env file: JavaScript is judged by the JavaScript rules",
        path: "src/config.ts",
      },
    ],
  },
});

export default [publicPrefixSecret];
