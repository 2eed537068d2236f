import { describe, expect, it } from "vitest";
import { createFaker } from "../scripts/fake-secrets.mjs";
import { buildCodeFrame, FRAME_WIDTH } from "../src/findings/code-frame.js";
import { redactSecret } from "../src/findings/redact.js";
import type { SecretSpan } from "../src/findings/snippet.js";
import { LineIndex } from "../src/text/line-index.js";

const faker = createFaker(909);

function spansOf(text: string, secrets: readonly string[]): SecretSpan[] {
  return secrets
    .map((secret) => ({ start: text.indexOf(secret), end: text.indexOf(secret) + secret.length, secret }))
    .sort((a, b) => a.start - b.start);
}

function frameOf(text: string, secrets: readonly string[], target = 0) {
  const spans = spansOf(text, secrets);
  const wanted = spans.find((span) => span.secret === secrets[target])!;
  return buildCodeFrame({ text, lines: new LineIndex(text) }, wanted, spans);
}

describe("buildCodeFrame", () => {
  it("shows the line before, the secret's line and the line after, redacting every secret in view", () => {
    const key = faker.mbLiveKey();
    const other = faker.webhookSecret();
    const text = `import { Medblocks } from "@medblocks/connect";\r\nconst key = "${key}";\r\nconst hook = "${other}";\r\nexport {};\r\n`;
    const frame = frameOf(text, [key, other]);
    expect(frame).toEqual([
      { line: 1, text: 'import { Medblocks } from "@medblocks/connect";' },
      { line: 2, text: `const key = "${redactSecret(key)}";`, match: true },
      { line: 3, text: `const hook = "${redactSecret(other)}";` },
    ]);
  });

  it("has no line before the first line and none after the last", () => {
    const key = faker.mbSandboxKey();
    expect(frameOf(`K=${key}`, [key])).toEqual([{ line: 1, text: `K=${redactSecret(key)}`, match: true }]);
  });

  it("clips a huge minified line to a window around the secret and says so", () => {
    const key = faker.mbLiveKey();
    const text = `${"a=1;".repeat(250_000)}var k="${key}";${"b=2;".repeat(250_000)}`;
    const [line, ...rest] = frameOf(text, [key]);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ line: 1, match: true, clippedStart: true, clippedEnd: true });
    expect(line!.text).toContain(`var k="${redactSecret(key)}";`);
    expect(line!.text.length).toBeLessThanOrEqual(FRAME_WIDTH);
    expect(line!.text).not.toContain(key.slice(11));
  });

  it("clips the neighbouring lines through the same columns as the secret's line", () => {
    const key = faker.mbLiveKey();
    const text = `${"x".repeat(300)}\n${" ".repeat(200)}"${key}"\n${"y".repeat(300)}\n`;
    const [before, match, after] = frameOf(text, [key]);
    const column = match!.text.indexOf('"');
    expect(before).toMatchObject({ line: 1, clippedStart: true, clippedEnd: true });
    expect(before!.text).toBe("x".repeat(FRAME_WIDTH));
    expect(after!.text).toBe("y".repeat(FRAME_WIDTH));
    expect(match!.text.slice(column)).toBe(`"${redactSecret(key)}"`);
  });

  it("collapses a secret spanning several lines onto its first line and continues after its last", () => {
    const pem = faker.pem("PRIVATE KEY", 256);
    const text = `// signing key\nconst pem = \`${pem}\`;\nsign(pem);\n`;
    const frame = frameOf(text, [pem]);
    expect(frame.map((line) => line.line)).toEqual([1, 2, pem.split("\n").length + 2]);
    expect(frame[1]!.text).toBe(`const pem = \`${redactSecret(pem)}\`;`);
    expect(frame[2]!.text).toBe("sign(pem);");
    expect(JSON.stringify(frame)).not.toContain(pem.split("\n")[1]!.slice(0, 20));
  });

  it("never passes terminal escapes or bidi overrides through", () => {
    const key = faker.mbLiveKey();
    const frame = frameOf(`\x1b[2J\u202econst\tk = "${key}";\x07`, [key]);
    expect(frame[0]!.text).toBe(`?[2J?const k = "${redactSecret(key)}";?`);
  });
});
