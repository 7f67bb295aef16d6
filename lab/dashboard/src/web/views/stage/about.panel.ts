import type { PatternView } from '../../api.js';
import { h } from '../../dom.js';
import { renderFirstSection } from './readme-markdown.js';

/** The page's heading and what the pattern is, in its README's own words. */
export function aboutPanel(pattern: PatternView): HTMLElement {
  const readme = h('div', { class: 'readme' });
  // The one place the dashboard inserts HTML: markdown-it's output, safe as readme-markdown.ts explains.
  if (pattern.readme) readme.innerHTML = renderFirstSection(pattern.readme, pattern.slug);
  return h(
    'header',
    { class: 'about' },
    h('h1', {}, pattern.title),
    h('p', { class: 'badges' }, h('span', { class: 'badge' }, pattern.difficulty), ` ${pattern.stageTitle}`),
    readme,
  );
}
