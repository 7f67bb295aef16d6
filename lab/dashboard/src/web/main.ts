import { hasToken } from './api.js';
import { h } from './dom.js';
import { compareView } from './views/compare.view.js';
import { consoleView } from './views/console.view.js';
import { roadmapView } from './views/roadmap.view.js';
import { stageView } from './views/stage.view.js';

/** A view renders into its container and returns what to undo (timers, subscriptions) when the route changes. */
export type View = (container: HTMLElement) => (() => void) | undefined;

function route(hash: string): { view: View; title: string } {
  const stage = /^#\/stage\/([a-z-]+)$/.exec(hash);
  if (stage) return { view: stageView(stage[1]!), title: stage[1]! };
  if (hash === '#/compare') return { view: compareView, title: 'Compare' };
  if (hash === '#/console') return { view: consoleView, title: 'Try the app' };
  return { view: roadmapView, title: 'Roadmap' };
}

const main = document.getElementById('main')!;
let leave: (() => void) | undefined;

function show() {
  leave?.();
  main.replaceChildren();
  if (!hasToken()) {
    main.append(
      h(
        'p',
        { class: 'notice', role: 'alert' },
        'This page was opened without its token, so it can show but not change anything. Open the URL the terminal printed.',
      ),
    );
  }
  const { view, title } = route(location.hash);
  document.title = `${title} — Backend Journey`;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const current = link.getAttribute('href') === (location.hash || '#/');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const container = h('div');
  main.append(container);
  leave = view(container);
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', show);
show();
