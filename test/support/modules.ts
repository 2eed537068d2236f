/**
 * The module graph as the tests see it: which files there are and what each one loads. Babel reads the
 * code, so strings and comments (rule examples quote imports) never count.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import { REPO_ROOT } from "./cli.js";

export function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.[cm]?ts$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => path.join(dir, file));
}

export interface ModuleUse {
  /** Every module named by import, export … from, import() or require(). */
  specifiers: string[];
  /** `import(x)` / `require(x)` whose argument is not a string literal: code chosen at run time. */
  computedLoads: number;
  fetchCalls: number;
}

type Node = { type: string; [key: string]: unknown };

/** Walks a Babel AST for module loads and fetch calls; strings and comments (rule examples) never count. */
export function moduleUse(code: string): ModuleUse {
  const program = parse(code, { sourceType: "module", plugins: ["typescript"] }).program as unknown as Node;
  const use: ModuleUse = { specifiers: [], computedLoads: 0, fetchCalls: 0 };
  const load = (argument: Node | undefined) => {
    if (argument?.type === "StringLiteral") use.specifiers.push(argument.value as string);
    else use.computedLoads++;
  };
  const stack: Node[] = [program];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const source = node.source as Node | null | undefined;
    if (/^(?:Import|ExportNamed|ExportAll)Declaration$/.test(node.type) && source) load(source);
    if (node.type === "ImportExpression") load(node.source as Node);
    if (node.type === "CallExpression") {
      const callee = node.callee as Node;
      const name =
        callee.type === "Identifier"
          ? callee.name
          : callee.type === "MemberExpression"
            ? (callee.property as Node).name
            : undefined;
      if (callee.type === "Import" || name === "require") load((node.arguments as Node[])[0]);
      if (name === "fetch") use.fetchCalls++;
    }
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === "object" && typeof (child as Node).type === "string")
          stack.push(child as Node);
      }
    }
  }
  return use;
}
