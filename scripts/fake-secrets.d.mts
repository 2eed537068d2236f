export interface Faker {
  base62(n: number): string;
  hex(n: number): string;
  mbLiveKey(): string;
  mbSandboxKey(): string;
  mbOtherEnvKey(env?: string): string;
  webhookSecret(): string;
  standardWebhookSecret(): string;
  awsAccessKeyId(prefix?: string): string;
  awsSecretAccessKey(): string;
  googleApiKey(): string;
  gcsHmacAccessId(): string;
  gcsHmacSecret(): string;
  azureAccountKey(): string;
  azureSasSignature(): string;
  bearerToken(): string;
  clientSecret(): string;
  password(): string;
  pem(label?: string, bytes?: number): string;
  jwk(kty?: "RSA" | "EC"): Record<string, string>;
  ulid(): string;
  pick(alphabet: string, n: number): string;
}
export function createFaker(seed?: number): Faker;
