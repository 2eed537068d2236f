/**
 * The one registry of rules. Every family file default-exports its rules; this module concatenates them
 * and refuses duplicate ids (baselines, suppressions and SARIF refer to rules by id).
 */
import type { Rule } from "../src/rule-kit/index.js";
import chat from "./chat.js";
import cloud from "./cloud.js";
import codeHosts from "./code-hosts.js";
import databases from "./databases.js";
import env from "./env.js";
import http from "./http.js";
import identityCloud from "./identity-cloud.js";
import jsShapes from "./js-shapes.js";
import medblocks from "./medblocks.js";
import messaging from "./messaging.js";
import paymentsAi from "./payments-ai.js";
import privateKeys from "./private-keys.js";
import production from "./production.js";

function registry(...families: (readonly Rule[])[]): readonly Rule[] {
  const rules = families.flat();
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new Error(`rule id "${rule.id}" is registered twice`);
    seen.add(rule.id);
  }
  return Object.freeze(rules);
}

export const allRules: readonly Rule[] = registry(
  medblocks,
  privateKeys,
  cloud,
  http,
  env,
  jsShapes,
  paymentsAi,
  codeHosts,
  chat,
  messaging,
  identityCloud,
  databases,
  production,
);
