import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * "A function keeps no state between invocations but its connection pool" (issue 15) is not an import
 * rule: it is about what a module declares at its top level, which lives as long as the warm instance
 * and is shared by every invocation it serves, yet vanishes at the next cold start or on another
 * instance. This check reads functions/** and core/** with the TypeScript parser and reports each
 * top-level declaration that holds such state, minus the allow-list below.
 */

export type ModuleStateKind =
  | 'mutable-binding'
  | 'exported-collection'
  | 'mutated-collection'
  | 'mutated-literal';

export interface ModuleStateFinding {
  /** Relative to the checked folder, with forward slashes: `core/database.ts`. */
  file: string;
  /** 1-based line of the declaration. */
  line: number;
  name: string;
  kind: ModuleStateKind;
  why: string;
}

export interface AllowedModuleState {
  file: string;
  name: string;
  reason: string;
}

/**
 * The state the design keeps on purpose: the two connections an instance reuses, nothing else. The instance meter needs no entry: each handler's meter lives
 * in the closure `conduitFunction` builds (core/conduit-function.ts), not in a top-level declaration.
 */
export const ALLOWED_MODULE_STATE: readonly AllowedModuleState[] = [
  {
    file: 'core/database.ts',
    name: 'opened',
    reason:
      'the connection pool, opened by the first invocation that queries and reused while the instance is warm (ADR 0014): the one state worth keeping, since reconnecting per invocation costs more than the query',
  },
  {
    file: 'core/event-publisher.ts',
    name: 'opened',
    reason:
      'the broker connection events are published on, opened by the first event and reused while the instance is warm, for the same reason as the pool: the second and last state an instance keeps',
  },
];

/** Constructors whose instances are mutable containers. */
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);
/** Methods that change the collection or array they are called on. */
const MUTATORS = new Set([
  'set',
  'add',
  'delete',
  'clear',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
]);

/** Finds the top-level state of every `.ts` file under `root`/`folders`, in file and line order. */
export function findModuleState(
  root: string,
  folders: readonly string[],
  allowed: readonly AllowedModuleState[] = ALLOWED_MODULE_STATE,
): ModuleStateFinding[] {
  const isAllowed = (finding: ModuleStateFinding) =>
    allowed.some(({ file, name }) => file === finding.file && name === finding.name);
  return folders
    .flatMap((folder) => typeScriptFiles(join(root, folder)))
    .sort()
    .flatMap((path) => stateOf(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8')))
    .filter((finding) => !isAllowed(finding));
}

/** The top-level state one module declares. */
export function stateOf(file: string, text: string): ModuleStateFinding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const mutations = mutationsIn(source);
  const findings: ModuleStateFinding[] = [];

  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const { flags } = statement.declarationList;
    const keyword = flags & ts.NodeFlags.Let ? 'let' : flags & ts.NodeFlags.Const ? 'const' : 'var';
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    for (const declaration of statement.declarationList.declarations) {
      for (const name of boundNames(declaration.name)) {
        const found = (kind: ModuleStateKind, why: string) =>
          findings.push({ file, line: lineOf(declaration), name, kind, why });
        if (keyword !== 'const') {
          found(
            'mutable-binding',
            `top-level \`${keyword} ${name}\`: every invocation the warm instance serves sees what the last one assigned, and a cold start or another instance sees none of it`,
          );
          continue;
        }
        const value = declaration.initializer && unwrap(declaration.initializer);
        if (!value) continue;
        const mutatedAt = mutations.get(name);
        if (
          ts.isNewExpression(value) &&
          ts.isIdentifier(value.expression) &&
          COLLECTIONS.has(value.expression.text)
        ) {
          const kind = value.expression.text;
          if (exported) {
            found(
              'exported-collection',
              `exported top-level \`new ${kind}\`: any module may fill it, so it outlives the invocation that did`,
            );
          } else if (mutatedAt) {
            found(
              'mutated-collection',
              `top-level \`new ${kind}\` changed at line ${lineOf(mutatedAt)}: a cache shared by the invocations of one warm instance only`,
            );
          }
        } else if ((ts.isArrayLiteralExpression(value) || ts.isObjectLiteralExpression(value)) && mutatedAt) {
          found(
            'mutated-literal',
            `top-level ${ts.isArrayLiteralExpression(value) ? 'array' : 'object'} changed at line ${lineOf(mutatedAt)}: what one invocation writes there leaks into the next on this instance`,
          );
        }
      }
    }
  }
  return findings;
}

/** The first place each identifier's value is changed in the module: assigned into, deleted from, or mutated by a method. */
function mutationsIn(source: ts.SourceFile): Map<string, ts.Node> {
  const first = new Map<string, ts.Node>();
  const note = (target: ts.Expression, at: ts.Node) => {
    const root = rootIdentifier(target);
    if (root && !first.has(root)) first.set(root, at);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      isMemberAccess(node.left)
    ) {
      note(node.left, node);
    } else if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) &&
      isMemberAccess(node.operand)
    ) {
      note(node.operand, node);
    } else if (ts.isDeleteExpression(node)) {
      note(node.expression, node);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: target, name } = node.expression;
      if (MUTATORS.has(name.text)) note(target, node);
      // Object.assign(target, …) writes into its first argument.
      if (
        name.text === 'assign' &&
        ts.isIdentifier(target) &&
        target.text === 'Object' &&
        node.arguments[0]
      ) {
        note(node.arguments[0], node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return first;
}

const isMemberAccess = (node: ts.Node) =>
  ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);

/** `cache.entries[key].count` → `cache`; anything not rooted in a plain identifier → undefined. */
function rootIdentifier(node: ts.Expression): string | undefined {
  let current = unwrap(node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    current = unwrap(current.expression);
  }
  return ts.isIdentifier(current) ? current.text : undefined;
}

/** Looks through parentheses and type-only wrappers (`as`, `satisfies`, `!`), which change no value. */
function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The names a declaration binds, destructuring included. */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : boundNames(element.name),
  );
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}
