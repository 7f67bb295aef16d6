import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Where generic code names a pattern. Code that says `'event-driven'` or `eventDrivenRules` branches on
 * (or reaches for) one pattern, so the next pattern needs a special case; the lab and the packages
 * should iterate over what patterns declare instead. Read through the TypeScript parser, so only
 * string literals and identifiers count: a slug in a comment, or in a prose string with spaces
 * (`'Microservices behind an API gateway'`), explains rather than branches.
 */
export interface SlugMention {
  /** Relative to the scanned root, with `/`. */
  file: string;
  line: number;
  slug: string;
  /** The literal or identifier as written. */
  text: string;
}

/** Test code names patterns on purpose (each test is about one); it is not what the lab runs. */
const isTestCode = (path: string) => /(^|\/)test\//.test(path) || path.endsWith('.test.ts');

/** `eventDrivenRules`, `EVENT_DRIVEN_URL` → `event-driven-rules`, `event-driven-url`: how slugs are spelt. */
const kebab = (identifier: string) =>
  identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();

/** The slugs a token names as a whole word: `patterns/soa/` names `soa`, `soap` does not. */
const slugsIn = (token: string, slugs: readonly string[]) =>
  slugs.filter((slug) => new RegExp(`(?<![a-z0-9])${slug}(?![a-z0-9])`).test(token.toLowerCase()));

function* sourceFiles(root: string, folder: string): Generator<string> {
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist')
      yield* sourceFiles(root, path);
    else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !isTestCode(path)) yield path;
  }
}

/** Each string literal and identifier of `text` that names one of `slugs`. */
export function slugMentionsIn(file: string, text: string, slugs: readonly string[]): SlugMention[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const mentions: SlugMention[] = [];
  const visit = (node: ts.Node) => {
    const token = ts.isIdentifier(node)
      ? kebab(node.text)
      : ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)
        ? node.text
        : undefined;
    if (token !== undefined && !/\s/.test(token)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      for (const slug of slugsIn(token, slugs))
        mentions.push({ file, line, slug, text: node.getText(source) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return mentions;
}

/**
 * Every mention of a slug in the non-test `.ts` files under `areas` of `root`, except in `data`: files
 * whose mentions are data (the slug list itself, seed text), each with the reason it is allowed.
 */
export function findSlugMentions(
  root: string,
  areas: string[],
  slugs: readonly string[],
  data: Record<string, string>,
): SlugMention[] {
  return areas.flatMap((area) =>
    [...sourceFiles(root, area)]
      .filter((file) => !(file in data))
      .flatMap((file) => slugMentionsIn(file, readFileSync(join(root, file), 'utf8'), slugs)),
  );
}
