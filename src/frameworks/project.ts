/**
 * The public env prefixes of the project being scanned: package.json and framework config files of each
 * scanned directory and of the working directory, read as text (detect.ts never executes them). Done once
 * per scan on the main thread; the result travels to workers as plain data.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ScanSettings } from "../config/resolve.js";
import { readTextFileSync } from "../model/safe-read.js";
import { PUBLIC_ENV_FRAMEWORKS, type PublicEnvFramework } from "../rule-kit/public-env.js";
import { detectPublicEnv, type ProjectFile } from "./detect.js";

/** package.json, app.json, and the config files detect.ts knows, whatever their extension. */
const PROJECT_FILE =
  /^(?:package\.json|app\.json|(?:vite|next|vue|nuxt|svelte|astro|app)\.config\.[cm]?[jt]s|gatsby-config\.[cm]?[jt]s)$/;
/** Config files are small; a larger one is not a config file worth reading. */
const MAX_PROJECT_FILE_BYTES = 512 * 1024;

export function detectProjectPublicEnv(
  settings: Pick<ScanSettings, "cwd" | "roots">,
): readonly PublicEnvFramework[] {
  const directories = new Set([
    settings.cwd,
    ...settings.roots.map((root) => path.resolve(settings.cwd, root)),
  ]);
  const files = [...directories].flatMap(projectFilesIn);
  const detected = detectPublicEnv(files);
  return detected.length > 0 ? detected : PUBLIC_ENV_FRAMEWORKS;
}

function projectFilesIn(directory: string): ProjectFile[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => PROJECT_FILE.test(name));
  } catch {
    return []; // A file root, or an unreadable directory: the walker reports it.
  }
  return names.flatMap((name) => {
    const file = path.join(directory, name);
    try {
      return [{ name, text: readTextFileSync(file, MAX_PROJECT_FILE_BYTES) }];
    } catch {
      return [];
    }
  });
}
