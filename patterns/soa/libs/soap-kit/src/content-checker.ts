import type { ElementDecl } from './schema-model.js';
import { simpleValueViolation } from './simple-value.js';

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** An open tag as the streaming pass sees it: its name and its namespace-resolved attributes. */
export interface OpenTag {
  uri: string;
  local: string;
  attributes: Record<string, { uri: string; local: string; value: string }>;
}

interface Frame {
  decl: ElementDecl;
  /** `/CreateArticle/tagList`: where a violation is, in the fault's message. */
  path: string;
  nil: boolean;
  text: string;
  /** Complex content: how many of each declared child came, and the last one's place in the sequence. */
  counts: number[];
  lastIndex: number;
}

/**
 * Holds one element (a Body's operation element, a declared header) to its XSD declaration while the
 * XML streams past: children declared (by namespace and name), in sequence order, no more than
 * maxOccurs and at least minOccurs of each, `xsi:nil` only where nillable, and every simple value valid
 * for its type and facets (simple-value.ts). Each method returns the first violation as
 * `<path>: <rule>` (`/CreateArticle/title: longer than 300 characters`), or undefined.
 * Attributes are not checked: the contracts' requests declare none.
 */
export interface ContentChecker {
  /** The first call opens the element the checker was made for (the caller matched its name). */
  open(tag: OpenTag): string | undefined;
  text(chunk: string): string | undefined;
  close(): string | undefined;
  /** True once the element it was made for has closed. */
  readonly done: boolean;
}

export function createContentChecker(root: ElementDecl): ContentChecker {
  const stack: Frame[] = [];
  let closedRoot = false;

  return {
    get done() {
      return closedRoot;
    },
    open(tag) {
      const parent = stack[stack.length - 1];
      if (!parent) {
        stack.push(frameOf(root, `/${root.name}`, tag));
        return nilViolation(stack[0]!);
      }
      const type = parent.decl.type;
      if (parent.nil) return `${parent.path}: xsi:nil, but it has content`;
      if (type.kind === 'simple') return `${parent.path}: an xs:${type.builtin}, no elements inside`;
      const index = type.elements.findIndex(
        (element) => element.name === tag.local && element.namespace === tag.uri,
      );
      if (index < 0) {
        const name = tag.uri ? `{${tag.uri}}${tag.local}` : tag.local;
        return `${parent.path}: has no element ${name} (it has ${type.elements.map((e) => e.name).join(', ') || 'none'})`;
      }
      const child = type.elements[index]!;
      if (index < parent.lastIndex)
        return `${parent.path}: ${child.name} out of order (the sequence is ${type.elements.map((e) => e.name).join(', ')})`;
      parent.lastIndex = index;
      parent.counts[index] = (parent.counts[index] ?? 0) + 1;
      if (parent.counts[index]! > child.max)
        return `${parent.path}: more than ${child.max} ${child.name} element${child.max === 1 ? '' : 's'}`;
      const frame = frameOf(child, `${parent.path}/${child.name}`, tag);
      stack.push(frame);
      return nilViolation(frame);
    },
    text(chunk) {
      const top = stack[stack.length - 1]!;
      if (top.decl.type.kind === 'simple') {
        top.text += chunk;
        return undefined;
      }
      // Complex content is elements only (the contracts declare no mixed content): whitespace between them.
      if (/\S/.test(chunk)) return `${top.path}: text where only elements may be`;
      return undefined;
    },
    close() {
      const frame = stack.pop()!;
      if (stack.length === 0) closedRoot = true;
      if (frame.nil) return /\S/.test(frame.text) ? `${frame.path}: xsi:nil, but it has content` : undefined;
      const type = frame.decl.type;
      if (type.kind === 'simple') {
        const violation = simpleValueViolation(type, frame.text);
        return violation ? `${frame.path}: ${violation}` : undefined;
      }
      const missing = type.elements.find((element, index) => (frame.counts[index] ?? 0) < element.min);
      if (!missing) return undefined;
      return missing.min === 1
        ? `${frame.path}/${missing.name}: missing (required)`
        : `${frame.path}: fewer than ${missing.min} ${missing.name} elements`;
    },
  };
}

function frameOf(decl: ElementDecl, path: string, tag: OpenTag): Frame {
  const nil = Object.values(tag.attributes).some(
    (attribute) =>
      attribute.uri === XSI_NAMESPACE &&
      attribute.local === 'nil' &&
      /^\s*(true|1)\s*$/.test(attribute.value),
  );
  return { decl, path, nil, text: '', counts: [], lastIndex: 0 };
}

const nilViolation = (frame: Frame) =>
  frame.nil && !frame.decl.nillable ? `${frame.path}: xsi:nil, but the element is not nillable` : undefined;
