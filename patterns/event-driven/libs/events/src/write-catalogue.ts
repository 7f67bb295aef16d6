import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCatalogueMarkdown } from './catalogue-markdown.js';

export const catalogueFile = fileURLToPath(new URL('../../../EVENTS.md', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(catalogueFile, renderCatalogueMarkdown());
  console.log(`wrote ${catalogueFile}`);
}
