import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFirstSection } from '../src/web/views/stage/readme-markdown.js';

/** A README whose first section holds `body`. */
const readme = (body: string) =>
  `# A pattern\n\nIntro.\n\n## What it is\n\n${body}\n\n## Next section\n\nLater.\n`;
const render = (body: string) => renderFirstSection(readme(body), 'microservices');

describe('a README on the stage page', () => {
  it('when the README has sections, then only the first one after its title is rendered', () => {
    const html = render('The **first** section.');
    expect(html).toBe('<p>The <strong>first</strong> section.</p>\n');
  });

  it('when the section holds a table, then it is an HTML table', () => {
    const html = render('| process | owns |\n|---|---|\n| gateway | nothing |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>process</th>');
    expect(html).toContain('<td>gateway</td>');
  });

  it('when the section holds HTML, then it is shown as text, not parsed', () => {
    const html = render('Before <script>alert(1)</script> <img src=x onerror=alert(1)> after.');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('when a link leads to script or another protocol than the web’s, then no link is made', () => {
    expect(render('[click](javascript:alert(1))')).not.toContain('<a');
    expect(render('[files](ftp://example.com/x)')).toBe('<p><span>files</span></p>\n');
  });

  it('when the section shows an image, then its alt text is shown and nothing is fetched', () => {
    const html = render('![the topology](https://example.com/topology.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('<span class="image-alt">[image: the topology]</span>');
  });

  it('when a link leads to the web, then it opens in a new tab without a referrer', () => {
    expect(render('[RealWorld](https://realworld-docs.netlify.app/)')).toContain(
      '<a href="https://realworld-docs.netlify.app/" target="_blank" rel="noopener noreferrer">RealWorld</a>',
    );
  });

  it('when a link leads to another stage’s README or roadmap file, then it leads to that stage’s page', () => {
    expect(render('[monolith](../monolith/README.md)')).toContain('<a href="#/stage/monolith">monolith</a>');
    expect(render('[roadmap](../../roadmap/microservices.md)')).toContain(
      '<a href="#/stage/microservices">roadmap</a>',
    );
  });

  it('when a link leads to another repository file, then it is text naming that file', () => {
    expect(render('[gateway](gateway/src/app.ts)')).toContain(
      '<span class="repo-file" title="patterns/microservices/gateway/src/app.ts in the repository">gateway</span>',
    );
  });

  it('when the section holds a Mermaid diagram and code, then the diagram is left out and the code kept', () => {
    const html = render('```mermaid\nflowchart LR\n  a --> b\n```\n\n```ts\nconst x = 1 < 2;\n```');
    expect(html).not.toContain('flowchart');
    expect(html).toContain('<pre><code class="language-ts">const x = 1 &lt; 2;\n</code></pre>');
  });

  it('when the README has no section heading, then nothing is rendered', () => {
    expect(renderFirstSection('# Only a title\n\nText.', 'monolith')).toBe('');
  });

  it('when the microservices README is rendered, then its service table is a table', () => {
    const text = readFileSync(new URL('../../../patterns/microservices/README.md', import.meta.url), 'utf8');
    const html = renderFirstSection(text, 'microservices');
    expect(html).toMatch(/<table>[\s\S]*<th>process<\/th>[\s\S]*gateway[\s\S]*<\/table>/);
    expect(html).not.toContain('|---|');
  });
});
