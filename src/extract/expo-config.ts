/**
 * An Expo app's `app.json`: everything under `expo.extra` is copied into the app and readable by any
 * code through `expo-constants` (`Constants.expoConfig.extra`), so a value there ships to every device.
 * The JSON extractor skips unescaped values (the raw layer sees them already); here every `extra` value
 * becomes a fragment with its key path, which is what findings/shipped.ts reads to count the occurrence
 * as shipped. (`app.config.*` is JavaScript: its key paths come from the JavaScript extractor.)
 */
import type { FileKind } from "../model/types.js";
import type { Fragment, SourceText } from "./fragment.js";
import { eachJsonString } from "./json-strings.js";
import type { Extraction } from "./types.js";

const EXPO_APP_JSON = /(?:^|\/)app\.json$/;
const EXTRA = /^(?:expo\.)?extra(?:\.|\[)/;

export function extractExpoExtra(source: SourceText, _kind: FileKind): Extraction {
  if (!EXPO_APP_JSON.test(source.path)) return { fragments: [], diagnostics: [] };
  const fragments: Fragment[] = [];
  for (const string of eachJsonString(source.text))
    if (EXTRA.test(string.keyPath))
      fragments.push({ source, text: string.value, layer: "json", map: string.map, keyPath: string.keyPath });
  return { fragments, diagnostics: [] };
}
