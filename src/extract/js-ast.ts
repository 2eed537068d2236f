/**
 * The JavaScript extractor: parses a file and walks its AST once, with an explicit stack (no recursion,
 * whatever the nesting), producing
 * - fragments for values a text search cannot see whole: cooked literals with escapes, folded constants,
 *   decoded base64, and literals whose property or variable name is context (`clientSecret`);
 * - the code shapes (`JsNode`s) that code-shape rules visit: objects, calls, imports, env reads.
 */

import type { Diagnostic, FileKind } from "../model/types.js";
import type { JsNode, JsProperty, JsValue } from "../rule-kit/index.js";
import { decodeLiteral } from "./decode.js";
import { type ConstantBindings, dottedName, Folder, isNode, propertyName, unwrap } from "./fold.js";
import type { Fragment, SourceText } from "./fragment.js";
import { ESCAPED_ASCII_RUN, findLiteralChains, foldLiteralChain } from "./js-chains.js";
import { assemblyOf, bindingsWhereLeads, constantBindings, holdsLeadPiece } from "./js-constants.js";
import { findLeads, type Leads, type LiteralJoin, leadsOf } from "./js-leads.js";
import { type AstNode, parseJs, SKIP_KEYS } from "./js-parse.js";
import { type Anchor, concatPieces, cookLiteral, offsetMapOf, type Piece, sourceSpan } from "./js-strings.js";
import { leadWindows, opensBlock, PARSE_BUDGET_CHARS, type Span, WINDOW_FILE_CHARS } from "./js-windows.js";
import type { ExtractHints, Extraction } from "./types.js";

const DECLARATION = /\.d\.[cm]?ts$/;
/** Two literals joined by `+`: the only files where folding without a parser can find anything. */
const LITERAL_JOIN = /["'`][ \t\r\n]{0,20}\+[ \t\r\n]{0,20}["'`]/;
/** A plain literal gets a fragment for its name only when it could be a credential (the raw pass sees it anyway). */
const CREDENTIAL_LIKE = /^(?=[^\s]{0,4095}[0-9])(?=[^\s]{0,4095}[A-Za-z])[^\s]{12,4096}$/;
/** Key paths keep their last segments: `headers.Authorization`, not the whole config tree. */
const MAX_KEY_SEGMENTS = 4;
const ENV_OBJECTS = new Set(["import.meta.env", "process.env"]);
const PUBLIC_ENV_MODULES = new Set(["$env/static/public"]);
/** Nodes whose value is one of their children's, so the property name above them still applies. */
const PASS_CONTEXT = new Set([
  "ConditionalExpression",
  "LogicalExpression",
  "AwaitExpression",
  "ArrayExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "ParenthesizedExpression",
]);

interface Context {
  /** The property or variable name right above the value. */
  key?: string;
  keyPath?: string;
  /** What the value is passed to (`argument of new Medblocks(…)`). */
  note?: string;
}

const NO_CONTEXT: Context = {};

/**
 * Parse only where it can pay: where a code-shape rule's keyword occurs, or a credential can come out of
 * folding or decoding (js-leads.ts). Size alone decides nothing, so a clean 300 KB chunk costs a regex
 * pass, not a parse. A joined array of literals alone is folded without the parser, except in HTML, whose
 * scripts have no parser-free pass.
 */
export function worthParsing(text: string, hints: ExtractHints): boolean {
  const leads = findLeads(text, hints);
  return leads.at.length > 0 || leads.joins.length > 0;
}

/** The extractor for .js/.ts/.jsx/.tsx files and bundles. */
export function extractJs(source: SourceText, kind: FileKind, hints: ExtractHints): Extraction {
  // A declaration file ships nothing: no value in it runs, so code shapes mean nothing there.
  const leads = DECLARATION.test(source.path) ? { at: [], joins: [] } : leadsOf(source, hints);
  if (leads.at.length === 0) return foldChainsUnparsed(source, [], leads.joins);
  if (source.text.length > WINDOW_FILE_CHARS) return extractWindows(source, kind, hints, leads);
  return extractParsed(source, source.text, kind, hints);
}

/**
 * A large file is parsed only around its leads (js-windows.ts): the statement that holds each, or the
 * bracketed expression around it when the statement is too large or does not parse on its own, within a
 * budget per file; everything else gets the parser-free pass. Memory stays bounded by the windows, never
 * a tree of the whole bundle.
 */
function extractWindows(source: SourceText, kind: FileKind, hints: ExtractHints, leads: Leads): Extraction {
  const text = source.text;
  const fragments: Fragment[] = [];
  const nodes: JsNode[] = [];
  const parsed: Span[] = [];
  let budget = PARSE_BUDGET_CHARS;
  // Asked of the whole file once, not of the file again for every window.
  const leadPiece = holdsLeadPiece(text, hints.leads);
  for (const window of leadWindows(text, leads.at)) {
    if (parsed.some((span) => span.start <= window.lead && window.lead < span.end)) continue;
    const attempts: { span: Span; wrap: boolean }[] = [];
    if (window.statement) attempts.push({ span: window.statement, wrap: false });
    if (window.frame)
      attempts.push({
        span: window.frame,
        wrap: window.frame.bracket === "{" && !opensBlock(text, window.frame.start),
      });
    for (const { span, wrap } of attempts) {
      const size = span.end - span.start;
      if (size > budget) continue;
      budget -= size;
      const slice = text.slice(span.start, span.end);
      const result = wrap
        ? parseJs(`(${slice})`, kind, source.path, span.start - 1)
        : parseJs(slice, kind, source.path, span.start);
      if (!result.program || result.problem !== undefined) continue;
      const walker = new Walker(source, text, leadPiece ? constantBindings(result.program) : undefined);
      for (const chain of result.chains) walker.emit(foldLiteralChain(text, chain), NO_CONTEXT);
      walker.walk(result.program);
      for (const fragment of walker.fragments) fragments.push(fragment);
      for (const node of walker.nodes) nodes.push(node);
      parsed.push(span);
      break;
    }
  }
  const inParsed = (at: number) => parsed.some((span) => span.start <= at && at < span.end);
  const rest = foldChainsUnparsed(
    source,
    [],
    leads.joins.filter((join) => !inParsed(join.start)),
    inParsed,
  );
  for (const fragment of rest.fragments) fragments.push(fragment);
  return { fragments, diagnostics: rest.diagnostics, nodes };
}

/**
 * Without a parse, literal `+` chains and escaped literals are still read from the text (about 500 MB/s):
 * a key split as `"A"+"KIA…"` or spelled `"\x41\x4b…"` leaves no other trace a marker could announce.
 */
function foldChainsUnparsed(
  source: SourceText,
  diagnostics: Diagnostic[],
  joins: readonly LiteralJoin[],
  parsed: (at: number) => boolean = () => false,
): Extraction {
  const text = source.text;
  const chains = LITERAL_JOIN.test(text) || ESCAPED_ASCII_RUN.test(text);
  if (!chains && joins.length === 0) return { fragments: [], diagnostics };
  const walker = new Walker(source, text);
  if (chains)
    for (const chain of findLiteralChains(text, true))
      if (!parsed(chain.start)) walker.emit(foldLiteralChain(text, chain), NO_CONTEXT);
  for (const join of joins) walker.emit(foldLiteralJoin(text, join), NO_CONTEXT);
  return { fragments: walker.fragments, diagnostics };
}

function foldLiteralJoin(text: string, join: LiteralJoin): Piece {
  return concatPieces(
    join.elements.map((element) => cookLiteral(text, element.start, element.end, element.template)),
  );
}

/**
 * Parses `parseText` (the file itself, or an HTML-like file with everything outside its scripts blanked,
 * same offsets) and returns fragments and shapes that point into `source`.
 */
export function extractParsed(
  source: SourceText,
  parseText: string,
  kind: FileKind,
  hints?: ExtractHints,
): Extraction {
  const parsed = parseJs(parseText, kind, source.path);
  const diagnostics: Diagnostic[] = [];
  if (parsed.problem !== undefined) {
    diagnostics.push({
      code: "parse-failed",
      path: source.path,
      message: `${parsed.program ? "parsed with errors" : "not parsed"} as JavaScript (${parsed.problem}); raw text still scanned`,
    });
  }
  const bindings = parsed.program && bindingsWhereLeads(parsed.program, parseText, hints?.leads);
  const walker = new Walker(source, parseText, bindings);
  for (const chain of parsed.chains) walker.emit(foldLiteralChain(source.text, chain), NO_CONTEXT);
  if (parsed.program) walker.walk(parsed.program);
  return { fragments: walker.fragments, diagnostics, nodes: walker.nodes };
}

class Walker {
  readonly fragments: Fragment[] = [];
  readonly nodes: JsNode[] = [];
  private readonly folder: Folder;
  private readonly stack: { node: AstNode; context: Context }[] = [];

  /**
   * `parseText` equals the file wherever code was parsed; literals are cooked from it, so a chain blanked
   * for the parser (already folded from the file's text) is not read twice.
   */
  constructor(
    private readonly source: SourceText,
    private readonly parseText: string,
    bindings?: ConstantBindings,
  ) {
    this.folder = new Folder(parseText, bindings);
  }

  walk(program: AstNode): void {
    this.stack.push({ node: program, context: NO_CONTEXT });
    for (let item = this.stack.pop(); item !== undefined; item = this.stack.pop())
      this.visit(item.node, item.context);
  }

  private visit(node: AstNode, context: Context): void {
    switch (node.type) {
      case "StringLiteral":
        this.literal(node, context);
        break;
      case "TemplateLiteral":
        this.template(node, context);
        break;
      case "BinaryExpression":
        if (node.operator === "+") this.chain(node, context);
        else this.children(node, NO_CONTEXT);
        break;
      case "CallExpression":
      case "OptionalCallExpression":
      case "NewExpression":
        this.call(node, context);
        break;
      case "ObjectExpression":
        this.object(node, context);
        break;
      case "VariableDeclarator":
        this.declarator(node);
        break;
      case "AssignmentExpression":
      case "AssignmentPattern": {
        const key = lastSegment(dottedName(node.left as AstNode));
        this.push(node.left, NO_CONTEXT);
        this.push(node.right, key === undefined ? NO_CONTEXT : { key, keyPath: key });
        break;
      }
      case "MemberExpression":
      case "OptionalMemberExpression":
        this.envRead(node);
        this.children(node, NO_CONTEXT);
        break;
      case "ImportDeclaration":
      case "ExportNamedDeclaration":
      case "ExportAllDeclaration":
        this.moduleImport(node);
        this.children(node, NO_CONTEXT);
        break;
      case "ImportExpression":
        this.importOf(node.source, []);
        this.children(node, NO_CONTEXT);
        break;
      case "DirectiveLiteral":
        break;
      default:
        this.children(node, PASS_CONTEXT.has(node.type) ? context : NO_CONTEXT);
        break;
    }
  }

  /** A value fragment; under a name it reads `name:"value"`, so rules written for source text match it. */
  emit(piece: Piece, context: Context, extraNote?: string): void {
    const notes = [context.note, extraNote].filter((note): note is string => note !== undefined);
    const common = {
      source: this.source,
      layer: piece.layer,
      ...(context.keyPath === undefined ? {} : { keyPath: context.keyPath }),
      ...(notes.length === 0 ? {} : { notes }),
    };
    if (context.key === undefined || !/^[A-Za-z_$][\w$-]{0,64}$/.test(context.key)) {
      this.fragments.push({
        ...common,
        ...assemblyOf(piece, 0),
        text: piece.text,
        map: offsetMapOf(piece.anchors),
      });
    } else {
      const span = sourceSpan(piece);
      const prefix = `${context.key}:"`;
      const anchors: Anchor[] = [{ at: 0, source: span.start, linear: false }];
      for (const anchor of piece.anchors) anchors.push({ ...anchor, at: anchor.at + prefix.length });
      anchors.push({ at: prefix.length + piece.text.length, source: span.end, linear: false });
      this.fragments.push({
        ...common,
        ...assemblyOf(piece, prefix.length),
        text: `${prefix}${piece.text}"`,
        map: offsetMapOf(anchors),
        valueFrom: prefix.length,
      });
    }
    const decoded = decodeLiteral(piece.text, sourceSpan(piece));
    if (decoded) this.emit(decoded, context, "decoded from base64");
  }

  private literal(node: AstNode, context: Context): void {
    const piece = this.folder.evaluate(node);
    if (piece) this.emitIfUseful(piece, node.end - node.start - 2, context);
  }

  /** Escapes, a name above it, or base64 make a literal worth its own fragment; anything else the raw pass sees. */
  private emitIfUseful(piece: Piece, rawLength: number, context: Context): void {
    const escaped = piece.anchors.length > 1 || piece.text.length !== rawLength;
    const named =
      (context.key !== undefined || context.note !== undefined) && CREDENTIAL_LIKE.test(piece.text);
    if (escaped || named) this.emit(piece, context);
    else {
      const decoded = decodeLiteral(piece.text, sourceSpan(piece));
      if (decoded) this.emit(decoded, context, "decoded from base64");
    }
  }

  private template(node: AstNode, context: Context): void {
    const expressions = node.expressions as AstNode[];
    const folded = expressions.length > 0 ? this.folder.evaluate(node) : undefined;
    if (folded) {
      this.emit(folded, context);
      return;
    }
    for (const quasi of node.quasis as AstNode[]) {
      this.emitIfUseful(
        cookLiteral(this.parseText, quasi.start, quasi.end, true),
        quasi.end - quasi.start,
        context,
      );
    }
    for (const expression of expressions) this.push(expression, NO_CONTEXT);
  }

  /** A `+` chain: each run of constants folds to one fragment; the other operands are walked. */
  private chain(node: AstNode, context: Context): void {
    const operands = this.folder.chainOperands(node) ?? [];
    const folded = new Set<number>();
    for (const run of this.folder.constantRuns(operands)) {
      if (run.count < 2) continue;
      this.emit(run.piece, run.first === 0 && run.count === operands.length ? context : NO_CONTEXT);
      for (let i = run.first; i < run.first + run.count; i++) folded.add(i);
    }
    operands.forEach((operand, index) => {
      if (!folded.has(index)) this.push(operand, NO_CONTEXT);
    });
  }

  private call(node: AstNode, context: Context): void {
    const folded = node.type === "NewExpression" ? undefined : this.folder.evaluate(node);
    if (folded) {
      this.emit(folded, context);
      return;
    }
    const calleeNode = calleeOf(node.callee as AstNode);
    const callee = calleeNode.type === "Import" ? "import" : dottedName(calleeNode);
    const args = (node.arguments as AstNode[]).filter(isNode);
    if ((callee === "require" || callee === "import") && args[0]) this.importOf(args[0], []);
    if (callee !== undefined) {
      this.nodes.push({
        type: node.type === "NewExpression" ? "new" : "call",
        callee,
        arguments: args.slice(0, 4).map((arg) => this.value(arg)),
        start: node.start,
        end: node.end,
      });
    }
    const argContext =
      node.type === "NewExpression" && callee !== undefined
        ? { note: `argument of new ${callee}(…)` }
        : NO_CONTEXT;
    this.push(node.callee, NO_CONTEXT);
    for (const arg of args) this.push(arg, argContext);
  }

  private object(node: AstNode, context: Context): void {
    const properties: JsProperty[] = [];
    for (const property of node.properties as AstNode[]) {
      if (property.type !== "ObjectProperty") {
        this.push(property, NO_CONTEXT);
        continue;
      }
      const key = this.keyName(property);
      const value = property.value as AstNode;
      if (property.computed) this.push(property.key, NO_CONTEXT);
      if (key === undefined) {
        this.push(value, NO_CONTEXT);
        continue;
      }
      properties.push({ key, value: this.value(value) });
      this.push(value, { key, keyPath: joinKeyPath(context.keyPath, key) });
    }
    this.nodes.push({
      type: "object",
      ...(context.keyPath === undefined ? {} : { keyPath: context.keyPath }),
      properties,
      start: node.start,
      end: node.end,
    });
  }

  private declarator(node: AstNode): void {
    const id = node.id as AstNode;
    const init = node.init;
    if (id.type === "ObjectPattern" && isNode(init) && ENV_OBJECTS.has(dottedName(init) ?? "")) {
      for (const property of id.properties as AstNode[]) {
        const key = property.type === "ObjectProperty" ? this.keyName(property) : undefined;
        if (key !== undefined) this.env(key, dottedName(init)!, property.key as AstNode);
      }
    }
    const name = id.type === "Identifier" ? (id.name as string) : undefined;
    this.push(id, NO_CONTEXT);
    this.push(init, name === undefined ? NO_CONTEXT : { key: name, keyPath: name });
  }

  private envRead(node: AstNode): void {
    const object = node.object as AstNode;
    const via =
      object.type === "MemberExpression" || object.type === "OptionalMemberExpression"
        ? dottedName(object)
        : undefined;
    if (via === undefined || !ENV_OBJECTS.has(via)) return;
    const name = propertyName(node);
    if (name !== undefined) this.env(name, via, node.property as AstNode);
  }

  private env(name: string, via: string, at: AstNode): void {
    const quoted = at.type === "StringLiteral" ? 1 : 0;
    this.nodes.push({ type: "env", name, via, start: at.start + quoted, end: at.end - quoted });
  }

  private moduleImport(node: AstNode): void {
    if (!isNode(node.source) || isTypeOnly(node)) return;
    const names = ((node.specifiers as AstNode[] | undefined) ?? []).map(importedName);
    this.importOf(node.source, names);
    const module = node.source.value as string;
    if (!PUBLIC_ENV_MODULES.has(module)) return;
    for (const specifier of (node.specifiers as AstNode[] | undefined) ?? []) {
      if (specifier.type === "ImportSpecifier")
        this.env(importedName(specifier), module, specifier.imported as AstNode);
    }
  }

  private importOf(sourceNode: unknown, names: string[]): void {
    if (!isNode(sourceNode) || sourceNode.type !== "StringLiteral") return;
    this.nodes.push({
      type: "import",
      source: sourceNode.value as string,
      names,
      start: sourceNode.start + 1,
      end: sourceNode.end - 1,
    });
  }

  private keyName(property: AstNode): string | undefined {
    const key = property.key as AstNode;
    if (!property.computed && key.type === "Identifier") return key.name as string;
    if (key.type === "StringLiteral" || key.type === "NumericLiteral") return String(key.value);
    return this.folder.evaluate(key)?.text;
  }

  private value(node: AstNode): JsValue {
    const piece = this.folder.evaluate(node);
    if (piece) return { value: piece.text, ...sourceSpan(piece), layer: piece.layer };
    const name = dottedName(node);
    return { ...(name === undefined ? {} : { name }), start: node.start, end: node.end };
  }

  private children(node: AstNode, context: Context): void {
    for (const key in node) {
      if (SKIP_KEYS.has(key)) continue;
      const child = node[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) this.push(child[i], context);
      } else this.push(child, context);
    }
  }

  private push(node: unknown, context: Context): void {
    if (isNode(node)) this.stack.push({ node, context });
  }
}

/** `(0, r.createHmac)(…)`, the way bundlers call imports, is a call of `r.createHmac`. */
function calleeOf(callee: AstNode): AstNode {
  const inner = unwrap(callee);
  if (inner.type !== "SequenceExpression") return inner;
  const expressions = inner.expressions as AstNode[];
  return unwrap(expressions[expressions.length - 1]!);
}

/** `import type …` and imports of types only are erased by the compiler: nothing of them ships. */
function isTypeOnly(node: AstNode): boolean {
  if (node.importKind === "type" || node.exportKind === "type") return true;
  const specifiers = (node.specifiers as AstNode[] | undefined) ?? [];
  return (
    specifiers.length > 0 &&
    specifiers.every((specifier) => specifier.importKind === "type" || specifier.exportKind === "type")
  );
}

function importedName(specifier: AstNode): string {
  if (specifier.type === "ImportDefaultSpecifier") return "default";
  if (specifier.type === "ImportNamespaceSpecifier" || specifier.type === "ExportNamespaceSpecifier")
    return "*";
  const imported = (specifier.imported ?? specifier.local) as AstNode;
  return imported.type === "StringLiteral" ? (imported.value as string) : (imported.name as string);
}

function joinKeyPath(parent: string | undefined, key: string): string {
  const segments = parent === undefined ? [key] : [...parent.split("."), key];
  return segments.slice(-MAX_KEY_SEGMENTS).join(".");
}

function lastSegment(name: string | undefined): string | undefined {
  return name?.slice(name.lastIndexOf(".") + 1);
}
