import { readFileSync } from 'node:fs';
import { WHOLE_MODULE } from '@journey/architecture-rules';
import ts from 'typescript';

/**
 * The names `file` imports or re-exports from `specifier` (as written in the file): `import { a, b as c }`
 * gives `a`, `b`; a default import gives `default`; any import that brings the whole module gives `*`.
 * `import type` counts, as it does for the dependency rules.
 */
export function importedNames(file: string, specifier: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  const isSpecifier = (node: ts.Node | undefined) =>
    !!node && ts.isStringLiteral(node) && node.text === specifier;

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && isSpecifier(node.moduleSpecifier)) {
      const clause = node.importClause;
      if (clause?.name) names.add('default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(WHOLE_MODULE);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.add((element.propertyName ?? element.name).text);
      }
    } else if (ts.isExportDeclaration(node) && isSpecifier(node.moduleSpecifier)) {
      const clause = node.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) names.add(WHOLE_MODULE);
      else for (const element of clause.elements) names.add((element.propertyName ?? element.name).text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      isSpecifier(node.moduleReference.expression)
    ) {
      names.add(WHOLE_MODULE);
    } else if (ts.isImportTypeNode(node) && isSpecifier(literalOf(node.argument))) {
      // `import('pkg').Name`: the first part of the qualifier is the name taken from the module.
      names.add(node.qualifier ? firstName(node.qualifier) : WHOLE_MODULE);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      isSpecifier(node.arguments[0])
    ) {
      names.add(WHOLE_MODULE);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...names];
}

const literalOf = (node: ts.TypeNode) => (ts.isLiteralTypeNode(node) ? node.literal : undefined);

const firstName = (name: ts.EntityName): string => (ts.isIdentifier(name) ? name.text : firstName(name.left));
