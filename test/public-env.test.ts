import { describe, expect, it } from "vitest";
import { isSecretLookingName, publicFrameworkOf } from "../src/rule-kit/public-env.js";

describe("public env prefixes", () => {
  it("attributes a name to the framework with the longest matching prefix", () => {
    expect(publicFrameworkOf("NEXT_PUBLIC_MEDBLOCKS_API_KEY")?.name).toBe("Next.js");
    expect(publicFrameworkOf("PUBLIC_MEDBLOCKS_API_KEY")?.name).toBe("SvelteKit/Astro");
    expect(publicFrameworkOf("VITE_MB_KEY")?.name).toBe("Vite");
    expect(publicFrameworkOf("MEDBLOCKS_API_KEY")).toBeUndefined();
  });

  it.each([
    "VITE_MEDBLOCKS_API_KEY",
    "NEXT_PUBLIC_MB_SECRET_KEY",
    "REACT_APP_MEDBLOCKS_WEBHOOK_SECRET",
    "VITE_EPIC_CLIENT_SECRET",
    "EXPO_PUBLIC_AWS_SECRET_ACCESS_KEY",
    "PUBLIC_SMART_PRIVATE_KEY",
    "GATSBY_SUPABASE_SERVICE_ROLE_KEY",
    "VITE_DB_PASSWORD",
  ])("%s looks secret", (name) => expect(isSecretLookingName(name)).toBe(true));

  it.each([
    "VITE_MEDBLOCKS_BASE_URL",
    "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
    "VITE_EPIC_CLIENT_ID",
    "VITE_SUPABASE_ANON_KEY",
    "VITE_MB_PUBLIC_KEY",
    "VITE_RECAPTCHA_SITE_KEY",
    "VITE_API_KEY",
  ])("%s does not look secret", (name) => expect(isSecretLookingName(name)).toBe(false));
});
