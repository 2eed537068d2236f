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
export const DEFAULT_BUILD_GLOBS = [
  "**/dist/**",
  "**/build/**",
  "**/.next/static/**",
  "**/out/**",
  "**/public/**",
];

/** Whitespace and comments that may precede a directive; the directive must come before any code. */
const LEADING_TRIVIA = /^(?:\s|\/\/[^\n]{0,1000}|\/\*(?:[^*]|\*(?!\/)){0,4000}\*\/){0,200}/;
const DIRECTIVE = /^["'](use client|use server)["']/;

/** The `"use client"` / `"use server"` directive at the top of a module, if any. */
export function moduleDirective(head: string): "client" | "server" | undefined {
  const trivia = LEADING_TRIVIA.exec(head)?.[0].length ?? 0;
  const directive = DIRECTIVE.exec(head.slice(trivia))?.[1];
  return directive === undefined ? undefined : directive === "use client" ? "client" : "server";
}

export interface ClientServerPolicy {
  client: readonly string[];
  server: readonly string[];
}

export function createClientDetector(
  policy: Partial<ClientServerPolicy> = {},
): (path: string, head: string) => boolean {
  const userClient = picomatch([...(policy.client ?? [])], { dot: true });
  const userServer = picomatch([...(policy.server ?? [])], { dot: true });
  const build = picomatch(DEFAULT_BUILD_GLOBS, { dot: true });
  const server = picomatch(DEFAULT_SERVER_GLOBS, { dot: true });
  return (path, head) => {
    if (policy.client?.length && userClient(path)) return true;
    if (policy.server?.length && userServer(path)) return false;
    if (build(path)) return true;
    const directive = moduleDirective(head);
    if (directive) return directive === "client";
    return !server(path);
  };
}
