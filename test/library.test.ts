import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { REPO_ROOT } from "./support/cli.js";

/** The package's own entry point, imported by name as a user's code would (needs `npm run build`). */
describe('import { scan, scanText } from "clientleak"', () => {
  it("resolves through package.json exports and finds a redacted key", () => {
    const key = createFaker(6060).mbLiveKey();
    const script = `
      import { scanText, REPORTERS, allRules } from "clientleak";
      const findings = scanText(${JSON.stringify(`const k = "${key}";`)}, { path: "src/app.js" });
      const json = REPORTERS.json({ findings, diagnostics: [], stats: { filesScanned: 1, filesSkipped: 0, bytesScanned: 1, durationMs: 0, suppressed: {} } }, { rules: allRules, failOn: "low", color: false });
      console.log(JSON.stringify({ ids: findings.map((f) => f.ruleId), json }));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    const { ids, json } = JSON.parse(run.stdout);
    expect(ids).toEqual(["medblocks/live-api-key"]);
    expect(json).not.toContain(key);
  });
});
