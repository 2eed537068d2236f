// biome-ignore-all lint/suspicious/noTemplateCurlyInString: example texts quote JavaScript that interpolates at runtime.
// Chat credentials that leak from frontends ("contact us" forms posting to a channel, error reporters,
// admin dashboards): Slack bot, user and app tokens, Slack and Discord incoming-webhook URLs.
// Example secrets: scripts/fake-vendor-secrets.mjs, createVendorFaker(707): generated, never issued.
import { defineRule, type PatternRule } from "../src/rule-kit/index.js";

/** The bot token printed in Slack's API documentation. */
const SLACK_DOC_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

const SLACK_REMEDIATION =
  "Revoke the token (api.slack.com/apps → your app → OAuth & Permissions → Revoke, or rotate it there), " +
  "review the workspace's access logs, and call the Slack API from your backend.";

const slackToken = defineRule({
  id: "slack/token",
  title: "Slack API token",
  description:
    "A Slack bot (xoxb-), user (xoxp-), app-level (xapp-) or legacy token. A bot token reads and posts in " +
    "every channel it was added to; a user token acts as the person, private messages included.",
  severity: "high",
  confidence: "exact",
  keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe", "xapp-"],
  publicPrefix: /^(?:xoxe\.)?(?:xox[bpaers]|xapp)-/,
  knownSamples: [SLACK_DOC_TOKEN],
  remediation: SLACK_REMEDIATION,
  references: ["https://api.slack.com/concepts/token-types"],
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>(?:xoxe\.)?xox(?<kind>[bpaers])-(?:(?:[0-9]{6,15}-){1,3}[A-Za-z0-9]{20,64}|1-[A-Za-z0-9-]{60,300})|xapp-\d-[A-Z0-9]{8,16}-[0-9]{6,16}-[a-f0-9]{32,80})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 400 },
  validate: (ctx) =>
    ctx.groups.kind === "p"
      ? {
          severity: "critical",
          message:
            "Slack user token: it acts as the person who installed the app, private channels and DMs included.",
        }
      : true,
  examples: {
    positive: [
      {
        text: 'const slack = new WebClient("xoxb-853590851461-9956764432087-VMQni6Pznfei1hO39SWToJwX");',
        secret: "xoxb-853590851461-9956764432087-VMQni6Pznfei1hO39SWToJwX",
        path: "src/support/notify.ts",
      },
      {
        text: 'fetch("https://slack.com/api/chat.postMessage",{method:"POST",headers:{Authorization:"Bearer xoxp-457674368278-019060305022-5844155040313-5470982b92ea2053460be21878122a1b"},body:t})',
        secret: "xoxp-457674368278-019060305022-5844155040313-5470982b92ea2053460be21878122a1b",
        path: "dist/assets/feedback-0a9e.js",
      },
      {
        text: "SLACK_APP_TOKEN=xapp-1-ASFVM0SB3CE-9155026785315-79f3f0fcbd6bfa751c8d1474d42218c11fa51ae05d5a517aa94b1ed04d932d03\n",
        secret:
          "xapp-1-ASFVM0SB3CE-9155026785315-79f3f0fcbd6bfa751c8d1474d42218c11fa51ae05d5a517aa94b1ed04d932d03",
        path: ".env",
      },
    ],
    negative: [
      {
        text: 'const slack = new WebClient("xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy");',
        why: "the bot token printed in Slack's API documentation",
      },
      { text: 'SLACK_BOT_TOKEN="xoxb-your-token"', why: "template placeholder" },
      { text: "SLACK_BOT_TOKEN=xoxb-...", why: "documentation placeholder" },
      {
        text: "SLACK_BOT_TOKEN=xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx",
        why: "filler placeholder",
      },
      {
        text: "const slack = new WebClient(import.meta.env.VITE_SLACK_TOKEN);",
        why: "env lookup without a value (env/secret-name-in-client judges the name)",
      },
    ],
  },
});

const slackWebhook = defineRule({
  id: "slack/webhook-url",
  title: "Slack incoming-webhook URL",
  description:
    "An incoming-webhook URL posts into one channel without any other credential: from a bundle anyone can " +
    "post there, phishing links and fake alerts included.",
  severity: "medium",
  confidence: "exact",
  keywords: ["hooks.slack.com"],
  publicPrefix: /^https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\//,
  remediation:
    "Remove the webhook (api.slack.com/apps → your app → Incoming Webhooks, or the workflow's trigger) and " +
    "create a new one that only your backend knows; the browser posts to your backend.",
  references: ["https://api.slack.com/messaging/webhooks"],
  pattern:
    /(?<secret>https:\/\/hooks\.slack\.com\/(?:services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,40}|workflows\/T[A-Z0-9]{8,12}\/A[A-Z0-9]{8,12}\/[0-9]{6,20}\/[A-Za-z0-9]{20,40}|triggers\/T[A-Z0-9]{8,12}\/[0-9]{6,20}\/[a-f0-9]{32}))(?![A-Za-z0-9])/,
  window: { before: 16, after: 176 },
  examples: {
    positive: [
      {
        text: 'await fetch("https://hooks.slack.com/services/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", { method: "POST", body: JSON.stringify({ text }) });',
        secret: "https://hooks.slack.com/services/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",
        path: "src/components/ContactForm.tsx",
      },
      {
        text: "VITE_SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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\n",
        secret: "https://hooks.slack.com/services/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",
        path: ".env",
      },
      {
        text: 'var o={alerts:"https://hooks.slack.com/workflows/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"};',
        secret:
          "https://hooks.slack.com/workflows/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",
        path: "dist/assets/index-3c2b.js",
      },
    ],
    negative: [
      {
        text: "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        why: "the placeholder URL from Slack's documentation",
      },
      {
        text: "const url = `https://hooks.slack.com/services/${team}/${bot}/${secret}`;",
        why: "assembled at runtime from variables",
      },
      {
        text: 'const docs = "https://api.slack.com/messaging/webhooks";',
        why: "a documentation link, not a webhook",
      },
      {
        text: 'const base = "https://hooks.slack.com/services/";',
        why: "the host and path without a webhook",
      },
    ],
  },
});

const discordWebhook = defineRule({
  id: "discord/webhook-url",
  title: "Discord webhook URL",
  description:
    "A Discord webhook URL (id and token) posts into a channel as the webhook, and can rename or delete it: " +
    "from a bundle anyone can spam the channel or impersonate your announcements.",
  severity: "medium",
  confidence: "exact",
  keywords: ["/api/webhooks/"],
  publicPrefix: /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\//,
  remediation:
    "Delete the webhook (channel → Edit Channel → Integrations → Webhooks) and create a new one that only your " +
    "backend knows; the browser posts to your backend.",
  references: ["https://discord.com/developers/docs/resources/webhook"],
  pattern:
    /(?<secret>https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,72})(?![A-Za-z0-9_-])/,
  window: { before: 40, after: 128 },
  examples: {
    positive: [
      {
        text: 'fetch("https://discord.com/api/webhooks/7402840410083798077/wDdT5Pd7llaKaUuqPh8RzCfYUSO_FE4jjs4OUIbpN9VR5D_j-JqsEuHUU9LfzK_GCQMg",{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify({content:e})})',
        secret:
          "https://discord.com/api/webhooks/7402840410083798077/wDdT5Pd7llaKaUuqPh8RzCfYUSO_FE4jjs4OUIbpN9VR5D_j-JqsEuHUU9LfzK_GCQMg",
        path: "dist/assets/feedback-7d1c.js",
      },
      {
        text: "NEXT_PUBLIC_DISCORD_WEBHOOK=https://discordapp.com/api/webhooks/5593641466181301297/6EEuSI_eH8_tE2_sDX5-CSym0bCYAgmQCNjBM_EB1dsY4z5w4sjFnR-X4Zq21Gwgp9I-\n",
        secret:
          "https://discordapp.com/api/webhooks/5593641466181301297/6EEuSI_eH8_tE2_sDX5-CSym0bCYAgmQCNjBM_EB1dsY4z5w4sjFnR-X4Zq21Gwgp9I-",
        path: ".env.local",
      },
      {
        text: 'export const ALERTS = "https://canary.discord.com/api/webhooks/9259787476111067203/YPE9ViyOmFvxcw5dQmIuzTIfRt9r0TieSiOILv23DFKGsdiJBgpWqS1vqb045OA8k9xf";',
        secret:
          "https://canary.discord.com/api/webhooks/9259787476111067203/YPE9ViyOmFvxcw5dQmIuzTIfRt9r0TieSiOILv23DFKGsdiJBgpWqS1vqb045OA8k9xf",
      },
    ],
    negative: [
      {
        text: 'const url = "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}";',
        why: "the URL template from Discord's documentation",
      },
      {
        text: 'const invite = "https://discord.gg/northwind";',
        why: "an invite link is public",
      },
      {
        text: "const hook = `https://discord.com/api/webhooks/${id}/${token}`;",
        why: "assembled at runtime from variables",
      },
      {
        text: 'fetch("https://api.github.com/repos/northwind/portal/hooks/123456789012345678/pings")',
        why: "another service's webhook API path",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [slackToken, slackWebhook, discordWebhook];
export default rules;
