/**
 * Which environment variables a bundler publishes to the browser, and which names look like they hold a
 * secret. Shared by the `.env` policy and the JavaScript rules (`import.meta.env.X`, `process.env.X`), so
 * there is one list of frameworks. credentials.md §0.1 is the source.
 */

export interface PublicEnvFramework {
  /** Display name used in messages: "Vite inlines every VITE_ variable into the client bundle". */
  name: string;
  prefix: string;
  /** How the value reaches the browser, in a few words. */
  mechanism: string;
  /** `prefix` is a whole variable name (one listed under `env` in next.config), not a prefix. */
  exact?: boolean;
}

export const PUBLIC_ENV_FRAMEWORKS: readonly PublicEnvFramework[] = [
  {
    name: "Vite",
    prefix: "VITE_",
    mechanism: "inlines every VITE_ variable into the client bundle (import.meta.env)",
  },
  {
    name: "Next.js",
    prefix: "NEXT_PUBLIC_",
    mechanism: "inlines every NEXT_PUBLIC_ variable into the client bundle at next build",
  },
  {
    name: "Create React App",
    prefix: "REACT_APP_",
    mechanism: "inlines every REACT_APP_ variable into the client bundle (process.env)",
  },
  {
    name: "Nuxt",
    prefix: "NUXT_PUBLIC_",
    mechanism: "serialises NUXT_PUBLIC_ overrides of runtimeConfig.public into every page payload",
  },
  {
    name: "Expo",
    prefix: "EXPO_PUBLIC_",
    mechanism: "inlines every EXPO_PUBLIC_ variable into the app's JavaScript bundle",
  },
  {
    name: "SvelteKit/Astro",
    prefix: "PUBLIC_",
    mechanism: "sends every PUBLIC_ variable to the client ($env/static/public, import.meta.env)",
  },
  { name: "Gatsby", prefix: "GATSBY_", mechanism: "inlines every GATSBY_ variable into the client bundle" },
  {
    name: "Vue CLI",
    prefix: "VUE_APP_",
    mechanism: "inlines every VUE_APP_ variable into the client bundle",
  },
  {
    name: "@ngx-env (Angular)",
    prefix: "NG_APP_",
    mechanism: "inlines every NG_APP_ variable into the client bundle",
  },
  {
    name: "Storybook",
    prefix: "STORYBOOK_",
    mechanism: "inlines every STORYBOOK_ variable into the built Storybook",
  },
];

/**
 * Longest prefix first, so `NEXT_PUBLIC_X` is attributed to Next.js and not to the bare `PUBLIC_` of
 * SvelteKit/Astro.
 */
const byPrefixLength = (frameworks: readonly PublicEnvFramework[]) =>
  [...frameworks].sort((a, b) => b.prefix.length - a.prefix.length);
const KNOWN_BY_PREFIX_LENGTH = byPrefixLength(PUBLIC_ENV_FRAMEWORKS);

/**
 * The framework that publishes `name`, among `frameworks` (default: all known; a project's detected
 * list may hold a custom Vite `envPrefix` or names from next.config's `env`).
 */
export function publicFrameworkOf(
  name: string,
  frameworks: readonly PublicEnvFramework[] = PUBLIC_ENV_FRAMEWORKS,
): PublicEnvFramework | undefined {
  const candidates =
    frameworks === PUBLIC_ENV_FRAMEWORKS ? KNOWN_BY_PREFIX_LENGTH : byPrefixLength(frameworks);
  return candidates.find((framework) =>
    framework.exact ? name === framework.prefix : name.startsWith(framework.prefix),
  );
}

/**
 * Names that announce a secret: Medblocks keys and webhook secrets, private keys, client secrets, cloud
 * secret keys, generic `*_SECRET`, `*_PASSWORD`, `*_PRIVATE_KEY`, `*_API_KEY` of Medblocks. Publishable
 * names (`*_PUBLISHABLE_KEY`, `*_PUBLIC_KEY`, `*_CLIENT_ID`, `*_ANON_KEY`, `*_SITE_KEY`) are not.
 */
const SECRET_NAME =
  /(?:^|_)(?:(?:MEDBLOCKS|MB)_[A-Z0-9_]{0,40}(?:KEY|SECRET|TOKEN)|[A-Z0-9_]{0,40}(?:SECRET|PASSWORD|PASSWD|PRIVATE_KEY|SECRET_ACCESS_KEY|ACCOUNT_KEY|SERVICE_ROLE(?:_KEY)?|CLIENT_SECRET|WEBHOOK_SECRET|SIGNING_SECRET|SIGNING_KEY|CONNECTION_STRING|SAS_TOKEN))(?:_|$)/;
const PUBLIC_BY_DESIGN = /PUBLISHABLE|PUBLIC_KEY|CLIENT_ID|ANON_KEY|SITE_KEY|_URL$|_URI$|_HOST$|_ID$/;

/**
 * Whether some public prefix could put `name` before a secret: the secret-name test alone, without the
 * publishable exceptions (the prefix in front may hold one). A short `.env` value counts only under such
 * a name, so the dotenv extractor skips the rest.
 */
export function mayNameSecret(name: string): boolean {
  return SECRET_NAME.test(name.toUpperCase());
}

/** `true` for the part after the public prefix of a name like `NEXT_PUBLIC_MEDBLOCKS_API_KEY`. */
export function isSecretLookingName(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAME.test(upper) && !PUBLIC_BY_DESIGN.test(upper);
}
