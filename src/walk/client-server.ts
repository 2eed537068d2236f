import picomatch from "picomatch";

/**
 * Where code runs decides which rules apply: a Medblocks SDK constructed in `pages/api/` is the right
 * architecture, the same line in `src/components/` is a leak. Secret-value rules ignore this; only
 * `scope: "client"` rules consult it.
 */
export const DEFAULT_SERVER_GLOBS = [
  "**/server/**",
  "**/api/**",
  "**/pages/api/**",
  "**/app/**/route.*",
  "**/*.server.*",
  "**/middleware.*",
  "**/functions/**",
  "**/netlify/functions/**",
  "**/supabase/functions/**",
];

/** Build output always ships to the browser, whatever the folder names inside it say. */
export const DEFAULT_BUILD_GLOBS = ["**/dist/**", "**/build/**", "**/.next/static/**", "**/out/**", "**/public/**"];

const USE_SERVER = /^\s*(?:\/\/[^\n]{0,200}\n\s*|\/\*[^]{0,500}?\*\/\s*)*["']use server["']/;
const USE_CLIENT = /^\s*(?:\/\/[^\n]{0,200}\n\s*|\/\*[^]{0,500}?\*\/\s*)*["']use client["']/;

export interface ClientServerPolicy {
  client: readonly string[];
  server: readonly string[];
}

export function createClientDetector(policy: Partial<ClientServerPolicy> = {}): (path: string, head: string) => boolean {
  const userClient = picomatch([...(policy.client ?? [])], { dot: true });
  const userServer = picomatch([...(policy.server ?? [])], { dot: true });
  const build = picomatch(DEFAULT_BUILD_GLOBS, { dot: true });
  const server = picomatch(DEFAULT_SERVER_GLOBS, { dot: true });
  return (path, head) => {
    if (policy.client?.length && userClient(path)) return true;
    if (policy.server?.length && userServer(path)) return false;
    if (build(path)) return true;
    if (USE_CLIENT.test(head)) return true;
    if (USE_SERVER.test(head)) return false;
    return !server(path);
  };
}
