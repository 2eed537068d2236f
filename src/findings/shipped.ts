/**
 * Shipped copies versus the code a developer edits. A bundle position that a map traces back, an
 * original source carried in a map, a map itself and anything in build output are what reached the
 * browser; the rest is source. Reports lead with the source and list the shipped copies under it.
 */
import picomatch from "picomatch";
import type { Occurrence } from "../model/types.js";
import { DEFAULT_BUILD_GLOBS } from "../walk/client-server.js";

const isBuildOutput = picomatch(DEFAULT_BUILD_GLOBS, { dot: true });

export function isShipped(occurrence: Occurrence): boolean {
  const { location } = occurrence;
  return (
    occurrence.original !== undefined ||
    location.virtualSource !== undefined ||
    location.path.endsWith(".map") ||
    // Inside an app archive (app.apk!/…) or precompressed for a web server (main.js.gz): built to ship.
    location.path.includes("!/") ||
    /\.(?:gz|br)$/.test(location.path) ||
    isBuildOutput(location.path) ||
    isExpoExtra(location.path, occurrence.keyPath)
  );
}

/**
 * Expo copies `extra` from app.json / app.config.* into the app, where any code reads it through
 * `expo-constants` (`Constants.expoConfig.extra`): a value there ships to every device.
 */
const EXPO_CONFIG = /(?:^|\/)app\.(?:json|config\.(?:[cm]?[jt]s|json))$/;
const EXTRA_KEY = /^(?:expo\.)?extra(?:\.|\[|$)/;

function isExpoExtra(path: string, keyPath: string | undefined): boolean {
  return keyPath !== undefined && EXPO_CONFIG.test(path) && EXTRA_KEY.test(keyPath);
}
