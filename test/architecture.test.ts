/**
 * The folder tree is the pipeline, and imports run one way through it. Each folder of `src/` is a layer;
 * a module may import its own layer and the layers listed for it, nothing else. No module cycles at all.
 * CONTRIBUTING.md draws the same picture: change both together.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/cli.js";
import { moduleUse, sourceFiles } from "./support/modules.js";

/** Layer → the layers it may import (besides itself). Lowest first. */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  model: [],
  text: ["model"],
  "rule-kit": ["model", "text"],
  config: ["model", "text", "rule-kit"],
  walk: ["model", "text", "config"],
  frameworks: ["model", "text", "rule-kit", "config"],
  // Archives and compressed assets unpack into FileSources (walk) before anything is scanned.
  archive: ["model", "text", "walk"],
  extract: ["model", "text", "rule-kit", "walk"],
  sourcemap: ["model", "text", "walk", "extract"],
  match: ["model", "text", "rule-kit", "extract"],
  findings: ["model", "text", "rule-kit", "walk"],
  // The rule set (rules/) is data the engine compiles; it enters the pipeline here and no lower.
  engine: [
    "model",
    "text",
    "rule-kit",
    "config",
    "walk",
    "archive",
    "frameworks",
    "extract",
    "sourcemap",
    "match",
    "findings",
    "rules",
  ],
  workflow: ["model", "text", "rule-kit", "config", "walk", "frameworks", "findings", "engine"],
  // Reporters turn a result into text: no scanner, no file system.
  report: ["model", "text", "rule-kit", "findings"],
  explain: ["model", "text", "rule-kit", "findings", "engine", "report"],
  cli: [
    "model",
    "text",
    "rule-kit",
    "config",
    "findings",
    "engine",
    "workflow",
    "report",
    "explain",
    "rules",
  ],
  action: ["model", "text", "config", "findings", "engine", "workflow", "report", "rules"],
  plugins: ["model", "text", "config", "walk", "findings", "engine", "workflow", "report", "rules"],
  index: ["model", "rule-kit", "engine", "workflow", "report", "rules"],
  rules: ["rule-kit"],
};

/** Node modules a layer must not load (reporters and the rule kit are pure). */
const FORBIDDEN_BUILTINS: Readonly<Record<string, readonly string[]>> = {
  report: ["fs", "child_process", "worker_threads"],
  "rule-kit": ["fs", "child_process", "worker_threads"],
  rules: ["fs", "child_process", "worker_threads"],
  model: ["child_process"],
};

/** `src/engine/scan.ts` → `engine`; `src/index.ts` → `index`; `rules/cloud.ts` → `rules`. */
function layerOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] === "rules") return "rules";
  if (parts.length === 2) return path.basename(parts[1]!, ".ts");
  return parts[1]!;
}

interface Edge {
  from: string;
  to: string;
}

/** Every relative import between project modules, resolved to repository paths. */
function importEdges(files: readonly string[], read: (file: string) => string): Edge[] {
  const edges: Edge[] = [];
  for (const from of files) {
    for (const specifier of moduleUse(read(from)).specifiers) {
      if (!specifier.startsWith(".")) continue;
      const to = path.normalize(path.join(path.dirname(from), specifier)).replace(/\.js$/, ".ts");
      edges.push({ from, to });
    }
  }
  return edges;
}

function layerViolations(edges: readonly Edge[]): string[] {
  const wrong: string[] = [];
  for (const { from, to } of edges) {
    const a = layerOf(from);
    const b = layerOf(to);
    const allowed = LAYERS[a];
    if (!allowed) wrong.push(`${from}: folder "${a}" has no place in the layer list`);
    else if (a !== b && !allowed.includes(b)) wrong.push(`${from} → ${to} (${a} may not import ${b})`);
  }
  return wrong;
}

/** Modules on a cycle, found by Tarjan's algorithm (iterative: the graph is small but stays linear). */
function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const target = targets[frame.i++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, i: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) found.push(component.sort());
      }
    }
  }
  return found;
}

const FILES = [...sourceFiles("src"), ...sourceFiles("rules")];
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8");
const EDGES = importEdges(FILES, read);

describe("architecture: imports run one way", () => {
  it("sees the whole tree", () => {
    expect(FILES.length).toBeGreaterThan(80);
    expect(EDGES.length).toBeGreaterThan(200);
  });

  it("every import goes to the same or an allowed lower layer", () => {
    expect(layerViolations(EDGES)).toEqual([]);
  });

  it("there is no import cycle between modules", () => {
    expect(cycles(EDGES)).toEqual([]);
  });

  it("reporters, the rule kit and the rules touch no file system and start no process", () => {
    const wrong: string[] = [];
    for (const file of FILES) {
      const banned = FORBIDDEN_BUILTINS[layerOf(file)] ?? [];
      for (const specifier of moduleUse(read(file)).specifiers) {
        const name = specifier.replace(/^node:/, "").split("/")[0]!;
        if (banned.includes(name)) wrong.push(`${file} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("nothing below the CLI imports the CLI, and no entry point imports another's commands", () => {
    const wrong = EDGES.filter(({ from, to }) => layerOf(to) === "cli" && layerOf(from) !== "cli");
    expect(wrong).toEqual([]);
  });
});

describe("architecture: the checks fail when they should", () => {
  it("a reporter that imports the scanner is a violation", () => {
    const wrong = layerViolations([
      ...EDGES,
      { from: path.join("src", "report", "text.ts"), to: path.join("src", "engine", "scan.ts") },
    ]);
    expect(wrong).toEqual([
      `${path.join("src", "report", "text.ts")} → ${path.join("src", "engine", "scan.ts")} (report may not import engine)`,
    ]);
  });

  it("a rule that imports the engine, and the engine importing the CLI, are violations", () => {
    const wrong = layerViolations([
      { from: path.join("rules", "cloud.ts"), to: path.join("src", "match", "engine.ts") },
      { from: path.join("src", "engine", "scan.ts"), to: path.join("src", "cli", "program.ts") },
    ]);
    expect(wrong).toHaveLength(2);
  });

  it("a module cycle is found, and its members named", () => {
    const a = path.join("src", "extract", "a.ts");
    const b = path.join("src", "extract", "b.ts");
    const c = path.join("src", "extract", "c.ts");
    expect(
      cycles([
        { from: a, to: b },
        { from: b, to: c },
        { from: c, to: a },
      ]),
    ).toEqual([[a, b, c]]);
  });

  it("the import reader sees a wrong-way import written in real source", () => {
    const edges = importEdges(
      [path.join("src", "report", "fake.ts")],
      () => 'import { scan } from "../engine/scan.js";',
    );
    expect(layerViolations(edges)).toHaveLength(1);
  });
});
