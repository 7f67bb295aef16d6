import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@journey/orchestrator';

/**
 * The pattern's README as Markdown, or null while the pattern has none. The stage page renders it
 * (web/views/stage/readme-markdown.ts), so the API carries text and the HTML is made where it is shown.
 */
export function patternReadme(slug: string): string | null {
  try {
    return readFileSync(join(repoRoot, 'patterns', slug, 'README.md'), 'utf8');
  } catch {
    return null;
  }
}
