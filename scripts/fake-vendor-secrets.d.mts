import type { Faker } from "./fake-secrets.mjs";

export interface VendorFaker extends Faker {
  uuid(): string;
  stripeKey(kind?: "sk" | "rk" | "pk", mode?: "live" | "test"): string;
  stripeLegacyKey(kind?: "sk" | "rk" | "pk", mode?: "live" | "test"): string;
  openaiProjectKey(kind?: "proj" | "svcacct" | "admin"): string;
  openaiLegacyKey(): string;
  anthropicKey(kind?: "api03" | "admin01"): string;
  githubToken(prefix?: "ghp" | "gho" | "ghu" | "ghs" | "ghr"): string;
  githubFineGrained(): string;
  gitlabToken(): string;
  slackToken(prefix?: "xoxb" | "xoxp"): string;
  slackAppToken(): string;
  slackWebhook(): string;
  discordWebhook(): string;
  sendgridKey(): string;
  mailgunKey(): string;
  mailgunNewKey(): string;
  twilioKeySid(): string;
  twilioSecret(): string;
  googleOauthSecret(): string;
  azureAdSecret(): string;
  azureAppConfigSecret(): string;
  shopifyToken(prefix?: "shpat" | "shpca" | "shppa" | "shpss"): string;
  npmToken(): string;
  mapboxToken(kind?: "sk" | "pk"): string;
}
export function createVendorFaker(seed?: number): VendorFaker;
