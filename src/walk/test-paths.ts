import picomatch from "picomatch";
import { DEFAULT_BUILD_GLOBS } from "./client-server.js";

/**
 * Test files and their fixtures, by the paths and names every JavaScript test runner uses (Jest, Vitest,
 * Mocha, Jasmine, Node's test runner, Cypress, Playwright, Storybook's test runner): they do not ship to
 * browsers, so a value there is reported low ("test file, not shipped"). A bare top-level `fixtures/` is
 * not one of them: it is as often demo data a site serves.
 */
export const TEST_PATH_GLOBS = [
  "**/__tests__/**",
  "**/__mocks__/**",
  "**/__fixtures__/**",
  "**/__snapshots__/**",
  "**/test/**",
  "**/tests/**",
  "**/spec/**",
  "**/specs/**",
  "**/e2e/**",
  "**/cypress/**",
  "**/*.test.*",
  "**/*.spec.*",
  "**/*.e2e.*",
  "**/*.cy.*",
  "**/*.test-d.*",
];

const isTestGlob = picomatch(TEST_PATH_GLOBS, { dot: true });
const isBuildOutput = picomatch(DEFAULT_BUILD_GLOBS, { dot: true });

/** `true` for a test file or fixture; build output ships whatever its folders are called. */
export function isTestPath(path: string): boolean {
  return isTestGlob(path) && !isBuildOutput(path);
}
