// Vendor token formats (Stripe, OpenAI, GitHub, Slack, …) drawn from the seeded generator in
// fake-secrets.mjs: right prefix, length and alphabet, random body, never issued by anyone. The rule
// examples in rules/*.ts and the fixtures in fixtures/vendors/ come from here.
import { createFaker } from "./fake-secrets.mjs";

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URLSAFE = `${BASE62}_-`;
const HEX = "0123456789abcdef";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const DIGITS = "0123456789";

export function createVendorFaker(seed = 1) {
  const base = createFaker(seed);
  const { pick } = base;
  const uuid = () => `${pick(HEX, 8)}-${pick(HEX, 4)}-4${pick(HEX, 3)}-a${pick(HEX, 3)}-${pick(HEX, 12)}`;
  const b64url = (n) => pick(URLSAFE, n);
  return {
    ...base,
    uuid,
    stripeKey: (kind = "sk", mode = "live") => `${kind}_${mode}_51${pick(BASE62, 97)}`,
    stripeLegacyKey: (kind = "sk", mode = "live") => `${kind}_${mode}_${pick(BASE62, 24)}`,
    openaiProjectKey: (kind = "proj") => `sk-${kind}-${b64url(74)}T3BlbkFJ${b64url(74)}`,
    openaiLegacyKey: () => `sk-${pick(BASE62, 20)}T3BlbkFJ${pick(BASE62, 20)}`,
    anthropicKey: (kind = "api03") => `sk-ant-${kind}-${b64url(93)}AA`,
    githubToken: (prefix = "ghp") => `${prefix}_${pick(BASE62, 36)}`,
    githubFineGrained: () => `github_pat_11${pick(UPPER_ALNUM, 20)}_${pick(BASE62, 59)}`,
    gitlabToken: () => `glpat-${b64url(20)}`,
    slackToken: (prefix = "xoxb") =>
      prefix === "xoxp"
        ? `xoxp-${pick(DIGITS, 12)}-${pick(DIGITS, 12)}-${pick(DIGITS, 13)}-${pick(HEX, 32)}`
        : `${prefix}-${pick(DIGITS, 12)}-${pick(DIGITS, 13)}-${pick(BASE62, 24)}`,
    slackAppToken: () => `xapp-1-A${pick(UPPER_ALNUM, 10)}-${pick(DIGITS, 13)}-${pick(HEX, 64)}`,
    slackWebhook: () =>
      `https://hooks.slack.com/services/T${pick(UPPER_ALNUM, 10)}/B${pick(UPPER_ALNUM, 10)}/${pick(BASE62, 24)}`,
    discordWebhook: () =>
      `https://discord.com/api/webhooks/${pick("123456789", 1)}${pick(DIGITS, 18)}/${b64url(68)}`,
    sendgridKey: () => `SG.${b64url(22)}.${b64url(43)}`,
    mailgunKey: () => `key-${pick(HEX, 32)}`,
    mailgunNewKey: () => `${pick(HEX, 32)}-${pick(HEX, 8)}-${pick(HEX, 8)}`,
    twilioKeySid: () => `SK${pick(HEX, 32)}`,
    twilioSecret: () => pick(BASE62, 32),
    googleOauthSecret: () => `GOCSPX-${b64url(28)}`,
    azureAdSecret: () => `${pick(`${BASE62}_~.`, 3)}8Q~${pick(`${BASE62}_~.-`, 34)}`,
    azureAppConfigSecret: () => `${pick(`${BASE62}+/`, 43)}=`,
    shopifyToken: (prefix = "shpat") => `${prefix}_${pick(HEX, 32)}`,
    npmToken: () => `npm_${pick(BASE62, 36)}`,
    mapboxToken: (kind = "sk") =>
      `${kind}.eyJ1Ijoi${pick(BASE62, 12)}IiwiYSI6I${pick(BASE62, 28)}In0.${b64url(22)}`,
  };
}
