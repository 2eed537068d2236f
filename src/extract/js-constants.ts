/**
 * Constant bindings of one parsed program, so the folder can see through names:
 * `const PREFIX = "mb_sk_"; … export const KEY = \`${PREFIX}${ENV}_${A}${B}\`` and `CONFIG.prefix + "…"`.
 *
 * One pass over the tree (an explicit stack, no recursion) records every scope (program, functions,
 * blocks, loops, catch clauses) and every binding in it: `const`, `let` and `var` declarations, function
 * and class names, parameters, catch parameters and imports. A name resolves to the innermost binding
 * that holds it, as JavaScript resolves it. A binding is constant when it was declared once with an
 * initialiser and nothing writes to it (`=`, `+=`, `++`, a destructuring or `for…of` target, anywhere);
 * an object literal is read through (`CONFIG.prefix`) only when nothing writes to its properties either
 * (`CONFIG.prefix = …`, `delete`, `Object.assign(CONFIG, …)`). A parameter, an import or a destructured
 * name shadows like any binding but never resolves. Cross-file imports are not followed.
 *
 * It costs a second walk of the tree, so it is built only where a credential can come out of it: a
 * literal that starts a credential (a rule's lead, `mb_sk_`, `whsec_`, `-----BEGIN`) and ends soon after,
 * the way a prefix kept in its own constant does (`leadPieceGate`).
 */
import { escapeRegExp } from "../text/regexp.js";
import { lastAtOrBefore } from "../text/sorted.js";
import { type ConstantBindings, isNode, propertyName, unwrap } from "./fold.js";
import type { Assembly, AssemblyPart, SourceText } from "./fragment.js";
import { type AstNode, SKIP_KEYS } from "./js-parse.js";
import type { Piece } from "./js-strings.js";

interface Scope {
  start: number;
  end: number;
  parent: Scope | undefined;
  /** Function-like: where `var` declarations go. */
  hoists: boolean;
  bindings: Map<string, Binding>;
}

interface Binding {
  name: string;
  /** The initialiser of a single `const`/`let`/`var name = …`; absent for every other kind of binding. */
  init?: AstNode;
  declarations: number;
  reassigned: boolean;
  /** Something writes through it (`x.a = …`): its object literal is not what it holds at run time. */
  mutated: boolean;
}

const FUNCTIONS = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ObjectMethod",
  "ClassMethod",
  "ClassPrivateMethod",
]);
const BLOCKS = new Set([
  "BlockStatement",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "SwitchStatement",
  "CatchClause",
]);
const HOISTING = new Set(["Program", "StaticBlock", "TSModuleBlock"]);
/** Calls whose first argument they write into. */
const MUTATING_CALLS = new Set(["Object.assign", "Object.defineProperty", "Object.defineProperties"]);

interface Write {
  name: string;
  at: number;
  /** A write through the name (`x.a = 1`), not to it. */
  through: boolean;
}

/**
 * A regex that finds a credential's start in a literal that ends there or soon after (at a quote or a
 * template hole): a prefix of a lead at least three characters long with a letter in it (`"mb_"`,
 * `"mb_sk_"`, `` `whsec_${ ``), or a whole lead and at most 40 more characters (`"mb_sk_live_"`,
 * `"-----BEGIN RSA PRIVATE KEY-----\n"`). A literal that merely starts like a lead (`"/api/users"` for
 * `/api/webhooks/`) is not one. Undefined without leads.
 */
export function leadPieceGate(leads: readonly string[]): RegExp | undefined {
  const alternatives: string[] = [];
  for (const lead of new Set(leads)) {
    // A prefix counts from where it holds a letter and a separator (`mb_`, `sk_`, `-----B`): a word
    // alone (`hoo…` of `hooks.slack.com/`, `/api` of `/api/webhooks/`) is ordinary text, so such a lead
    // counts only whole.
    let required = 3;
    while (required < lead.length && !isLeadPiece(lead.slice(0, required))) required++;
    if (!/[A-Za-z]/.test(lead)) continue;
    // `mb_(?:s(?:k(?:_)?)?)?`: any prefix from the required length on, as one branch.
    let optional = "";
    for (let i = lead.length - 1; i >= required; i--) optional = `(?:${escapeRegExp(lead[i]!)}${optional})?`;
    alternatives.push(
      `${escapeRegExp(lead)}[^"'\`\\\r\n]{0,40}`,
      `${escapeRegExp(lead.slice(0, required))}${optional}`,
    );
  }
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?<![A-Za-z0-9])(?:${alternatives.join("|")})(?:["'\`]|\\$\\{)`);
}

function isLeadPiece(prefix: string): boolean {
  return /[A-Za-z]/.test(prefix) && /[_-]/.test(prefix.slice(1));
}

/** The constant bindings of `program`. */
export function constantBindings(program: AstNode): ConstantBindings {
  return new Bindings(program);
}

/** A fragment's `assembly` for a piece that drew on bindings, its parts shifted by `shift` characters. */
export function assemblyOf(piece: Piece, shift: number): { assembly?: Assembly } {
  if (!piece.parts || !piece.assembly) return {};
  const parts = piece.parts.map((part) => ({ ...part, at: part.at + shift, end: part.end + shift }));
  return { assembly: { ...piece.assembly, parts } };
}

/** `assembled from PREFIX (1:16), ENV (1:37), A (2:11)`: each part by name and where it was written. */
export function assemblyNote(source: SourceText, parts: readonly AssemblyPart[]): string {
  const named = parts.map((part) => {
    const { line, column } = source.lines.position(part.start);
    return `${part.name} (${line}:${column})`;
  });
  return `assembled from ${named.join(", ")}`;
}

const gates = new WeakMap<readonly string[], RegExp | null>();

/** Whether `text` holds a literal that starts a credential (leadPieceGate): one pass over the text. */
export function holdsLeadPiece(text: string, leads: readonly string[] | undefined): boolean {
  if (!leads) return false;
  let gate = gates.get(leads);
  if (gate === undefined) {
    gate = leadPieceGate(leads) ?? null;
    gates.set(leads, gate);
  }
  return gate?.test(text) ?? false;
}

/** The constant bindings of `program`, where `text` holds a literal that starts a credential; else none. */
export function bindingsWhereLeads(
  program: AstNode,
  text: string,
  leads: readonly string[] | undefined,
): ConstantBindings | undefined {
  return holdsLeadPiece(text, leads) ? constantBindings(program) : undefined;
}

class Bindings implements ConstantBindings {
  /** Every scope, ordered by start: the innermost scope around an offset is found by binary search. */
  private readonly scopes: Scope[] = [];
  private readonly writes: Write[] = [];

  constructor(program: AstNode) {
    this.collect(program);
    this.scopes.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const write of this.writes) {
      const binding = this.lookup(write.name, write.at);
      if (!binding) continue;
      if (write.through) binding.mutated = true;
      else binding.reassigned = true;
    }
  }

  valueOf(identifier: AstNode): AstNode | undefined {
    const binding = this.constant(identifier);
    return binding?.init;
  }

  objectOf(identifier: AstNode): AstNode | undefined {
    const binding = this.constant(identifier);
    if (!binding || binding.mutated || !binding.init) return undefined;
    const init = unwrap(binding.init);
    return init.type === "ObjectExpression" ? init : undefined;
  }

  private constant(identifier: AstNode): Binding | undefined {
    if (identifier.type !== "Identifier") return undefined;
    const binding = this.lookup(identifier.name as string, identifier.start);
    return binding?.init && binding.declarations === 1 && !binding.reassigned ? binding : undefined;
  }

  private lookup(name: string, at: number): Binding | undefined {
    for (let scope = this.innermost(at); scope; scope = scope.parent) {
      const binding = scope.bindings.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  /** The last scope starting at or before `at`, then up its parents to the first that contains `at`. */
  private innermost(at: number): Scope | undefined {
    let scope: Scope | undefined = this.scopes[lastAtOrBefore(this.scopes, at, (s) => s.start)];
    while (scope && scope.end <= at) scope = scope.parent;
    return scope;
  }

  private collect(program: AstNode): void {
    const root = this.scope(program, undefined, true);
    const stack: { node: AstNode; scope: Scope }[] = [{ node: program, scope: root }];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const { node } = item;
      let scope = item.scope;
      if (FUNCTIONS.has(node.type)) {
        const id = node.id;
        if (node.type === "FunctionDeclaration" && isNode(id)) this.declare(scope, id.name as string);
        scope = this.scope(node, scope, true);
        if (node.type === "FunctionExpression" && isNode(id)) this.declare(scope, id.name as string);
        for (const param of (node.params as AstNode[] | undefined) ?? []) this.declarePattern(scope, param);
      } else if (BLOCKS.has(node.type)) {
        scope = this.scope(node, scope, false);
        if (node.type === "CatchClause" && isNode(node.param)) this.declarePattern(scope, node.param);
      } else if (HOISTING.has(node.type) && node !== program) {
        scope = this.scope(node, scope, true);
      }
      this.record(node, scope);
      for (const key in node) {
        if (SKIP_KEYS.has(key)) continue;
        const child = node[key];
        if (Array.isArray(child)) {
          for (const element of child) if (isNode(element)) stack.push({ node: element, scope });
        } else if (isNode(child)) stack.push({ node: child, scope });
      }
    }
  }

  /** Declarations and writes that `node` makes in `scope`. */
  private record(node: AstNode, scope: Scope): void {
    switch (node.type) {
      case "VariableDeclaration": {
        const target = node.kind === "var" ? hoistingScope(scope) : scope;
        for (const declarator of node.declarations as AstNode[]) {
          const id = declarator.id as AstNode;
          if (id.type === "Identifier" && isNode(declarator.init))
            this.declare(target, id.name as string, declarator.init);
          else this.declarePattern(target, id);
        }
        break;
      }
      case "ClassDeclaration":
        if (isNode(node.id)) this.declare(scope, node.id.name as string);
        break;
      case "ImportSpecifier":
      case "ImportDefaultSpecifier":
      case "ImportNamespaceSpecifier":
        if (isNode(node.local)) this.declare(scope, node.local.name as string);
        break;
      case "AssignmentExpression":
        this.writePattern(node.left as AstNode, node.start);
        break;
      case "UpdateExpression":
        this.writePattern(node.argument as AstNode, node.start);
        break;
      case "UnaryExpression":
        if (node.operator === "delete") this.writePattern(node.argument as AstNode, node.start);
        break;
      case "ForInStatement":
      case "ForOfStatement":
        if ((node.left as AstNode).type !== "VariableDeclaration")
          this.writePattern(node.left as AstNode, node.start);
        break;
      case "CallExpression": {
        const callee = node.callee as AstNode;
        const object = callee.type === "MemberExpression" ? (callee.object as AstNode) : undefined;
        const name =
          object?.type === "Identifier" ? `${object.name as string}.${propertyName(callee) ?? ""}` : "";
        const first = (node.arguments as AstNode[])[0];
        if (MUTATING_CALLS.has(name) && first?.type === "Identifier")
          this.writes.push({ name: first.name as string, at: node.start, through: true });
        break;
      }
      default:
        break;
    }
  }

  private scope(node: AstNode, parent: Scope | undefined, hoists: boolean): Scope {
    const scope: Scope = { start: node.start, end: node.end, parent, hoists, bindings: new Map() };
    this.scopes.push(scope);
    return scope;
  }

  private declare(scope: Scope, name: string, init?: AstNode): void {
    const existing = scope.bindings.get(name);
    if (existing) {
      existing.declarations++;
      return;
    }
    scope.bindings.set(name, {
      name,
      ...(init === undefined ? {} : { init }),
      declarations: 1,
      reassigned: false,
      mutated: false,
    });
  }

  /** Every name a pattern binds (`{ a, b: [c, ...d] = [] }`), none of them resolvable. */
  private declarePattern(scope: Scope, pattern: AstNode): void {
    for (const name of patternNames(pattern)) this.declare(scope, name);
  }

  private writePattern(target: AstNode, at: number): void {
    const inner = unwrap(target);
    if (inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") {
      const root = rootIdentifier(inner);
      if (root !== undefined) this.writes.push({ name: root, at, through: true });
      return;
    }
    for (const name of patternNames(inner)) this.writes.push({ name, at, through: false });
  }
}

function hoistingScope(scope: Scope): Scope {
  let current = scope;
  while (!current.hoists && current.parent) current = current.parent;
  return current;
}

function rootIdentifier(member: AstNode): string | undefined {
  let current = member;
  while (current.type === "MemberExpression" || current.type === "OptionalMemberExpression")
    current = unwrap(current.object as AstNode);
  return current.type === "Identifier" ? (current.name as string) : undefined;
}

/** The identifiers a binding or assignment pattern names, with a loop (patterns nest arbitrarily deep). */
function patternNames(pattern: AstNode): string[] {
  const names: string[] = [];
  const stack: AstNode[] = [pattern];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    switch (node.type) {
      case "Identifier":
        names.push(node.name as string);
        break;
      case "ObjectPattern":
        for (const property of node.properties as AstNode[])
          stack.push(property.type === "RestElement" ? property : (property.value as AstNode));
        break;
      case "ArrayPattern":
        for (const element of node.elements as (AstNode | null)[]) if (element) stack.push(element);
        break;
      case "AssignmentPattern":
        stack.push(node.left as AstNode);
        break;
      case "RestElement":
        stack.push(node.argument as AstNode);
        break;
      case "TSParameterProperty":
        stack.push(node.parameter as AstNode);
        break;
      default:
        if (isNode(node.expression)) stack.push(node.expression as AstNode);
        break;
    }
  }
  return names;
}
