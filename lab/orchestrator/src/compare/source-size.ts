import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';

export interface SourceSize {
  /** TypeScript files in the pattern's source folders. */
  files: number;
  /** Lines holding code: blank lines and lines with only a comment are not counted. */
  codeLines: number;
}

/**
 * Every `.ts` file below a folder, as absolute paths, in a stable order. A workspace inside it (a
 * service) gets its own `node_modules` when npm cannot hoist a dependency: that is not the pattern's code.
 */
export function typescriptFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.split(sep).includes('node_modules'))
    .sort()
    .map((path) => join(folder, path));
}

/**
 * Lines that hold at least part of a token. Parsed rather than matched with regular expressions, so a
 * `//` inside a string, a comment after code or a multi-line template literal are counted right.
 */
export function countCodeLines(text: string): number {
  const file = ts.createSourceFile('counted.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const lines = new Set<number>();
  const visit = (node: ts.Node) => {
    // getChildren() also yields JSDoc comments as nodes: they are comments, not code.
    if (ts.isJSDoc(node) || node.kind === ts.SyntaxKind.EndOfFileToken) return;
    const children = node.getChildren(file);
    if (children.length > 0) {
      for (const child of children) visit(child);
      return;
    }
    // An empty list (a file with no statements) is a leaf too, but holds no code.
    if (node.getWidth(file) === 0) return;
    const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
    const last = file.getLineAndCharacterOfPosition(node.getEnd()).line;
    for (let line = first; line <= last; line++) lines.add(line);
  };
  visit(file);
  return lines.size;
}

/** Files and code lines of the source folders (relative to the pattern's folder) a pattern declares. */
export function measureSources(patternFolder: string, sources: string[]): SourceSize {
  const files = sources.flatMap((source) => typescriptFiles(join(patternFolder, source)));
  return {
    files: files.length,
    codeLines: files.reduce((sum, path) => sum + countCodeLines(readFileSync(path, 'utf8')), 0),
  };
}
