import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@journey/orchestrator';

/**
 * What the pattern is, in the pattern's own words: the prose paragraphs of the first section of its
 * README (diagrams and code blocks left out), or null when the pattern has no README yet.
 */
export function patternSummary(slug: string): string[] | null {
  let text: string;
  try {
    text = readFileSync(join(repoRoot, 'patterns', slug, 'README.md'), 'utf8');
  } catch {
    return null;
  }
  return proseOfFirstSection(text);
}

/** The prose paragraphs between the first `## ` heading and the next heading, with inline Markdown marks removed. */
export function proseOfFirstSection(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('## '));
  if (start < 0) return [];
  const paragraphs: string[] = [];
  let current: string[] = [];
  let inFence = false;
  const flush = () => {
    if (current.length) paragraphs.push(plain(current.join(' ')));
    current = [];
  };
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('```')) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (line.startsWith('#')) break;
    if (line.trim() === '') flush();
    else current.push(line.trim());
  }
  flush();
  return paragraphs;
}

const plain = (text: string) =>
  text
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/(^|\s)_([^_]+)_/g, '$1$2');
