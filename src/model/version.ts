import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

/**
 * Read from package.json at run time, never hard-coded: the same code runs from src/ under the test
 * runner and from dist/src/ when installed, so the file is found by walking up.
 */
function readToolInfo(): ToolInfo {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Record<
        string,
        unknown
      >;
      if (manifest.name === "clientleak") {
        return {
          name: "clientleak",
          version: String(manifest.version),
          informationUri:
            typeof manifest.homepage === "string"
              ? manifest.homepage
              : "https://github.com/clientleak/clientleak",
        };
      }
    } catch {
      // No package.json at this level: keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      return {
        name: "clientleak",
        version: "0.0.0",
        informationUri: "https://github.com/clientleak/clientleak",
      };
    dir = parent;
  }
}

export const TOOL: ToolInfo = readToolInfo();
