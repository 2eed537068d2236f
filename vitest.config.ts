import { defineConfig } from "vitest/config";

/** Tests that import the sources directly and spawn nothing: the fast inner loop (`npm run test:unit`). */
const UNIT = [
  "test/architecture.test.ts",
  "test/rules.*.test.ts",
  "test/text.test.ts",
  "test/code-frame.test.ts",
  "test/public-env.test.ts",
  "test/html-payload.test.ts",
  "test/js-leads.test.ts",
  "test/js-windows.test.ts",
  "test/file-search.test.ts",
  "test/progress.test.ts",
  "test/config-schema.test.ts",
  "test/test-paths.test.ts",
  "test/property/**/*.test.ts",
];

// One key for the published secret hashes in every test and every CLI a test spawns (test/support/hashes.ts).
const shared = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
  env: { CLIENTLEAK_HASH_KEY: "clientleak-test-suite-hash-key" },
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "unit", include: UNIT } },
      {
        test: {
          ...shared,
          name: "cli",
          include: ["test/**/*.test.ts"],
          exclude: UNIT,
          // These spawn the built CLI or load the built plugins: build first, so they never test stale code.
          globalSetup: ["test/support/build.ts"],
        },
      },
    ],
  },
});
