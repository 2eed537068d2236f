import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { code, renderRulesDoc } from "../src/explain/rule-docs.js";
import { REPO_ROOT, tempDir } from "./support/cli.js";

const DOC = path.join(REPO_ROOT, "docs/rules.md");
const SCRIPT = path.join(REPO_ROOT, "scripts/gen-rule-docs.mjs");

function generator(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT, encoding: "utf8" });
}

describe("docs/rules.md", () => {
  it("is what the rule metadata generates (run `npm run build && npm run docs:rules` when this fails)", () => {
    expect(readFileSync(DOC, "utf8")).toBe(renderRulesDoc(allRules));
  });

  it("documents every rule with its severity, keywords, example counts and remediation", () => {
    const doc = renderRulesDoc(allRules);
    for (const rule of allRules) {
      const section = doc.slice(doc.indexOf(`### ${rule.id}\n`));
      expect(section).toContain(`**Severity:** ${rule.severity}`);
      expect(section).toContain(`**What to do:** ${rule.remediation}`);
      for (const keyword of rule.keywords) expect(section).toContain(code(keyword));
      expect(doc).toContain(`| ${rule.examples.positive.length} / ${rule.examples.negative.length} |`);
    }
  });

  it("is checked by the generator: a stale copy fails, a regenerated one passes (needs the build)", () => {
    const { dir, cleanup } = tempDir();
    try {
      const copy = path.join(dir, "rules.md");
      copyFileSync(DOC, copy);
      writeFileSync(copy, readFileSync(copy, "utf8").replace("**What to do:**", "**What to do (edited):**"));
      const stale = generator(["--check", copy]);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain("is stale");
      expect(generator([copy]).status).toBe(0);
      expect(generator(["--check", copy]).status).toBe(0);
    } finally {
      cleanup();
    }
  });
});
