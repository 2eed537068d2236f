// Private keys: PEM blocks and private JWKs (credentials.md §4, §10, §11).
// Example secrets: scripts/fake-secrets.mjs, createFaker(202) — pem(), jwk() and base62() output; the
// one-line forms are the same blocks with their newlines written as "\n" escapes.
import { defineRule, type MatchContext, type PatternRule, type Verdict } from "../src/rule-kit/index.js";
import { concatenatedLines, ELISION, enclosingObject } from "./support.js";

/** Base64 characters of a PEM body once line breaks (real or escaped) and blanks are removed. */
function bodyLength(body: string): number {
  return body.replace(/\\\\[nrt]|\\[nrt]|\s/g, "").length;
}

function pemVerdict(ctx: MatchContext): Verdict {
  if (ELISION.test(ctx.secret)) return false;
  if (bodyLength(ctx.groups.body ?? "") < 50) return false;
  // `\\n` is a PEM inside a string inside a string (a source map's sourcesContent, JSON in a JS string).
  // The extractors cook the outer level and match the inner reading; the raw reading would be a second,
  // differently spelled copy of the same key. Plain text has no extractor, so it keeps the raw reading.
  if (ctx.kind !== "text" && /\\\\[nr]/.test(ctx.groups.body ?? "")) return false;
  const label = ctx.groups.label ?? "";
  if (label.startsWith("PGP")) return { title: "PGP private key block" };
  if (label.includes("ENCRYPTED") || /Proc-Type: 4,ENCRYPTED/.test(ctx.groups.headers ?? "")) {
    return {
      severity: "high",
      title: "Encrypted private key",
      message:
        "An encrypted private key: the passphrase protects it, but it is offline-crackable and often sits next to that passphrase.",
    };
  }
  return true;
}

/** A PKCS#8 key (SMART on FHIR backend services sign with one), used whole and split across a + chain. */
const SMART_KEY =
  "-----BEGIN PRIVATE KEY-----\nI9OfXSfXRGMqnsRgH8WMxGecuG40p4KjS+HTX9zoygPEri84J0C8mYj6+xlUZzc2\na4n0xq3vqGgn5e/Ru9wQsCOOKaq7LnVbBMlrXuWgRkTepWC3csdDFkFMSLoahO9k\nrj33skCknnFj/77WrYGWtg4/8+9CvCbKriOuSX7otD/LKzuugVVyboUbIvCyH+1u\ncTGkqMlr2z9461P9Xpaoj4gPTvA+sRMQv++QZLLMC4u1uI0VprtVcJvfReellHxJ\nGrjGIOANO+IsPU2BrgCoIy+g8jgUakfsevpRowkCdINL2LHxzpSQHegwMLHSmTB2\nB/f9sMnk1SNnj6ssUGJiTwLY0b7Jz28/rBw6EDjLQBW0KJW2T356kRuEoAiB3qLA\n4nr/mrKuW6NZ+QlFzr2OaDmglO0XT56FtC6ZBIwjxzMHs2P6Bp8SCRq59zHIZjaN\nn3ojxfBjikv7sVaLx7IQ14ZZASoenyVYfqasteyVBg5IQ8rr+cgSBQLkezpifXnN\nwEAaq48drznPSAy37Og+pAwYXJ96x0S2ZYLvK+l64sGCRm3XZTxixMilQZIAPqLF\nt2zv4YABvZnlg2AiRDeXS0ybnlSDbXscQWWj5ZeZuqAsjyFlwDgJTFXTbB/+SEn+\nTGg4otFfNBtYbRp2NfiEw8GoONjj0oC5tucbOwjv8KKKL52ITcdCSLzeEWWEx7iY\nGRc5MQ6myzuSifPyUy18J+oVOVrYUzNoYNv+/7sKOS3OH1IqwL8Dk4ecZMkDlyiU\nqhUQN68sGu967oKXWZHy4IDRbbvHmrI1OfWS/laTE/ckuJCZScoW/0XARl+QEBFv\nW+Y1gJY4r8oEKscd+ybnbAtf6yi6oVCH8sLdjDMuEjvGyAhJ7Of51rZbpm98/Mqz\nbWMqHrIk4yNmEFDq9jziVS2BaiGdrD6FvBtv6MRcy/JdfASpQGpF8txpxzYkw6aj\n1GuWeVSu55prIk+vfmWXcbhBkdeLxzezcYRGeu3l9vkPIxUiJvuQR0weKZkJiBNg\nu0hitKzjk2NwdelUEN/O3mGYAIsDMKVCX5bptzrdDrNqGdaro6E4IyDvS+t+k480\nwaAnhFrKJazCEDJGEiYmK/SmQhL8iYGAOZivDpXcj3A+y70AfZmw7iV/rhqXSZLu\ncr7YObRbjTnvn2uKmKAk/hBU0oertVbnj51L8J6TnDJin2P65zQ4rYQL2mvuPliT\n13HBPsylCkytFF9GBxBY1RhLtvCKKG9HZ2eQzJTNFZVyiL16MaoYojM/Sz4eRjpe\nUv85/WgQcMN3hgjBwFlOwJr6uGPTQ/n8YZJPx2FZP80l2CpqD7Z/50RlEDADOPEj\nFA7iwHXbpNlzwpN38QD9Kwgs7DQnHoSwMzeYU5JxzZYPrEWBG19atLBUHgGpH1Aj\nQy5/75ySvWb0MrZTTgmWL4+dcdrR5oFWsvLCBv9eqdtEv0I/P4MKqInbuSi54UXd\n3PIxxlI7mauspoQUm/2UNfNeWFXP909XJyXFxlGVWINpLdYN2VDHlSc5VxJfMmeL\n2QfanT0xNY19ujMdaLkuRVKXcNq0WpCgC7LPl+PEtwKnWHjIPg3=\n-----END PRIVATE KEY-----";

const pem = defineRule({
  id: "private-key/pem",
  title: "PEM private key",
  description:
    "A PEM private key (PKCS#8, RSA, EC, DSA, OpenSSH, PGP) in client code lets anyone sign as its owner: " +
    "SMART on FHIR client assertions, JWTs, TLS or SSH identities. Medblocks requires these to stay server-side.",
  severity: "critical",
  confidence: "exact",
  keywords: ["-----begin"],
  publicPrefix: /^-----BEGIN [A-Z0-9 ]{1,40}-----/,
  leads: ["-----BEGIN"],
  remediation:
    "Replace the key pair: remove the old public half from every JWKS / authorized_keys / EHR registration, " +
    "generate a new pair on the server, publish the new public key (update the JWKS), and keep the private key " +
    "in server-side secret storage only.",
  // Header lines (legacy encrypted PEM, PGP armor) sit between BEGIN and the body. The body class has no
  // `-` and no `.`, so a body stops at the END line and a truncated `MIIEv...` sample never matches.
  pattern:
    /(?<secret>-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|SSH2 ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<headers>(?:(?:\r?\n|\\r\\n|\\n)(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset|MessageID): [^\r\n\\]{1,200}){0,8})(?<body>[A-Za-z0-9+/=\s\\]{50,10000})-----END \k<label>-----)/,
  window: { before: 16, after: 12000 },
  allowPlaceholders: true,
  validate: pemVerdict,
  examples: {
    // Positive 1 is a one-line PEM inside a JS string: its secret is the cooked string value (real
    // newlines), as the engine's JS string layer reports it. The other one-line forms (.env in single
    // quotes, YAML) keep their "\n" escapes in the secret, exactly as written.
    positive: [
      {
        text: "export const SMART_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----\nI9OfXSfXRGMqnsRgH8WMxGecuG40p4KjS+HTX9zoygPEri84J0C8mYj6+xlUZzc2\na4n0xq3vqGgn5e/Ru9wQsCOOKaq7LnVbBMlrXuWgRkTepWC3csdDFkFMSLoahO9k\nrj33skCknnFj/77WrYGWtg4/8+9CvCbKriOuSX7otD/LKzuugVVyboUbIvCyH+1u\ncTGkqMlr2z9461P9Xpaoj4gPTvA+sRMQv++QZLLMC4u1uI0VprtVcJvfReellHxJ\nGrjGIOANO+IsPU2BrgCoIy+g8jgUakfsevpRowkCdINL2LHxzpSQHegwMLHSmTB2\nB/f9sMnk1SNnj6ssUGJiTwLY0b7Jz28/rBw6EDjLQBW0KJW2T356kRuEoAiB3qLA\n4nr/mrKuW6NZ+QlFzr2OaDmglO0XT56FtC6ZBIwjxzMHs2P6Bp8SCRq59zHIZjaN\nn3ojxfBjikv7sVaLx7IQ14ZZASoenyVYfqasteyVBg5IQ8rr+cgSBQLkezpifXnN\nwEAaq48drznPSAy37Og+pAwYXJ96x0S2ZYLvK+l64sGCRm3XZTxixMilQZIAPqLF\nt2zv4YABvZnlg2AiRDeXS0ybnlSDbXscQWWj5ZeZuqAsjyFlwDgJTFXTbB/+SEn+\nTGg4otFfNBtYbRp2NfiEw8GoONjj0oC5tucbOwjv8KKKL52ITcdCSLzeEWWEx7iY\nGRc5MQ6myzuSifPyUy18J+oVOVrYUzNoYNv+/7sKOS3OH1IqwL8Dk4ecZMkDlyiU\nqhUQN68sGu967oKXWZHy4IDRbbvHmrI1OfWS/laTE/ckuJCZScoW/0XARl+QEBFv\nW+Y1gJY4r8oEKscd+ybnbAtf6yi6oVCH8sLdjDMuEjvGyAhJ7Of51rZbpm98/Mqz\nbWMqHrIk4yNmEFDq9jziVS2BaiGdrD6FvBtv6MRcy/JdfASpQGpF8txpxzYkw6aj\n1GuWeVSu55prIk+vfmWXcbhBkdeLxzezcYRGeu3l9vkPIxUiJvuQR0weKZkJiBNg\nu0hitKzjk2NwdelUEN/O3mGYAIsDMKVCX5bptzrdDrNqGdaro6E4IyDvS+t+k480\nwaAnhFrKJazCEDJGEiYmK/SmQhL8iYGAOZivDpXcj3A+y70AfZmw7iV/rhqXSZLu\ncr7YObRbjTnvn2uKmKAk/hBU0oertVbnj51L8J6TnDJin2P65zQ4rYQL2mvuPliT\n13HBPsylCkytFF9GBxBY1RhLtvCKKG9HZ2eQzJTNFZVyiL16MaoYojM/Sz4eRjpe\nUv85/WgQcMN3hgjBwFlOwJr6uGPTQ/n8YZJPx2FZP80l2CpqD7Z/50RlEDADOPEj\nFA7iwHXbpNlzwpN38QD9Kwgs7DQnHoSwMzeYU5JxzZYPrEWBG19atLBUHgGpH1Aj\nQy5/75ySvWb0MrZTTgmWL4+dcdrR5oFWsvLCBv9eqdtEv0I/P4MKqInbuSi54UXd\n3PIxxlI7mauspoQUm/2UNfNeWFXP909XJyXFxlGVWINpLdYN2VDHlSc5VxJfMmeL\n2QfanT0xNY19ujMdaLkuRVKXcNq0WpCgC7LPl+PEtwKnWHjIPg3=\n-----END PRIVATE KEY-----`;\n",
        secret: SMART_KEY,
        path: "src/lib/smart-auth.ts",
      },
      {
        text: 'const pem = "-----BEGIN RSA PRIVATE KEY-----\\nfYrPA4DNrfl+MeWVG9lJfQ1wJ24guRDTYP9rl4Slv25ynbABsYHQtfIcmwvihTkV\\nzvUANF9lnxzimrXgJYgGbeaxHTj6oBfEznNuN3SBZwRIyRpOFxZKOFSBOR/zC5jh\\ng02g5EdaW+JOwm8IFzi0oEpKAQAozmiVavHSOEwfneinTJ3BoyJoN+XadxrQId7l\\n/Tm+LHQlP0smTmJY7mh5AMfQRu7KK6+eBrwMVLrnFg6GaQaqgTSNANDH/B7RzvDK\\nBZGl7FEtIz55HHb5fvOQCg+PKrVVwc2rTMZAM1OedW0VOSbU4MCDCbeoPef2YeX6\\n1DrjId1fPweisNqITjwI4eJhXsRHgUed1ACtzwNnY2h+GcB+dbahkPxRTLU/7y0j\\nQetdYAQ+1kqvlVeBm48h7MVpemMxpVum1oFOxW0YPOYM6NzJkwlZGvPJGuTIMXE4\\nY2BPWHYKgDugHRnMhvQiayMz0yysVgmlfjirCVroXYUgQlPXIYCSUTpncnbgPNxW\\nsKeQXqzn3ciSRJGNhwsgktF1dcJSWf/lVMRBpUEDO1LbqLC5UN8eJYnt50ic4E8c\\nnczIvDGj8M2u8jpEuSCebNsbarLhVIKNCieTPQoqcr0QZf+ynHXy7iXCb0PBHZmV\\neoVdryB/+DpqEfzhEhYnbs0DxtOuZfVW0veQYDIUBsHrL6+b3WdgqVxG4iX49fIf\\n6qGWZcQz1EAXwe9r1gZe/REh2KgQJnJuwxyak88YctOjZFqgEo8osMiseGC0YZSn\\nhlu+/GkzPvV1KSk69x1rMw9IhNVSKKysDxZKmhW1Jo3=\\n-----END RSA PRIVATE KEY-----\\n";\nconst key = await importPKCS8(pem, "RS384");\n',
        secret:
          "-----BEGIN RSA PRIVATE KEY-----\nfYrPA4DNrfl+MeWVG9lJfQ1wJ24guRDTYP9rl4Slv25ynbABsYHQtfIcmwvihTkV\nzvUANF9lnxzimrXgJYgGbeaxHTj6oBfEznNuN3SBZwRIyRpOFxZKOFSBOR/zC5jh\ng02g5EdaW+JOwm8IFzi0oEpKAQAozmiVavHSOEwfneinTJ3BoyJoN+XadxrQId7l\n/Tm+LHQlP0smTmJY7mh5AMfQRu7KK6+eBrwMVLrnFg6GaQaqgTSNANDH/B7RzvDK\nBZGl7FEtIz55HHb5fvOQCg+PKrVVwc2rTMZAM1OedW0VOSbU4MCDCbeoPef2YeX6\n1DrjId1fPweisNqITjwI4eJhXsRHgUed1ACtzwNnY2h+GcB+dbahkPxRTLU/7y0j\nQetdYAQ+1kqvlVeBm48h7MVpemMxpVum1oFOxW0YPOYM6NzJkwlZGvPJGuTIMXE4\nY2BPWHYKgDugHRnMhvQiayMz0yysVgmlfjirCVroXYUgQlPXIYCSUTpncnbgPNxW\nsKeQXqzn3ciSRJGNhwsgktF1dcJSWf/lVMRBpUEDO1LbqLC5UN8eJYnt50ic4E8c\nnczIvDGj8M2u8jpEuSCebNsbarLhVIKNCieTPQoqcr0QZf+ynHXy7iXCb0PBHZmV\neoVdryB/+DpqEfzhEhYnbs0DxtOuZfVW0veQYDIUBsHrL6+b3WdgqVxG4iX49fIf\n6qGWZcQz1EAXwe9r1gZe/REh2KgQJnJuwxyak88YctOjZFqgEo8osMiseGC0YZSn\nhlu+/GkzPvV1KSk69x1rMw9IhNVSKKysDxZKmhW1Jo3=\n-----END RSA PRIVATE KEY-----",
      },
      {
        text: 'SMART_PRIVATE_KEY="-----BEGIN EC PRIVATE KEY-----\nbqeFDfuvuEgHuTI5StLguq+rDofm+MwlX/ydcoPxrc942UMUbd8R+ncrW9nWenlc\nh8Qej9U3xMSKxiMKDCH7uqOjvFssSGVDsglId/YqdjVfMHn1LaW3l+c3GKDC+H+C\njKTDGCr/AY0tk5LFY+jR9XsiH/3Ny/CRYo==\n-----END EC PRIVATE KEY-----"\n',
        secret:
          "-----BEGIN EC PRIVATE KEY-----\nbqeFDfuvuEgHuTI5StLguq+rDofm+MwlX/ydcoPxrc942UMUbd8R+ncrW9nWenlc\nh8Qej9U3xMSKxiMKDCH7uqOjvFssSGVDsglId/YqdjVfMHn1LaW3l+c3GKDC+H+C\njKTDGCr/AY0tk5LFY+jR9XsiH/3Ny/CRYo==\n-----END EC PRIVATE KEY-----",
        path: ".env",
      },
      {
        text: "-----BEGIN OPENSSH PRIVATE KEY-----\n5x623McKoaUyGMHMoXGAIzgmlR/hIAltQ3FNVCIMfBGUAYd+W0+/EAK+2igxX5AW\nm5siF6AEwrsLz4Snegnu9GNYXjO3df4QUSun0yDRby3LrHcXtWDWWYZX/wdsWN93\nk6A8HdoDIEmmGKONvU/Ble5fgOHB0HuRLFw7onANjhlA/xhMuOzK/6NJOqo1OD2y\nYNV1WsycY6YFqYmU6x3QHb/yd7C2j6D4r2n3PH4Wewy5Ou3W7UIJo8FMTGhXduW1\npa3CpaaTzOCMpygUFvPPTIxcPR10egDwEW4zNGPn+IJCGtie2OvE8SaRJllIdxmH\nA+oAwbvmazCqFFDbPR1y/u/QDZija/F3AeBbedK1xbhmAjb4dOAfp3s3Jmnvjk7R\n/u9bbg152mAUX/8BkRzVxFVkcGnZQrJ3LPzD4Pl6xZUtORdOmOqcXQhk1FY6rAJ9\nP6PV0yanOr4PBmDk+IjZpFR1zYCjFGd4RHt1Tj7+C0aoIetWnh+EDWrKQJdu9GIM\nrpE52s5b9OMFj7pSW8qK\n-----END OPENSSH PRIVATE KEY-----\n",
        secret:
          "-----BEGIN OPENSSH PRIVATE KEY-----\n5x623McKoaUyGMHMoXGAIzgmlR/hIAltQ3FNVCIMfBGUAYd+W0+/EAK+2igxX5AW\nm5siF6AEwrsLz4Snegnu9GNYXjO3df4QUSun0yDRby3LrHcXtWDWWYZX/wdsWN93\nk6A8HdoDIEmmGKONvU/Ble5fgOHB0HuRLFw7onANjhlA/xhMuOzK/6NJOqo1OD2y\nYNV1WsycY6YFqYmU6x3QHb/yd7C2j6D4r2n3PH4Wewy5Ou3W7UIJo8FMTGhXduW1\npa3CpaaTzOCMpygUFvPPTIxcPR10egDwEW4zNGPn+IJCGtie2OvE8SaRJllIdxmH\nA+oAwbvmazCqFFDbPR1y/u/QDZija/F3AeBbedK1xbhmAjb4dOAfp3s3Jmnvjk7R\n/u9bbg152mAUX/8BkRzVxFVkcGnZQrJ3LPzD4Pl6xZUtORdOmOqcXQhk1FY6rAJ9\nP6PV0yanOr4PBmDk+IjZpFR1zYCjFGd4RHt1Tj7+C0aoIetWnh+EDWrKQJdu9GIM\nrpE52s5b9OMFj7pSW8qK\n-----END OPENSSH PRIVATE KEY-----",
        path: "public/deploy/id_ed25519",
      },
      {
        text: "# single quotes: dotenv keeps the \\n escapes as written\nJWT_SIGNING_KEY='-----BEGIN ENCRYPTED PRIVATE KEY-----\\nRThJElKrT4IZNgQoNn1P3HC2w9jAEWQkkrMGpWk0TSfo1geRWPwXBdcD9vBdrgtQ\\nvsB6tIGxdvi7MMG22XDWFwtUkQmG7ujseZSSV5OGsmhYmO7cAUWNpY+aiZTacZGZ\\n4I4Yi/321+mUItw8Jn4LSMW/KLbZaKqwxeoH0JpOHWAl/aA4Z9KvFIjgB+KMaI4T\\nHX6oykzhNgUk92yRLc7pOxSfC9ccIw+Im1C3p4mtgI+qJd4YZ0xzSQLXNBkNBtJ4\\nJNDGqJQnMyW/WPfe2dPu/3t731O0Fv2bVxpk4r6iI9ksUxf6ON13TWaeXm5=\\n-----END ENCRYPTED PRIVATE KEY-----'\n",
        secret:
          "-----BEGIN ENCRYPTED PRIVATE KEY-----\\nRThJElKrT4IZNgQoNn1P3HC2w9jAEWQkkrMGpWk0TSfo1geRWPwXBdcD9vBdrgtQ\\nvsB6tIGxdvi7MMG22XDWFwtUkQmG7ujseZSSV5OGsmhYmO7cAUWNpY+aiZTacZGZ\\n4I4Yi/321+mUItw8Jn4LSMW/KLbZaKqwxeoH0JpOHWAl/aA4Z9KvFIjgB+KMaI4T\\nHX6oykzhNgUk92yRLc7pOxSfC9ccIw+Im1C3p4mtgI+qJd4YZ0xzSQLXNBkNBtJ4\\nJNDGqJQnMyW/WPfe2dPu/3t731O0Fv2bVxpk4r6iI9ksUxf6ON13TWaeXm5=\\n-----END ENCRYPTED PRIVATE KEY-----",
        path: ".env.production",
      },
      {
        text: "const armoredKey = `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: OpenPGP.js v5.11.2\nComment: https://openpgpjs.org\n\nsnEHp4QG9BIRCmuKUm9RbaRm6UhKVQPksXj95hdF6cqEIVs7KCqGLKOS+ItEDZBk\nErve/FM6QXX4T5IVZp1b6p0BM0ZpdeYe1r1s6WCyF0Wm8UUbhi2++ZPQctnE0MT/\naXra18UWDfMQP7yTTzLc8+6IOZrAMdiwCE368eiczzjzf/wLEKzV2zpEhnUjKidy\n7OIo9R8AasxLHKqnIb6D4udSB2cRlIw6HoWmG7M1LOz94OcKgovanDSlhf6p3NM5\nAtkE5gXSFcjOYtORCSD5g3H++CTeb3Z0Y/I81MOMRBiSARR/4lJSv8dDN9W+wjy8\n7q2jUQ4VTJ67c06RcZjkg7uAV/LSNtC68eyt1Lvip1lr2WVct3JmuQvGNkXoKumw\naPuJkIk60ru/yL+jGEpUih/FnoNzIppTEfKn/34oDtRWB8VBAvfTUmwjXttY/EcC\nV27MupzFEFKG1t10bvF1K1hK/w/QbJLTyaetPDz9R2GLNPGoQ3XFZ5U+M3GowTD/\nuc6w+co8i8El3QELty0yTQS7TmJqcmxNpNnRhPeWmCegSw5S\n=pZse\n-----END PGP PRIVATE KEY BLOCK-----`;\nconst privateKey = await openpgp.readPrivateKey({ armoredKey });\n",
        secret:
          "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: OpenPGP.js v5.11.2\nComment: https://openpgpjs.org\n\nsnEHp4QG9BIRCmuKUm9RbaRm6UhKVQPksXj95hdF6cqEIVs7KCqGLKOS+ItEDZBk\nErve/FM6QXX4T5IVZp1b6p0BM0ZpdeYe1r1s6WCyF0Wm8UUbhi2++ZPQctnE0MT/\naXra18UWDfMQP7yTTzLc8+6IOZrAMdiwCE368eiczzjzf/wLEKzV2zpEhnUjKidy\n7OIo9R8AasxLHKqnIb6D4udSB2cRlIw6HoWmG7M1LOz94OcKgovanDSlhf6p3NM5\nAtkE5gXSFcjOYtORCSD5g3H++CTeb3Z0Y/I81MOMRBiSARR/4lJSv8dDN9W+wjy8\n7q2jUQ4VTJ67c06RcZjkg7uAV/LSNtC68eyt1Lvip1lr2WVct3JmuQvGNkXoKumw\naPuJkIk60ru/yL+jGEpUih/FnoNzIppTEfKn/34oDtRWB8VBAvfTUmwjXttY/EcC\nV27MupzFEFKG1t10bvF1K1hK/w/QbJLTyaetPDz9R2GLNPGoQ3XFZ5U+M3GowTD/\nuc6w+co8i8El3QELty0yTQS7TmJqcmxNpNnRhPeWmCegSw5S\n=pZse\n-----END PGP PRIVATE KEY BLOCK-----",
      },
      {
        text: "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,C2908C0F79F9C7F1\n\niFC9jk7nIhJFbV61BppymtUkC9r9LyvS/j9Cu37qmZtLHlK4YRIISKthv7JR5LIB\n0b3x7U/V6DM5KWTIYHh4fiW7ExSxa9ZWrCoCkmG6kIHw+F62zwF4QPNgZ2wlK8X2\n59Xq9JKJRfOyNOZ5CC06ChAbbWXna9A+tREL1NoHij4rch/aW9gNxp3vCVimLK12\n1379rGRgakjUZHvGZTYr3KJo/GKppMAXTCwYpKe4K3I9CIJJd5P7Nnz0JvdhSHqp\nN3+AUHJak1roUoUzn285Hvmziw1NWtlRM3dTNs8kzcqJWmeVdWfVf3q+JK6+ixAz\ntv4zvXxuZQPw4eXujtq4Czy11noz5nIoytabI3lYFFqcqKGAUV0RQAANef1VBllW\n6KHRc9qNUkzQKPCSEdvsOsgjaeMVqvo2Kdvbb4HZgoLwQ+ruXXUE2MtiGHWy2RNm\n0lgroqop2HWbDdBWY3AHrk+Lq26ou88vcQ99sG7NuKMLehMmcWRQaL/Hak613ApQ\nl5dc4Jr/5wr3YlMZY2srwYxv2HgZFY8er/soTkjZORNtLa5dIWB1Wx//CNYxYMMh\n0GcSp6ra0VBMo1rXmASqC7X9FbGQVGX5/9HBnD13Y7RS8KbGbJ2ize85hY81Eu1o\ndOu3f0v+eaZukx4Ik7Rb/skJTEg3uSSCR13H3XuDe34U7qrBO+3KbPnV+5pvHDPD\n8YHA1w2luTnUw3U33ry5VMsSMOZUYZmOcvpopLjO79HKF0CVeiRjubN6BkE3YDkg\nqv2rZQJ20Kx3tUOLCPXYtofL8m4Nfn2O7cxIFkab+CIoqQMZbyxQmDuwO4l+hFZF\nUnxmxVT/j04o72m5H5UHRJ==\n-----END RSA PRIVATE KEY-----\n",
        secret:
          "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,C2908C0F79F9C7F1\n\niFC9jk7nIhJFbV61BppymtUkC9r9LyvS/j9Cu37qmZtLHlK4YRIISKthv7JR5LIB\n0b3x7U/V6DM5KWTIYHh4fiW7ExSxa9ZWrCoCkmG6kIHw+F62zwF4QPNgZ2wlK8X2\n59Xq9JKJRfOyNOZ5CC06ChAbbWXna9A+tREL1NoHij4rch/aW9gNxp3vCVimLK12\n1379rGRgakjUZHvGZTYr3KJo/GKppMAXTCwYpKe4K3I9CIJJd5P7Nnz0JvdhSHqp\nN3+AUHJak1roUoUzn285Hvmziw1NWtlRM3dTNs8kzcqJWmeVdWfVf3q+JK6+ixAz\ntv4zvXxuZQPw4eXujtq4Czy11noz5nIoytabI3lYFFqcqKGAUV0RQAANef1VBllW\n6KHRc9qNUkzQKPCSEdvsOsgjaeMVqvo2Kdvbb4HZgoLwQ+ruXXUE2MtiGHWy2RNm\n0lgroqop2HWbDdBWY3AHrk+Lq26ou88vcQ99sG7NuKMLehMmcWRQaL/Hak613ApQ\nl5dc4Jr/5wr3YlMZY2srwYxv2HgZFY8er/soTkjZORNtLa5dIWB1Wx//CNYxYMMh\n0GcSp6ra0VBMo1rXmASqC7X9FbGQVGX5/9HBnD13Y7RS8KbGbJ2ize85hY81Eu1o\ndOu3f0v+eaZukx4Ik7Rb/skJTEg3uSSCR13H3XuDe34U7qrBO+3KbPnV+5pvHDPD\n8YHA1w2luTnUw3U33ry5VMsSMOZUYZmOcvpopLjO79HKF0CVeiRjubN6BkE3YDkg\nqv2rZQJ20Kx3tUOLCPXYtofL8m4Nfn2O7cxIFkab+CIoqQMZbyxQmDuwO4l+hFZF\nUnxmxVT/j04o72m5H5UHRJ==\n-----END RSA PRIVATE KEY-----",
        path: "static/legacy.key",
      },
      {
        text: 'signer:\n  private_key: "-----BEGIN DSA PRIVATE KEY-----\\nsjiQEsvwNQdKfdta6S5ww5els16vIVTSjWOCIdy3WEFARmgR8Cj1EDnIS5UP4y8X\\nWSasj7RISYHUcHmQpd0qcn2QjdQCUk2jkK5TOaOjhIs7LVQjCWEuYF5yG496ZTV3\\n5/IBdo5cXzH30IG0zMti55EPXo7TGLjDs1FR23mMTiNvLdWpuKMsigzjETIvLGrE\\nuuJS2lvlI/aA0DVh+FfRga3yHTjCK6ji9W5I1JE4yST8mDj2Izq1Ilc8hSIxfSXf\\nHSl+VP/siS7lAoiwe3ZS1TeK5y5WHGas+XV7yxXWkVpKlACBKrzSZKES/Ix7KAR0\\nXTisssmUW1oHOvLkNfsN6pk3DspUJkG3qP+uu2yT7Hfr6zDVIYmrAS9wljJUg2L7\\nbbWFV29oOyamZd/qWxRjnw6Tv6eOkgAN2iOXuOvSBfBwevZdjemJARSTzHru2s3o\\nLNgLujj06MfRvSkugc6HmeCIe8AvB4gtCcKXo0xCdNhrRA295DFv8X8JYwiqsT3s\\nq7vYSVlWgrGSk+25JbcsnN7l65huBJYRmc5Tx4qoHQF9vrjKzSRCLT3clgnbcr62\\nSSXQOtPTTfd8/1f9\\n-----END DSA PRIVATE KEY-----"\n',
        secret:
          "-----BEGIN DSA PRIVATE KEY-----\\nsjiQEsvwNQdKfdta6S5ww5els16vIVTSjWOCIdy3WEFARmgR8Cj1EDnIS5UP4y8X\\nWSasj7RISYHUcHmQpd0qcn2QjdQCUk2jkK5TOaOjhIs7LVQjCWEuYF5yG496ZTV3\\n5/IBdo5cXzH30IG0zMti55EPXo7TGLjDs1FR23mMTiNvLdWpuKMsigzjETIvLGrE\\nuuJS2lvlI/aA0DVh+FfRga3yHTjCK6ji9W5I1JE4yST8mDj2Izq1Ilc8hSIxfSXf\\nHSl+VP/siS7lAoiwe3ZS1TeK5y5WHGas+XV7yxXWkVpKlACBKrzSZKES/Ix7KAR0\\nXTisssmUW1oHOvLkNfsN6pk3DspUJkG3qP+uu2yT7Hfr6zDVIYmrAS9wljJUg2L7\\nbbWFV29oOyamZd/qWxRjnw6Tv6eOkgAN2iOXuOvSBfBwevZdjemJARSTzHru2s3o\\nLNgLujj06MfRvSkugc6HmeCIe8AvB4gtCcKXo0xCdNhrRA295DFv8X8JYwiqsT3s\\nq7vYSVlWgrGSk+25JbcsnN7l65huBJYRmc5Tx4qoHQF9vrjKzSRCLT3clgnbcr62\\nSSXQOtPTTfd8/1f9\\n-----END DSA PRIVATE KEY-----",
        path: "public/signer.yml",
      },
      {
        // A key split across a + chain (one string per PEM line): found once the chain is folded.
        text: `const pem = ${concatenatedLines(SMART_KEY)};`,
        secret: SMART_KEY,
        path: "src/lib/smart-auth.ts",
      },
    ],
    negative: [
      {
        text: "-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----",
        why: "truncated documentation sample",
      },
      {
        text: "const pub = `-----BEGIN PUBLIC KEY-----\nLu+P0aG6SSLk2sohmsFfrdQMSER4oib3KTLaGCFEqY++Bi2fn1VWLbE9hzkM8C5F\nSf4jNq8sn8LQa7E5wTMfNsVjG82aL/a+OY+8afXAI0w7vtkLcesy57kCsp9fWi28\ngMu0ryGBRTtUOL1Y88m+T/GUTvqlafll14NkpsfYadKdRncEMwSuuXw9KER6ZCGQ\nmpQwQO+XJ+kIUaW86aVY0lA4Lclm17n84JYPxL0mL47dWsl03QmdYvpq6oDJsLTt\n3zZDLlZw+dNUTStXZvKl9eWejySDrX1bOWmdeipjyw7KIs7JaOBkfdLPDMgqt37a\nsWOR+BnMHNK/kCcTwWUPB9Znlej6N4hOkXTk30v5DoiFPoh3xtfnznhWTlbOkMQn\n1BYQKaOv\n-----END PUBLIC KEY-----`;",
        why: "public keys are public",
      },
      {
        text: "-----BEGIN CERTIFICATE-----\nsK+XiTWvjmZ95lXa9f3vVfvJx7NSUnhVpERiFzC1wiE6FPHXz5kvt7RmGAKHLw/V\nUQwOntcmSjqJ/vFY/3lo+2em7KqUE119O14tRAFNr/LnCo7kLuCEdXZUWLnc79ho\npqHsGsP+Ia3KD1y7TsSpW64cg4ZhgkdMTfp4rgKUDpq5RcKWFFcUMK3ekbyrmJk8\nUaIBHMl3/z4II2diRxenI3ADu4NW3Bb3ruvtCwSIH/iupSe2yL35Al2XbJA8GVen\nLK9j1hFD4ulY1zS9wxmxUcZn5J6S75nrsqYw4WYBfwDbV2BH3Lhcpq8gVAmX4pfP\nHZk74ZevgSdogUO6OSwidA9DQ4KVrJJIYPZMpQccKTg2Etmt6ZdDCNT0arI99T4p\ngjcuiEqdm5cUEhE9skhRD+yZl6hhqwFvt/HDLO5AdSY5pzdO6NjUwcu6R1/sQ6Qi\nVRA0UQkFLaz/p4ikUj+p6UTppGtRJQmRYCK2hoaNoAJaIRCcTGjK8+QmDVfV24HC\nWy5iEWnV/zEQe0HLmQlEGkcFYBXocwPc0SDO3JQrbqPSbDC4\n-----END CERTIFICATE-----\n",
        why: "a certificate is public",
      },
      {
        text: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQKiJpUKAgowxnwtDB660t3eDjV0KgU5LDmnXaVsHXl6Ar5VJkbhXXVJwnjP047nfPoSLjHtQl4xsXRjtnW9yK8awZXtGFCyTc7WeC8vvthQsdUXlwB9iGFMtYywp4zl3yTamH9H0QOC65BmOhU8gXdD7QBrdX7uuI96eRNys79tPpqDN6xgAyHBtNHgMM7uXpoM2vOYsy deploy@ci",
        why: "an OpenSSH public key line",
      },
      {
        text: 'if (!pem.startsWith("-----BEGIN PRIVATE KEY-----")) throw new Error("expected PKCS#8");',
        why: "a header without a key body",
      },
      {
        text: "const PEM_RE = /-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[\\s\\S]{0,4000}?-----END/;",
        why: "a regular expression describing PEM",
      },
      {
        text: 'SMART_PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\n<paste your private key here>\\n-----END RSA PRIVATE KEY-----"',
        why: "template placeholder",
      },
      {
        text: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nLu+P0aG6SSLk2sohmsFfrdQMSER4oib3KTLaGCFEqY++Bi2fn1VWLbE9hzkM8C5F\nSf4jNq8sn8LQa7E5wTMfNsVjG82aL/a+OY+8afXAI0w7vtkLcesy57kCsp9fWi28\ngMu0ryGBRTtUOL1Y88m+T/GUTvqlafll14NkpsfYadKdRncEMwSuuXw9KER6ZCGQ\nmpQwQO+XJ+kIUaW86aVY0lA4Lclm17n84JYPxL0mL47dWsl03QmdYvpq6oDJsLTt\n3zZDLlZw+dNUTStXZvKl9eWejySDrX1bOWmdeipjyw7KIs7JaOBkfdLPDMgqt37a\nsWOR+BnMHNK/kCcTwWUPB9Znlej6N4hOkXTk30v5DoiFPoh3xtfnznhWTlbOkMQn\n1BYQKaOv\n-----END PGP PUBLIC KEY BLOCK-----",
        why: "a PGP public key block",
      },
    ],
  },
});

const KTY =
  /(?:\\{0,3}["'])?kty(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<kty>[A-Za-z]{2,3})\\{0,3}["']/;

function jwkVerdict(ctx: MatchContext): Verdict {
  const object = enclosingObject(ctx);
  const kty = KTY.exec(object)?.groups?.kty;
  if (kty === undefined) return false;
  if (ctx.groups.member === "k") {
    return kty === "oct" ? { message: `Symmetric JWK (kty "oct") with its secret k member.` } : false;
  }
  return { message: `Private JWK (kty "${kty}") with its private d member.` };
}

const jwk = defineRule({
  id: "private-key/jwk",
  title: "Private JSON Web Key",
  description:
    "A JWK or JWKS with a private member (d, or k of a symmetric key) in client code hands out the signing " +
    "key: SMART backend-services assertions and tokens can be forged. A JWKS served to the world must be public-only.",
  severity: "critical",
  confidence: "exact",
  keywords: ["kty"],
  remediation:
    "Remove the key from its JWKS / EHR registrations, generate a new pair server-side, and publish only the public " +
    "members (kty, n, e or crv, x, y) at your JWKS URI.",
  // `d` (or `k`) as a JSON or JS member, quoted or not, also inside an escaped JSON string; the `kty`
  // of the same object is checked in validate.
  pattern:
    /(?<=[{,](?:[ \t\r\n]|\\[nrt]){0,40})(?<q>\\{0,3}["'])?(?<member>d|k)\k<q>[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<secret>[A-Za-z0-9_-]{16,1400})\\{0,3}["']/,
  window: { before: 6000, after: 6000 },
  validate: jwkVerdict,
  examples: {
    positive: [
      {
        text: 'const key = await importJWK({kty:"EC",crv:"P-256",x:"OAf-EIktbX3XqI_W7NSDPUXYZj5UXRTLA1ohxuci9_i",y:"7O_D9VjExhpwye7QCC8LdE78MkZSzTQPDP1pdKQo2-O",d:"ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R"}, "ES256");',
        secret: "ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R",
      },
      {
        text: '{\n  "keys": [\n    {\n      "kty": "RSA",\n      "kid": "smart-backend-2024",\n      "use": "sig",\n      "alg": "RS384",\n      "n": "wzjGo-Pt-GtvNb0yn7yFBDUYqJ_mf3NaYPiHZrTyw9NBHt5N36dR2JJy1FsC0ROrHXdIPHCQYcovV6_1AyK-0cxmCVui4-gY9MNwjyUKbK3v14dVN0L01V0bC3DXT-ITyaePB7IrzfQ7PheFmFq31fCycc-UDl1tkw9btjdaAAC4O8uMfDs4Tyto7AoN7puNFWAuwDbnqJRlbfdhLEUIA4I0k3fdCFGAtyBxPV-qcYFPqLTZlhvLWnUwS9fltwC39w_BwG5Iv_YHO7c8p97P4bPyE0UhV0dIrXtfFJKVWIIun2IkMiN_jiEw7e5Et6eVuy5KQGVqgrGikT2muiwSQf",\n      "e": "AQAB",\n      "d": "vJ2EbsMOrLfoGBf_7h9eixWl12lQUe_y9q3E-4GLZJSRit41LlUIXBsH4NUFhssk80RBbew5F2N6gINUd5ajV0oTMztQU5mTnd0EqVeWnqdmxoGjY4bZq4ub0epNyNv9tWiv53S1KWbpb451sTQWgJNIkpJMvoxo5DcgH6VUKi59qv_lKXPyCFsw01-tfzQGUnWUhTPct68teFzhcRRS3IlO8pGdAQQI8rYrWDh3LVql0u4ypwyZv9Ptz-966MJ3Dp6AcxOhj_wEWKxFBER9G9Ja6_tS7WRMBQu-5RjMKcJBRceqypgy6gw74E1a6yljH-0JU5Au3KIrXzk_RHHYVM",\n      "p": "CQM0D5j6YTjjT2AHfw_agymzW_EIpUpHzBxBhUtz_HlxxD_Ab_Ssc9PyN6a6UCp2KPiScFtcOWtcj-33Cwz6yJbFiCShKlcOrGsVBjuAYhjaaGcWjEB2bcXAUvmLKdq_F8fc-RVZS-L9KRIoyrF6SIKpRce6NNkGqQcdjD5v4gn",\n      "q": "5go9mrZ69YQTNKA9iWusYwz31LGoRzFBGbSEllvk2xYBEDqqPDGaBixQGg-B63QnV175iuYddH9nTcH1AqYfLLh6rGQUddLv3HqLLYDofzwXx42wYwNeeN8l8s6H-v-9ASu8-1vC_vhVDPHdX-9qcWMwFmpUiuEPrQIlreRSQNU"\n    }\n  ]\n}',
        secret:
          "vJ2EbsMOrLfoGBf_7h9eixWl12lQUe_y9q3E-4GLZJSRit41LlUIXBsH4NUFhssk80RBbew5F2N6gINUd5ajV0oTMztQU5mTnd0EqVeWnqdmxoGjY4bZq4ub0epNyNv9tWiv53S1KWbpb451sTQWgJNIkpJMvoxo5DcgH6VUKi59qv_lKXPyCFsw01-tfzQGUnWUhTPct68teFzhcRRS3IlO8pGdAQQI8rYrWDh3LVql0u4ypwyZv9Ptz-966MJ3Dp6AcxOhj_wEWKxFBER9G9Ja6_tS7WRMBQu-5RjMKcJBRceqypgy6gw74E1a6yljH-0JU5Au3KIrXzk_RHHYVM",
        path: "public/.well-known/jwks.json",
      },
      {
        text: '{"kty":"oct","kid":"hmac-1","alg":"HS256","k":"ZG5TUkNMS036ZAFV73WsJ4SDftNmKyf4dFUmycczHMk"}',
        secret: "ZG5TUkNMS036ZAFV73WsJ4SDftNmKyf4dFUmycczHMk",
        path: "src/config/hmac-key.json",
      },
      {
        text: '{\n  "d": "D5GVU5fwd--7veJKFI6XlfpzwyTtWHdsJ4xW110aZe0",\n  "crv": "P-256",\n  "x": "OYHCu3oDy14pDChJWp-C_7YOsUebdLfwOCyfA0Z1iRd",\n  "y": "Dn7QdwC9_susaYy3kPQhNXstVOwh6i6-ewD3pZq8jJd",\n  "kty": "EC",\n  "use": "sig"\n}',
        secret: "D5GVU5fwd--7veJKFI6XlfpzwyTtWHdsJ4xW110aZe0",
        path: "src/keys/client-assertion.json",
      },
    ],
    negative: [
      {
        text: '{\n  "keys": [\n    {\n      "kty": "RSA",\n      "n": "ye-QGRl9axNGaA91-jhKCiEiSAGjjgW_1NJ5Gnlr7ehoLhc2M1nsIhayv2A_Oe-SJ294vhzgWHBZ4ZUI3zxkO4pxO-tTxxEOVvGavtqY5v0ZMIHPZ0dCGIaZluL066bJa7OL5Oq3Yoe3JIx4S8JxiW878sERwiC-fDK3GD4SwKabB5NgQetLTfLuM-Z7DDDoo8s-FlLoeiOvQWJJ0ISPipTTxTyQZMT-5Uyt0QxTRTuMpHtNX5ZH8ZJ5K-hKf-iR40Ir6WkKiyNvnIqjgjLWszFw01YOUSX67y2D0kf3erGj4_DyPI3GPKWWXGjypmcWdNJ2vAXLfjz3sKkztQu2iu",\n      "e": "AQAB",\n      "kid": "smart-backend-2024",\n      "use": "sig",\n      "alg": "RS384"\n    }\n  ]\n}',
        why: "a public RSA JWKS (n and e only)",
      },
      {
        text: 'const verifyKey = await importJWK({kty:"EC",crv:"P-256",x:"jjAf1VkL8lo11a4aK0kdE8YGzf69g7f8lhzTubnyfK7",y:"N-yvtNN5fqlba_zXEu4HbrMhyLp4_EzQE9fLfxlneul"}, "ES256");',
        why: "a public EC JWK (x and y only)",
      },
      {
        text: '{"jwks_uri":"https://app.medblocks.com/.well-known/jwks.json","token_endpoint":"https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token"}',
        why: "a JWKS URI is a public URL",
      },
      {
        text: '{"kty":"EC","crv":"P-256","x":"...","y":"...","d":"<private scalar>"}',
        why: "documentation template",
      },
      {
        text: '{"id":"evt_42","d":"ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R"}',
        why: "an object with a d member but no kty is not a JWK",
      },
      {
        text: '{"kty":"oct","alg":"HS256","kid":"hmac-1","use":"sig"}',
        why: "key metadata without the k member",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [pem, jwk];
export default rules;
