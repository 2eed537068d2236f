// Mail and SMS credentials that leak from frontends ("contact us" forms that send mail straight from the
// browser, OTP screens that call Twilio): SendGrid, Mailgun, Postmark, Twilio. SendGrid's format is exact;
// the others are hex, UUIDs or base62 and need the vendor named next to them.
// Example secrets: scripts/fake-vendor-secrets.mjs, createVendorFaker(808): generated, never issued.
import {
  defineRule,
  hasCharacterClasses,
  type MatchContext,
  type PatternRule,
  type Verdict,
} from "../src/rule-kit/index.js";

const sendgridKey = defineRule({
  id: "sendgrid/api-key",
  title: "SendGrid API key",
  description:
    "A SendGrid key (SG.<id>.<secret>) sends mail as your verified domains: from a bundle anyone can send " +
    "phishing that passes SPF and DKIM, and with full access read contacts and change settings.",
  severity: "high",
  confidence: "exact",
  keywords: ["sg."],
  publicPrefix: /^SG\./,
  remediation:
    "Delete the key in SendGrid (Settings → API Keys), check Activity for mail you did not send, and send " +
    "mail from your backend with a key restricted to Mail Send.",
  references: ["https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 80 },
  minEntropy: 3.5,
  examples: {
    positive: [
      {
        text: 'sgMail.setApiKey("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");',
        secret: "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",
        path: "src/contact/send.ts",
      },
      {
        text: "REACT_APP_SENDGRID_API_KEY=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\n",
        secret: "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",
        path: ".env",
      },
      {
        text: 'fetch("https://api.sendgrid.com/v3/mail/send",{method:"POST",headers:{Authorization:"Bearer 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"},body:n})',
        secret: "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",
        path: "dist/assets/contact-4e1f.js",
      },
    ],
    negative: [
      {
        text: 'SENDGRID_API_KEY="SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        why: "filler",
      },
      { text: "SENDGRID_API_KEY=SG.your_api_key_here", why: "template placeholder" },
      { text: "const msg = { to, from, subject: 'SG.Welcome' };", why: "an SG. word, not the key format" },
      { text: "sgMail.setApiKey(process.env.SENDGRID_API_KEY);", why: "env lookup without a value" },
    ],
  },
});

/** Mailgun named in the value's surroundings or in the name it sits under. */
function namesMailgun(ctx: MatchContext): boolean {
  return /mailgun/i.test(`${ctx.keyPath ?? ""}\n${ctx.around(300)}`);
}

const mailgunKey = defineRule({
  id: "mailgun/api-key",
  title: "Mailgun API key",
  description:
    "A Mailgun private API key (key-… or the newer <32 hex>-<8 hex>-<8 hex>) sends mail as your domains and " +
    "reads logs, routes and mailing lists. The formats are plain hex, so Mailgun must be named nearby.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["mailgun"],
  publicPrefix: /^key-/,
  remediation:
    "Delete the key in Mailgun (API Security → API keys), check the sending logs, and send mail from your " +
    "backend with a domain sending key.",
  references: ["https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/"],
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9_-])/,
  window: { before: 300, after: 300 },
  validate: namesMailgun,
  examples: {
    positive: [
      {
        text: 'const mg = mailgun.client({ username: "api", key: "key-3e3e3ac13258b9d6d71f2f2d9b131a50" });',
        secret: "key-3e3e3ac13258b9d6d71f2f2d9b131a50",
      },
      {
        text: "VITE_MAILGUN_API_KEY=ed6009e3fa3bfec215c67933b148819d-7146fec2-843a8fd0\n",
        secret: "ed6009e3fa3bfec215c67933b148819d-7146fec2-843a8fd0",
        path: ".env",
      },
      {
        text: 'fetch("https://api.mailgun.net/v3/mg.northwind-clinic.org/messages",{method:"POST",headers:{Authorization:"Basic "+btoa("api:key-8ec20d84cd44391d4c1895311342459e")},body:f})',
        secret: "key-8ec20d84cd44391d4c1895311342459e",
        path: "dist/assets/contact-9a0b.js",
      },
    ],
    negative: [
      {
        text: '<li class="key-3e3e3ac13258b9d6d71f2f2d9b131a50">',
        why: "a hashed React/CSS key with no Mailgun nearby",
      },
      { text: 'MAILGUN_API_KEY="key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', why: "filler placeholder" },
      {
        text: "MAILGUN_PUBLIC_KEY=pubkey-3e3e3ac13258b9d6d71f2f2d9b131a50",
        why: "the public validation key (pubkey-) is meant for browsers",
      },
      {
        text: "const mg = mailgun.client({ username: 'api', key: process.env.MAILGUN_KEY });",
        why: "env lookup",
      },
    ],
  },
});

const postmarkToken = defineRule({
  id: "postmark/server-token",
  title: "Postmark server or account token",
  description:
    "A Postmark server token (X-Postmark-Server-Token) sends mail as your sender signatures; an account " +
    "token manages servers and domains. Both are UUIDs, so the rule reads them under a Postmark name.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["postmark"],
  remediation:
    "Regenerate the token in Postmark (the server's API Tokens tab, or Account → API Tokens), and send mail " +
    "from your backend.",
  references: ["https://postmarkapp.com/developer/api/overview#authentication"],
  pattern:
    /(?<name>X-Postmark-(?:Server|Account)-Token|POSTMARK_[A-Z_]{0,30}(?:TOKEN|KEY)|postmark(?:Server|Account|Api)?(?:Token|Key)|(?:postmark\.)?(?:Server|Account)Client\()(?:\\{0,3}["'`])?[ \t]{0,4}[:=]?[ \t]{0,4}(?:\\{0,3}["'`])?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9-])/i,
  window: { before: 64, after: 128 },
  validate: (ctx) =>
    /ServerClient|AccountClient/.test(ctx.groups.name ?? "") ? /postmark/i.test(ctx.around(400)) : true,
  examples: {
    positive: [
      {
        text: 'const client = new postmark.ServerClient("480150e1-8055-4c75-aa72-36757fdc3ac4");',
        secret: "480150e1-8055-4c75-aa72-36757fdc3ac4",
      },
      {
        text: 'fetch("https://api.postmarkapp.com/email",{method:"POST",headers:{Accept:"application/json","X-Postmark-Server-Token":"7dafe530-3f72-47dd-ac73-0abee31ce5c7"},body:b})',
        secret: "7dafe530-3f72-47dd-ac73-0abee31ce5c7",
        path: "dist/assets/mail-61c0.js",
      },
      {
        text: "VITE_POSTMARK_SERVER_TOKEN=fe9fcdaa-3a4f-4dd1-a505-229ed07ea77c\n",
        secret: "fe9fcdaa-3a4f-4dd1-a505-229ed07ea77c",
        path: ".env",
      },
    ],
    negative: [
      {
        text: '{"To":"a@b.org","SubmittedAt":"2025-03-01T10:00:00Z","MessageID":"a568bd90-ff07-4919-a945-161d235bc7ab","ErrorCode":0,"Message":"OK"} // postmark response',
        why: "a message id in a Postmark response is not a token",
      },
      {
        text: 'headers: { "X-Postmark-Server-Token": "POSTMARK_API_TEST" }',
        why: "Postmark's documented test token sends nothing",
      },
      {
        text: 'const client = new ServerClient("a568bd90-ff07-4919-a945-161d235bc7ab"); // ws',
        why: "a ServerClient with no Postmark named nearby belongs to another SDK",
      },
      {
        text: 'headers: { "X-Postmark-Server-Token": process.env.POSTMARK_TOKEN }',
        why: "env lookup without a value",
      },
    ],
  },
});

const TWILIO_API_KEY_SID = /\bSK[0-9a-f]{32}\b/;
const TWILIO_ACCOUNT_SID = /\bAC[0-9a-f]{32}\b/;

function twilioVerdict(ctx: MatchContext): Verdict {
  const near = `${ctx.keyPath ?? ""}\n${ctx.around(300)}`;
  if (!/twilio/i.test(near)) return false;
  if (/^[0-9a-f]{32}$/.test(ctx.secret)) {
    if (!TWILIO_ACCOUNT_SID.test(near) && !/auth_?token/i.test(near)) return false;
    return {
      severity: "critical",
      title: "Twilio auth token",
      message: "Twilio account auth token: it acts as the whole account (calls, SMS, numbers, sub-accounts).",
    };
  }
  // An API key secret is base62 and travels with its SK… key SID.
  return TWILIO_API_KEY_SID.test(near) && hasCharacterClasses(ctx.secret, 3);
}

const twilioSecret = defineRule({
  id: "twilio/api-key-secret",
  title: "Twilio API key secret",
  description:
    "The secret of a Twilio API key (next to its SK… key SID), or an account auth token (next to the AC… " +
    "account SID): from a bundle anyone can send SMS and place calls on your bill (toll fraud).",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["twilio"],
  remediation:
    "Delete the API key (Twilio Console → Account → API keys & tokens) or rotate the auth token there, check " +
    "the usage logs for SMS and calls you did not make, and call Twilio from your backend.",
  references: ["https://www.twilio.com/docs/iam/api-keys"],
  pattern: /(?:\\{0,3}["'`]|[:=][ \t]{0,4})(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
  window: { before: 300, after: 300 },
  validate: twilioVerdict,
  examples: {
    positive: [
      {
        text: 'const client = twilio("SK6d9001c1772be7189ffb56ca21b33377", "FpUQJ73f3ddMfN8bjqhn1HAEQMGTWMUe", { accountSid: "ACbc1ba7b624c9c084e0b0f08d78c798c5" });',
        secret: "FpUQJ73f3ddMfN8bjqhn1HAEQMGTWMUe",
      },
      {
        text: "VITE_TWILIO_API_KEY=SK270e4c4b367705d54622a54aa53732b1\nVITE_TWILIO_API_SECRET=Wxi2z480HYMnfmwHg2WNugf8AnVK0HeY\n",
        secret: "Wxi2z480HYMnfmwHg2WNugf8AnVK0HeY",
        path: ".env",
      },
      {
        text: 'var t={twilioSid:"ACceeff6a7825dff3f2fbaf120cf49394c",authToken:"74fc977af28433e4b0b49894c67171ed"};',
        secret: "74fc977af28433e4b0b49894c67171ed",
        path: "build/static/js/otp.1a2b.js",
      },
    ],
    negative: [
      {
        text: "const client = twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid });",
        why: "env lookups without values",
      },
      {
        text: '{"sid":"SM6d9001c1772be7189ffb56ca21b33377","account_sid":"ACbc1ba7b624c9c084e0b0f08d78c798c5","body":"Your code is 123456"} // twilio',
        why: "message and account SIDs are identifiers, not secrets",
      },
      {
        text: 'const build = { commit: "QkQhSvsan54lavox6j7VUMolIOJnuQbj", sdk: "twilio-video" };',
        why: "a 32-character value with Twilio named but no key SID next to it",
      },
      {
        text: 'const cfg = { apiKey: "SK270e4c4b367705d54622a54aa53732b1", apiSecret: "QkQhSvsan54lavox6j7VUMolIOJnuQbj" };',
        why: "no Twilio named nearby: an SK-prefixed id is not evidence enough",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [sendgridKey, mailgunKey, postmarkToken, twilioSecret];
export default rules;
