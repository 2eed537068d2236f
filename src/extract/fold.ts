/**
 * Constant folding: the string an expression evaluates to when every part of it is a literal. `+` chains
 * (with template literals and numbers), `"a".concat("b")`, `["a","b"].join("")`, `String.fromCharCode(…)`,
 * `atob("…")` and `Buffer.from("…", "base64" | "hex")`. Chains are flattened with a loop, never by
 * recursion, and each node is evaluated once (cached), so a 100,000-term chain is linear; other nesting
 * (a template inside a template…) stops at `MAX_NESTING`.
 */
import { decodeAs, decodeBase64, decodePercent } from "./decode.js";
import type { AstNode } from "./js-parse.js";
import {
  collapsedPiece,
  concatPieces,
  cookLiteral,
  type Piece,
  sourceSpan as pieceSpan,
} from "./js-strings.js";

const MAX_NESTING = 64;
/** `decodeURIComponent("%6d%62…")` and its relatives, called as globals. */
const PERCENT_DECODERS = /^(?:(?:window|self|globalThis)\.)?(?:decodeURIComponent|decodeURI|unescape)$/;
/** Text a person or a config wrote: printable ASCII and common whitespace, no control bytes. */
const READABLE = /^[\t\n\r\x20-\x7e]+$/;
/** A value folded through bindings stops here: `a2 = a1 + a1; a3 = a2 + a2; …` doubles at each step. */
export const MAX_FOLDED_CHARS = 64 * 1024;
/** Parts named in one value: beyond this a value is not one credential put together by hand. */
const MAX_PARTS = 64;

/** What the folder needs to see through names (js-constants.ts builds it from a parsed program). */
export interface ConstantBindings {
  /** The initialiser of the constant `identifier` refers to, or undefined (not constant, not known). */
  valueOf(identifier: AstNode): AstNode | undefined;
  /** The object literal a never-written-through constant `identifier` holds. */
  objectOf(identifier: AstNode): AstNode | undefined;
}

/** A value inside a `+` chain: numbers stay numbers until a string joins them (`1 + 2 + "a"` is "3a"). */
type Operand = { piece: Piece } | { number: number; at: number };

export function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && typeof (value as AstNode).type === "string";
}

const TRANSPARENT = new Set([
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "ParenthesizedExpression",
]);

/** Drops what does not change a value: TypeScript assertions, `!` and parentheses. */
export function unwrap(node: AstNode): AstNode {
  let current = node;
  while (TRANSPARENT.has(current.type) && isNode(current.expression)) {
    current = current.expression;
  }
  return current;
}

/**
 * The most parts a dotted name may have. The names looked for (`import.meta.env`, `Array.from`, an SDK's
 * constructor, an assigned key) are short; the walker asks at every link of a chain, so without a bound
 * `x.a.a.a…` of N links cost N² (#14 case 21: 20k/40k links took 8.9/43.6 s).
 */
const MAX_NAME_PARTS = 32;

/** `a.b.c` for identifiers and non-computed (or string-keyed) member chains; undefined for anything else. */
export function dottedName(node: AstNode): string | undefined {
  const parts: string[] = [];
  let current: AstNode | undefined = unwrap(node);
  while (current) {
    if (parts.length >= MAX_NAME_PARTS) return undefined;
    if (current.type === "Identifier") parts.push(current.name as string);
    else if (current.type === "ThisExpression") parts.push("this");
    else if (current.type === "MetaProperty") parts.push("import.meta");
    else if (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
      const property = propertyName(current);
      if (property === undefined || !isNode(current.object)) return undefined;
      parts.push(property);
      current = unwrap(current.object);
      continue;
    } else return undefined;
    current = undefined;
  }
  return parts.reverse().join(".");
}

/** The name of a member access: `.x`, `["x"]`. */
export function propertyName(member: AstNode): string | undefined {
  const property = member.property;
  if (!isNode(property)) return undefined;
  if (!member.computed && (property.type === "Identifier" || property.type === "PrivateName")) {
    return property.type === "Identifier" ? (property.name as string) : undefined;
  }
  return property.type === "StringLiteral" ? (property.value as string) : undefined;
}

export class Folder {
  private readonly cache = new Map<AstNode, Piece | null>();
  /**
   * Characters a file may fold through bindings in all: a long constant used in ten thousand templates
   * must not cost ten thousand copies. Four times the file, and at least a megabyte.
   */
  private budget: number;

  constructor(
    private readonly text: string,
    private readonly bindings?: ConstantBindings,
  ) {
    this.budget = Math.max(1024 * 1024, 4 * text.length);
  }

  /** The constant string `node` evaluates to, or undefined when any part of it is not constant. */
  evaluate(node: AstNode, nesting = 0): Piece | undefined {
    const cached = this.cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const inner = unwrap(node);
    let piece = nesting > MAX_NESTING ? undefined : this.compute(inner, nesting);
    if (piece?.parts) piece = assembled(piece, inner);
    this.cache.set(node, piece ?? null);
    return piece;
  }

  /**
   * The operands of a left-nested `+` chain, leftmost first, found by walking the left spine in a loop.
   * Undefined for a node that is not a `+`.
   */
  chainOperands(node: AstNode): AstNode[] | undefined {
    if (!isPlus(node)) return undefined;
    const rights: AstNode[] = [];
    let current: AstNode = node;
    while (isPlus(current)) {
      rights.push(current.right as AstNode);
      current = unwrap(current.left as AstNode);
    }
    return [current, ...rights.reverse()];
  }

  /**
   * Maximal runs of constant operands in a chain, each folded: `x + "mb_sk_" + "live_…"` has one run of
   * two. A run after a non-constant operand starts at a string, since `x + 1` may be arithmetic.
   */
  constantRuns(operands: readonly AstNode[], nesting = 0): { first: number; count: number; piece: Piece }[] {
    const runs: { first: number; count: number; piece: Piece }[] = [];
    let current: { first: number; operands: Operand[] } | undefined;
    const close = () => {
      if (current && current.operands.length > 0) {
        const joined = joinOperands(current.operands);
        const last = operands[current.first + current.operands.length - 1]!;
        const piece = joined?.parts
          ? assembled(joined, { start: operands[current.first]!.start, end: last.end })
          : joined;
        if (piece) runs.push({ first: current.first, count: current.operands.length, piece });
      }
      current = undefined;
    };
    for (let index = 0; index < operands.length; index++) {
      const value = this.operand(operands[index]!, nesting);
      if (value === undefined) {
        close();
        continue;
      }
      if (current === undefined) {
        if (index > 0 && "number" in value) continue;
        current = { first: index, operands: [] };
      }
      current.operands.push(value);
    }
    close();
    return runs;
  }

  private operand(node: AstNode, nesting: number): Operand | undefined {
    const inner = unwrap(node);
    if (inner.type === "NumericLiteral") return { number: inner.value as number, at: inner.start };
    const piece = this.evaluate(inner, nesting + 1);
    return piece ? { piece } : undefined;
  }

  private compute(node: AstNode, nesting: number): Piece | undefined {
    switch (node.type) {
      case "StringLiteral":
        return cookLiteral(this.text, node.start + 1, node.end - 1, false);
      case "TemplateLiteral":
        return this.template(node, nesting);
      case "BinaryExpression": {
        const operands = this.chainOperands(node);
        if (!operands) return undefined;
        const runs = this.constantRuns(operands, nesting);
        const only = runs[0];
        return runs.length === 1 && only && only.count === operands.length ? only.piece : undefined;
      }
      case "CallExpression":
        return this.call(node, nesting);
      case "Identifier":
        return this.constant(this.bindings?.valueOf(node), node.name as string, nesting);
      case "MemberExpression":
        return this.property(node, nesting);
      default:
        return undefined;
    }
  }

  /**
   * The value of a constant binding, as a part named `name`: its characters keep pointing where they
   * were written (so a secret whole in one constant is found there, once), and a value that was itself
   * put together points at where it was.
   */
  private constant(init: AstNode | undefined, name: string, nesting: number): Piece | undefined {
    if (init === undefined || this.budget <= 0) return undefined;
    const value = this.evaluate(init, nesting + 1);
    if (!value) return undefined;
    this.budget -= value.text.length;
    const written = value.assembly ?? sourceSpanOf(value, init);
    const anchors = value.assembly
      ? collapsedPiece(value.text, written.start, "folded", written.end).anchors
      : value.anchors;
    const part = { name, at: 0, end: value.text.length, start: written.start, sourceEnd: written.end };
    return {
      text: value.text,
      anchors,
      layer: value.layer === "decoded" ? "decoded" : "folded",
      parts: [part],
    };
  }

  /** `CONFIG.prefix`, `CONFIG.keys.live`: a property of a constant object literal nothing writes through. */
  private property(node: AstNode, nesting: number): Piece | undefined {
    if (!this.bindings) return undefined;
    const path: string[] = [];
    let current: AstNode = node;
    while (current.type === "MemberExpression") {
      const key = propertyName(current);
      if (key === undefined || path.length >= 8) return undefined;
      path.push(key);
      current = unwrap(current.object as AstNode);
    }
    if (current.type !== "Identifier") return undefined;
    let object = this.bindings.objectOf(current);
    const name = [current.name as string, ...[...path].reverse()].join(".");
    for (let i = path.length - 1; i >= 0 && object; i--) {
      const value = propertyValue(object, path[i]!);
      if (i === 0) return this.constant(value, name, nesting);
      object = value && unwrap(value).type === "ObjectExpression" ? unwrap(value) : undefined;
    }
    return undefined;
  }

  private template(node: AstNode, nesting: number): Piece | undefined {
    const quasis = node.quasis as AstNode[];
    const expressions = node.expressions as AstNode[];
    const pieces: Piece[] = [];
    for (let i = 0; i < quasis.length; i++) {
      const quasi = quasis[i]!;
      pieces.push(cookLiteral(this.text, quasi.start, quasi.end, true));
      const expression = expressions[i];
      if (expression === undefined) continue;
      const operand = this.operand(expression, nesting);
      if (operand === undefined) return undefined;
      pieces.push(
        "piece" in operand ? operand.piece : collapsedPiece(String(operand.number), operand.at, "folded"),
      );
    }
    if (expressions.length === 0) return pieces[0];
    return concatPieces(pieces);
  }

  private call(node: AstNode, nesting: number): Piece | undefined {
    const callee = unwrap(node.callee as AstNode);
    const args = (node.arguments as AstNode[]).map(unwrap);
    const name = dottedName(callee);
    if (name === "String.fromCharCode") return this.fromCharCode(args);
    if (name !== undefined && /^(?:(?:window|self|globalThis)\.)?atob$/.test(name) && args.length === 1) {
      return this.decoded(args[0]!, nesting, (value) => decodeBase64(value));
    }
    if (name !== undefined && PERCENT_DECODERS.test(name) && args.length === 1)
      return this.decoded(args[0]!, nesting, decodePercent);
    if (callee.type === "MemberExpression" && propertyName(callee) === "from" && args.length === 2)
      return this.bufferFrom(name, args, nesting);
    if (callee.type !== "MemberExpression" || !isNode(callee.object)) return undefined;
    const method = propertyName(callee);
    if (method === "toString" && args.length <= 1) return this.decodedBuffer(callee.object);
    // `new TextEncoder().encode("…")`: the bytes of a literal, as handed to `crypto.subtle.importKey`.
    if (method === "encode" && args.length === 1 && isTextEncoder(callee.object))
      return this.evaluate(args[0]!, nesting + 1);
    if (method === "concat") {
      const base = this.evaluate(callee.object, nesting + 1);
      const rest = args.map((arg) => this.operand(arg, nesting));
      if (!base || rest.some((operand) => operand === undefined)) return undefined;
      return joinOperands([{ piece: base }, ...(rest as Operand[])]);
    }
    if (method === "join" && callee.object.type === "ArrayExpression" && args.length <= 1)
      return this.join(callee.object, args[0], nesting);
    if (method === "join" && args.length <= 1) return this.reversedJoin(callee.object, args[0], nesting);
    return undefined;
  }

  /**
   * `Buffer.from("…", "hex" | "base64")`, also through a bundle's renamed polyfill (`X.from(…, "hex")`,
   * `r.Buffer.from`): the explicit encoding names the decode. Under another name than `Buffer` only
   * readable text counts, so a crypto library's hex constants stay what they are.
   */
  private bufferFrom(name: string | undefined, args: readonly AstNode[], nesting: number): Piece | undefined {
    const encoding = this.evaluate(args[1]!, nesting + 1)?.text;
    if (encoding !== "base64" && encoding !== "base64url" && encoding !== "hex") return undefined;
    const renamed = name !== "Buffer.from";
    return this.decoded(args[0]!, nesting, (value) => {
      const text = decodeAs(value, encoding);
      return renamed && (text === undefined || !READABLE.test(text)) ? undefined : text;
    });
  }

  /**
   * A string read backwards: `"…".split("").reverse().join("")`, `[...s].reverse().join("")`,
   * `Array.from(s).reverse().join("")` and `["c", "b", "a"].reverse().join("")`. Collapsed onto what was
   * reversed, which is where the secret was written.
   */
  private reversedJoin(
    reversed: AstNode,
    separatorNode: AstNode | undefined,
    nesting: number,
  ): Piece | undefined {
    const call = unwrap(reversed);
    const callee = call.type === "CallExpression" ? unwrap(call.callee as AstNode) : undefined;
    if (callee?.type !== "MemberExpression" || propertyName(callee) !== "reverse") return undefined;
    if ((call.arguments as AstNode[]).length !== 0 || !isNode(callee.object)) return undefined;
    const separator = separatorNode === undefined ? "," : this.evaluate(separatorNode, nesting + 1)?.text;
    if (separator === undefined) return undefined;
    const source = unwrap(callee.object);
    const items = this.sequence(source, nesting);
    if (!items) return undefined;
    return collapsedPiece(items.reverse().join(separator), source.start, "folded", source.end);
  }

  /** The elements of a constant sequence: an array literal, `s.split(sep)`, `[...s]`, `Array.from(s)`. */
  private sequence(node: AstNode, nesting: number): string[] | undefined {
    if (node.type === "ArrayExpression") {
      const elements = node.elements as (AstNode | null)[];
      const only = elements.length === 1 ? elements[0] : undefined;
      if (only?.type === "SpreadElement") return this.characters(only.argument as AstNode, nesting);
      const texts: string[] = [];
      for (const element of elements) {
        if (!element) return undefined;
        const operand = this.operand(element, nesting);
        if (!operand) return undefined;
        texts.push("piece" in operand ? operand.piece.text : String(operand.number));
      }
      return texts;
    }
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrap(node.callee as AstNode);
    const args = (node.arguments as AstNode[]).map(unwrap);
    if (dottedName(callee) === "Array.from" && args.length === 1) return this.characters(args[0]!, nesting);
    if (callee.type !== "MemberExpression" || propertyName(callee) !== "split" || args.length !== 1)
      return undefined;
    const text = this.evaluate(callee.object as AstNode, nesting + 1)?.text;
    const separator = this.evaluate(args[0]!, nesting + 1)?.text;
    if (text === undefined || separator === undefined) return undefined;
    return separator === "" ? [...text] : text.split(separator);
  }

  private characters(node: AstNode, nesting: number): string[] | undefined {
    const text = this.evaluate(node, nesting + 1)?.text;
    return text === undefined ? undefined : [...text];
  }

  /** `Buffer.from("…", "base64").toString()` is the decoded text `Buffer.from` already produced. */
  private decodedBuffer(object: AstNode): Piece | undefined {
    const inner = unwrap(object);
    if (inner.type !== "CallExpression") return undefined;
    const callee = unwrap(inner.callee as AstNode);
    if (callee.type !== "MemberExpression" || propertyName(callee) !== "from") return undefined;
    return this.evaluate(inner);
  }

  private decoded(
    arg: AstNode,
    nesting: number,
    decode: (value: string) => string | undefined,
  ): Piece | undefined {
    const encoded = this.evaluate(arg, nesting + 1);
    if (!encoded) return undefined;
    const text = decode(encoded.text);
    return text === undefined ? undefined : collapsedPiece(text, arg.start, "decoded", arg.end);
  }

  private fromCharCode(args: readonly AstNode[]): Piece | undefined {
    if (args.length === 0 || args.some((arg) => arg.type !== "NumericLiteral")) return undefined;
    return concatPieces(
      args.map((arg) =>
        collapsedPiece(String.fromCharCode(arg.value as number), arg.start, "folded", arg.end),
      ),
    );
  }

  private join(array: AstNode, separatorNode: AstNode | undefined, nesting: number): Piece | undefined {
    const separator = separatorNode === undefined ? undefined : this.evaluate(separatorNode, nesting + 1);
    if (separatorNode !== undefined && separator === undefined) return undefined;
    const pieces: Piece[] = [];
    const elements = array.elements as (AstNode | null)[];
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      if (i > 0)
        pieces.push(collapsedPiece(separator?.text ?? ",", separatorNode?.start ?? array.start, "folded"));
      if (element === null || element === undefined) continue;
      const operand = this.operand(element, nesting);
      if (operand === undefined) return undefined;
      pieces.push(
        "piece" in operand ? operand.piece : collapsedPiece(String(operand.number), operand.at, "folded"),
      );
    }
    return concatPieces(pieces);
  }
}

function isTextEncoder(node: AstNode): boolean {
  const inner = unwrap(node);
  return inner.type === "NewExpression" && dottedName(inner.callee as AstNode) === "TextEncoder";
}

function isPlus(node: AstNode): boolean {
  return node.type === "BinaryExpression" && node.operator === "+";
}

/** `+` semantics over constants: numbers add until the first string, then everything concatenates. */
function joinOperands(operands: readonly Operand[]): Piece | undefined {
  const pieces: Piece[] = [];
  let sum: { number: number; at: number } | undefined;
  for (const operand of operands) {
    if ("number" in operand) {
      if (pieces.length === 0) sum = sum ? { number: sum.number + operand.number, at: sum.at } : operand;
      else pieces.push(collapsedPiece(String(operand.number), operand.at, "folded"));
      continue;
    }
    if (sum) pieces.push(collapsedPiece(String(sum.number), sum.at, "folded"));
    sum = undefined;
    pieces.push(operand.piece);
  }
  if (pieces.length === 0) return undefined;
  return pieces.length === 1 && operands.length === 1 ? pieces[0] : concatPieces(pieces);
}

/** The value node of `key` in an object literal: the last such property, unless a spread may override it. */
function propertyValue(object: AstNode, key: string): AstNode | undefined {
  let value: AstNode | undefined;
  for (const property of object.properties as AstNode[]) {
    if (property.type === "SpreadElement") value = undefined;
    else if (property.type === "ObjectProperty" && objectKey(property) === key)
      value = property.value as AstNode;
    else if (property.type === "ObjectMethod" && objectKey(property) === key) value = undefined;
  }
  return value;
}

function objectKey(property: AstNode): string | undefined {
  const key = property.key as AstNode;
  if (!property.computed && key.type === "Identifier") return key.name as string;
  if (key.type === "StringLiteral") return key.value as string;
  return undefined;
}

/** Where a folded value's text was written: from its first character's place to its last one's end. */
function sourceSpanOf(value: Piece, init: AstNode): { start: number; end: number } {
  if (value.text.length === 0) return { start: init.start, end: init.end };
  return pieceSpan(value);
}

/**
 * A value that drew on bindings is reported where it was put together (a template, a chain, a call),
 * unless it is one binding's value alone; over the size or part limits it is not folded at all.
 */
function assembled(piece: Piece, at: { start: number; end: number }): Piece | undefined {
  const parts = piece.parts ?? [];
  if (piece.text.length > MAX_FOLDED_CHARS || parts.length > MAX_PARTS) return undefined;
  const whole = parts.length === 1 && parts[0]!.at === 0 && parts[0]!.end === piece.text.length;
  return whole ? piece : { ...piece, assembly: { start: at.start, end: at.end } };
}
