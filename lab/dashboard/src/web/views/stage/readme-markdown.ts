import MarkdownIt, { type Env, type Token } from 'markdown-it';

/**
 * A pattern's README, Markdown to HTML, for the stage page. What keeps it safe to insert:
 * - `html: false`: HTML written in the Markdown is printed as text, never parsed;
 * - markdown-it's own link check drops `javascript:`, `vbscript:`, `file:` and `data:` targets;
 * - an image is shown as its alt text, never fetched: the page loads nothing from the internet, and a
 *   README's relative image would not be served by the dashboard anyway;
 * - a link is kept only to the web (`http`, `https`, `mailto`, opened in a new tab) or, for another
 *   stage's README or roadmap file, to that stage's page. Other relative links name repository files the
 *   dashboard does not serve, so they become plain text with the file's path in a tooltip.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

interface ReadmeEnv extends Env {
  /** The pattern whose README this is: its relative links start from patterns/<slug>/. */
  slug: string;
}

const WEB_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** `patterns/<slug>/README.md` and `roadmap/<slug>.md`: both have a page here, the stage's. */
const STAGE_FILE = /^(?:patterns\/([a-z-]+)\/README\.md|roadmap\/([a-z-]+)\.md)$/;

/** Points a link where it leads in the dashboard; returns the tag it is drawn with. */
function retarget(link: Token, { slug }: ReadmeEnv): 'a' | 'span' {
  // The README's own address under a stand-in origin that never reaches the output: relative paths
  // resolve from its folder, and a bare `#heading` to the README itself.
  const repo = new URL(`https://repo.invalid/patterns/${slug}/README.md`);
  const target = new URL(String(link.attrGet('href') ?? ''), repo);
  const title = link.attrGet('title');
  if (target.origin !== repo.origin) {
    if (!WEB_PROTOCOLS.has(target.protocol)) {
      link.attrs = null;
      return 'span';
    }
    link.attrs = [
      ['href', target.href],
      ['target', '_blank'],
      ['rel', 'noopener noreferrer'],
    ];
    if (title) link.attrSet('title', title);
    return 'a';
  }
  const path = decodeURIComponent(target.pathname.slice(1));
  const stage = STAGE_FILE.exec(path);
  if (stage) {
    link.attrs = [['href', `#/stage/${stage[1] ?? stage[2]}`]];
    return 'a';
  }
  link.attrs = [
    ['class', 'repo-file'],
    ['title', `${path} in the repository`],
  ];
  return 'span';
}

markdown.core.ruler.push('dashboard_links', (state) => {
  for (const block of state.tokens) {
    let tag: 'a' | 'span' = 'a';
    for (const token of block.children ?? []) {
      if (token.type === 'link_open') tag = retarget(token, state.env as ReadmeEnv);
      if (token.type === 'link_open' || token.type === 'link_close') token.tag = tag;
    }
  }
});

markdown.renderer.rules.image = (tokens, index, options, env, self) =>
  `<span class="image-alt">[image: ${markdown.utils.escapeHtml(self.renderInlineAsText(tokens[index]!.children ?? [], options, env))}]</span>`;

/**
 * The first section of a README (between its first `## ` heading and the next heading) as HTML: what
 * the pattern is, in its own words. Mermaid diagrams are left out: drawing them takes a large library,
 * their source text tells a reader little, and the page draws the live topology right below.
 */
export function renderFirstSection(readme: string, slug: string): string {
  const env: ReadmeEnv = { slug };
  const tokens = markdown.parse(readme, env);
  const heading = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h2');
  if (heading < 0) return '';
  const start = tokens.findIndex((t, i) => i > heading && t.type === 'heading_close') + 1;
  const next = tokens.findIndex((t, i) => i >= start && t.type === 'heading_open');
  const section = tokens
    .slice(start, next < 0 ? undefined : next)
    .filter((t) => !(t.type === 'fence' && t.info.trim() === 'mermaid'));
  return markdown.renderer.render(section, markdown.options, env);
}
