// Code-host tokens that leak from frontends (a "release notes" widget calling the GitHub API, a CMS fed
// from a private repository): GitHub classic and fine-grained tokens, GitHub App / OAuth tokens, GitLab
// personal access tokens. Prefix formats, so each rule is exact.
// Example secrets: scripts/fake-vendor-secrets.mjs, createVendorFaker(707): generated, never issued.
import { defineRule, type PatternRule } from "../src/rule-kit/index.js";

const GITHUB_REMEDIATION =
  "Revoke the token (github.com → Settings → Developer settings → Personal access tokens, or the OAuth / " +
  "GitHub App's settings), check the security log for its use, and call the GitHub API from your backend " +
  "with a token that only it holds.";

const githubPersonalToken = defineRule({
  id: "github/personal-access-token",
  title: "GitHub personal access token",
  description:
    "A classic (ghp_) or fine-grained (github_pat_) personal access token acts as its owner: depending on " +
    "its scopes, anyone who reads the bundle can read private repositories, push code and change settings.",
  severity: "critical",
  confidence: "exact",
  keywords: ["ghp_", "github_pat_"],
  publicPrefix: /^(?:ghp_|github_pat_)/,
  remediation: GITHUB_REMEDIATION,
  references: [
    "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats",
  ],
  pattern:
    /(?<![A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/,
  window: { before: 16, after: 112 },
  examples: {
    positive: [
      {
        text: 'const octokit = new Octokit({ auth: "ghp_N03ONC8amViOp49IuAupiEVO6iSY12uYJm05" });',
        secret: "ghp_N03ONC8amViOp49IuAupiEVO6iSY12uYJm05",
        path: "src/widgets/releases.ts",
      },
      {
        text: 'fetch("https://api.github.com/repos/northwind/content/contents/news.md",{headers:{Authorization:"token ghp_oalubfaReMcw4Ws6LbrlIxsbMc1GEcaKX1om"}})',
        secret: "ghp_oalubfaReMcw4Ws6LbrlIxsbMc1GEcaKX1om",
        path: "dist/assets/news-5e1a.js",
      },
      {
        text: "VITE_GITHUB_TOKEN=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\n",
        secret:
          "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",
        path: ".env",
      },
    ],
    negative: [
      { text: 'GITHUB_TOKEN="ghp_..."', why: "documentation placeholder" },
      { text: "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: "const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });",
        why: "env lookup without a value",
      },
      { text: "const TOKEN = /ghp_[A-Za-z0-9]{36}/;", why: "a regular expression describing the shape" },
      {
        text: 'const sha = "ghp_N03ONC8amViOp49IuAupiEVO6iSY12uYJm05Z9";',
        why: "too long for a classic token: not the ghp_ format",
      },
      {
        text: 'window.__NEXT_DATA__={"user":{"login":"octocat","node_id":"MDQ6VXNlcjE=","avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4"}}',
        why: "public GitHub user ids and URLs are not credentials",
      },
    ],
  },
});

const githubAppToken = defineRule({
  id: "github/app-token",
  title: "GitHub OAuth or App token",
  description:
    "An OAuth access token (gho_), a GitHub App user-to-server (ghu_) or installation (ghs_) token, or a refresh " +
    "token (ghr_): each acts for a user or an installation on the repositories it was granted.",
  severity: "high",
  confidence: "exact",
  keywords: ["gho_", "ghu_", "ghs_", "ghr_"],
  publicPrefix: /^gh[ousr]_/,
  remediation: GITHUB_REMEDIATION,
  references: [
    "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/about-authentication-with-a-github-app",
  ],
  pattern: /(?<![A-Za-z0-9_])(?<secret>gh[ousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/,
  window: { before: 16, after: 272 },
  validate: (ctx) =>
    ctx.secret.startsWith("ghs_")
      ? {
          message:
            "GitHub App installation token: it expires within an hour, so one in a bundle means a build step " +
            "minted it; that step's App private key is the credential to protect.",
        }
      : ctx.secret.startsWith("ghr_")
        ? { message: "GitHub refresh token: it mints new user-to-server tokens for months." }
        : true,
  examples: {
    positive: [
      {
        text: 'localStorage.setItem("gh","gho_PYNeOTSQv7f6xs9iALEOGW99Vm2vEANtNX29");',
        secret: "gho_PYNeOTSQv7f6xs9iALEOGW99Vm2vEANtNX29",
      },
      {
        text: '{"access_token":"ghu_0rgICFHaNnMtk8xDFOdkAVOf3oVio2l8TO0g","expires_in":28800,"refresh_token":"ghr_VG8be4IBofnbBqcHsCRCEkDKhAzwXmpdIrC1","token_type":"bearer"}',
        secret: "ghr_VG8be4IBofnbBqcHsCRCEkDKhAzwXmpdIrC1",
        path: "public/session.json",
      },
      {
        text: 'var i={installationToken:"ghs_IAhdVZfvNuVo05sdxveH5ZexmCOHjCl0unlY",repo:"northwind/cms"};',
        secret: "ghs_IAhdVZfvNuVo05sdxveH5ZexmCOHjCl0unlY",
        path: "build/static/js/main.0c3e.js",
      },
    ],
    negative: [
      { text: 'token: "ghs_..."', why: "documentation placeholder" },
      { text: "GH_TOKEN=ghu_000000000000000000000000000000000000", why: "filler placeholder" },
      {
        text: 'const classes = "ghost_button ghs_small ghr_row";',
        why: "identifiers with a look-alike prefix are far too short",
      },
      {
        text: 'const octokit = new Octokit({ auth: "ghp_N03ONC8amViOp49IuAupiEVO6iSY12uYJm05" });',
        why: "a personal access token: github/personal-access-token reports it",
      },
    ],
  },
});

const gitlabToken = defineRule({
  id: "gitlab/personal-access-token",
  title: "GitLab personal access token",
  description:
    "A GitLab personal, project or group access token (glpat-) acts with its scopes on gitlab.com or your " +
    "instance: api scope means reading and writing every repository, issue and pipeline its owner can.",
  severity: "critical",
  confidence: "exact",
  keywords: ["glpat-"],
  publicPrefix: /^glpat-/,
  remediation:
    "Revoke the token (User settings → Access tokens, or the project's / group's Settings → Access tokens), " +
    "check the audit events for its use, and call the GitLab API from your backend.",
  references: ["https://docs.gitlab.com/security/tokens/"],
  // 20 characters, or the longer routable format that ends in `.01.` and a 9-character suffix.
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.[0-9a-z]{9})?)(?![A-Za-z0-9_.-])/,
  window: { before: 16, after: 336 },
  minEntropy: 3,
  examples: {
    positive: [
      {
        text: 'const api = new Gitlab({ host: "https://gitlab.northwind-clinic.org", token: "glpat-_gmFrJPHWIwZFnmWThyk" });',
        secret: "glpat-_gmFrJPHWIwZFnmWThyk",
      },
      {
        text: "VUE_APP_GITLAB_TOKEN=glpat-JhEpU-GZ8RxKccGsVeCW\n",
        secret: "glpat-JhEpU-GZ8RxKccGsVeCW",
        path: ".env",
      },
      {
        text: 'fetch(e+"/api/v4/projects/42/issues",{headers:{"PRIVATE-TOKEN":"glpat-CAocjX4AbNfY73lV7YgGCjDGlIA.01.120ab3k9x"}})',
        secret: "glpat-CAocjX4AbNfY73lV7YgGCjDGlIA.01.120ab3k9x",
        path: "dist/assets/issues-2b8d.js",
      },
    ],
    negative: [
      { text: 'GITLAB_TOKEN="glpat-..."', why: "documentation placeholder" },
      { text: "GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      { text: "GITLAB_TOKEN=glpat-<your-token>", why: "template placeholder" },
      {
        text: 'headers: { "PRIVATE-TOKEN": process.env.GITLAB_TOKEN }',
        why: "env lookup without a value",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [githubPersonalToken, githubAppToken, gitlabToken];
export default rules;
