/**
 * Which public-env frameworks a project uses, from its package.json dependencies and config files —
 * read as text, never executed (a scanned repository's code never runs). Vite's `envPrefix` and the
 * `env` keys of next.config are taken when they are written as literals; anything computed is unknown
 * and the defaults stand. No framework found means every known prefix counts (the caller's default).
 */
import path from "node:path";
import { PUBLIC_ENV_FRAMEWORKS, type PublicEnvFramework } from "../rule-kit/public-env.js";

export interface ProjectFile {
  /** File name relative to the project directory (`package.json`, `vite.config.ts`, `app.json`). */
  name: string;
  text: string;
}

const known = (name: string): PublicEnvFramework =>
  PUBLIC_ENV_FRAMEWORKS.find((framework) => framework.name === name)!;

/** Dependency → framework, and config file stem → framework. */
const BY_DEPENDENCY: Readonly<Record<string, string>> = {
  vite: "Vite",
  next: "Next.js",
  "react-scripts": "Create React App",
  "@vue/cli-service": "Vue CLI",
  nuxt: "Nuxt",
  "@sveltejs/kit": "SvelteKit/Astro",
  astro: "SvelteKit/Astro",
  gatsby: "Gatsby",
  expo: "Expo",
  "@ngx-env/builder": "@ngx-env (Angular)",
  storybook: "Storybook",
};
const BY_CONFIG: Readonly<Record<string, string>> = {
  "vite.config": "Vite",
  "next.config": "Next.js",
  "vue.config": "Vue CLI",
  "nuxt.config": "Nuxt",
  "svelte.config": "SvelteKit/Astro",
  "astro.config": "SvelteKit/Astro",
  "gatsby-config": "Gatsby",
  "app.config": "Expo",
};

export function detectPublicEnv(files: readonly ProjectFile[]): PublicEnvFramework[] {
  const names = new Set<string>();
  for (const file of files) {
    const base = path.posix.basename(file.name);
    if (base === "package.json")
      for (const dependency of dependenciesOf(file.text)) addIfKnown(names, BY_DEPENDENCY[dependency]);
    addIfKnown(names, BY_CONFIG[base.replace(/\.[cm]?[jt]s$/, "")]);
    if (base === "app.json" && /"expo"\s*:/.test(file.text)) names.add("Expo");
  }
  const frameworks: PublicEnvFramework[] = [];
  for (const name of names) {
    if (name === "Vite") frameworks.push(...viteFrameworks(files));
    else frameworks.push(known(name));
  }
  if (names.has("Next.js")) frameworks.push(...nextConfigEnv(files));
  return frameworks;
}

function addIfKnown(names: Set<string>, name: string | undefined): void {
  if (name) names.add(name);
}

function dependenciesOf(packageJson: string): string[] {
  try {
    const manifest = JSON.parse(packageJson) as Record<string, unknown>;
    return ["dependencies", "devDependencies", "peerDependencies"].flatMap((field) => {
      const deps = manifest[field];
      return deps && typeof deps === "object" ? Object.keys(deps) : [];
    });
  } catch {
    return [];
  }
}

const ENV_PREFIX = /\benvPrefix\s*:\s*(\[[^\]]{0,500}\]|"[^"\n]{1,100}"|'[^'\n]{1,100}'|`[^`$\n]{1,100}`)/;
const STRING_LITERAL = /"([^"\n]{1,100})"|'([^'\n]{1,100})'|`([^`$\n]{1,100})`/g;

/** Vite with its `envPrefix` when vite.config writes it as a string or an array of strings. */
function viteFrameworks(files: readonly ProjectFile[]): PublicEnvFramework[] {
  const config = files.find((file) => /^vite\.config\.[cm]?[jt]s$/.test(path.posix.basename(file.name)));
  const literal = config ? ENV_PREFIX.exec(config.text)?.[1] : undefined;
  const prefixes = literal
    ? [...literal.matchAll(STRING_LITERAL)].map((match) => match[1] ?? match[2] ?? match[3]!)
    : [];
  if (prefixes.length === 0) return [known("Vite")];
  return prefixes.map((prefix) => ({
    name: "Vite",
    prefix,
    mechanism: `inlines every ${prefix} variable into the client bundle (envPrefix in ${path.posix.basename(config!.name)})`,
  }));
}

const NEXT_ENV_BLOCK = /\benv\s*:\s*\{([^{}]{0,5000})\}/;
const OBJECT_KEY = /(?:^|[,{\s])["']?([A-Za-z_][A-Za-z0-9_]{0,100})["']?\s*:/g;

/** Variables listed under `env` in next.config: Next inlines each of them, whatever its prefix. */
function nextConfigEnv(files: readonly ProjectFile[]): PublicEnvFramework[] {
  const config = files.find((file) => /^next\.config\.[cm]?[jt]s$/.test(path.posix.basename(file.name)));
  const block = config ? NEXT_ENV_BLOCK.exec(config.text)?.[1] : undefined;
  if (!block) return [];
  return [...block.matchAll(OBJECT_KEY)].map((match) => ({
    name: "Next.js",
    prefix: match[1]!,
    exact: true,
    mechanism: `inlines ${match[1]} into the client bundle because next.config lists it under env`,
  }));
}
