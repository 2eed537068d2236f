import { createHash } from "node:crypto";

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/**
 * Identity of a finding: the rule and the secret, nothing about where. A rebuilt bundle with a new hash
 * in its name, or a line that moved, keeps the same fingerprint (noseyparker's finding_id does the same).
 */
export function fingerprint(ruleId: string, secret: string): string {
  return sha256Hex(`${ruleId}\0${secret}`);
}
