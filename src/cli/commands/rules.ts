import { allRules } from "../../../rules/index.js";
import { EXIT } from "../../workflow/exit-codes.js";
import type { CommandContext } from "./context.js";

export function registerRules({ program, io, setExitCode }: CommandContext): void {
  program
    .command("rules")
    .description("list every rule: id, severity, title")
    .action(() => {
      const width = Math.max(...allRules.map((rule) => rule.id.length));
      for (const rule of allRules)
        io.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}\n`);
      setExitCode(EXIT.clean);
    });
}
