import { live, runs } from '../api.js';
import { h } from '../dom.js';
import type { View } from '../main.js';

interface Preset {
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: (me: Session) => unknown;
  /** The call means something only when signed in. */
  auth?: boolean;
}

interface Session {
  username: string;
  email: string;
  password: string;
  token: string | null;
  slug: string | null;
}

// A fresh learner per page load, so "Register" works every time on a database that keeps its data.
const suffix = Math.random().toString(36).slice(2, 8);

const PRESETS: Preset[] = [
  { label: 'List articles', method: 'GET', path: '/api/articles?limit=5' },
  { label: 'Tags', method: 'GET', path: '/api/tags' },
  {
    label: 'Register',
    method: 'POST',
    path: '/api/users',
    body: (me) => ({ user: { username: me.username, email: me.email, password: me.password } }),
  },
  {
    label: 'Log in',
    method: 'POST',
    path: '/api/users/login',
    body: (me) => ({ user: { email: me.email, password: me.password } }),
  },
  { label: 'Current user', method: 'GET', path: '/api/user', auth: true },
  {
    label: 'Publish an article',
    method: 'POST',
    path: '/api/articles',
    auth: true,
    body: () => ({
      article: {
        title: `Trying the API ${new Date().toISOString().slice(11, 19)}`,
        description: 'Sent from the dashboard',
        body: 'The same request works on every architecture.',
        tagList: ['dashboard'],
      },
    }),
  },
  { label: 'Read that article', method: 'GET', path: '/api/articles/:slug' },
  { label: 'Favorite it', method: 'POST', path: '/api/articles/:slug/favorite', auth: true },
  {
    label: 'Comment on it',
    method: 'POST',
    path: '/api/articles/:slug/comments',
    auth: true,
    body: () => ({ comment: { body: 'Nice one.' } }),
  },
  { label: 'My feed', method: 'GET', path: '/api/articles/feed', auth: true },
  { label: 'My profile', method: 'GET', path: '/api/profiles/:username' },
];

/** A request console for the Conduit API of any running pattern, with the common calls pre-filled. */
export const consoleView: View = (container) => {
  const me: Session = {
    username: `learner_${suffix}`,
    email: `learner_${suffix}@example.com`,
    password: 'journey-password',
    token: null,
    slug: null,
  };
  const target = h('select', { id: 'console-target' });
  const preset = h(
    'select',
    { id: 'console-preset' },
    ...PRESETS.map((p, i) => h('option', { value: i }, `${p.label} — ${p.method} ${p.path}`)),
  );
  const method = h(
    'select',
    { id: 'console-method' },
    ...['GET', 'POST', 'PUT', 'DELETE'].map((m) => h('option', { value: m }, m)),
  );
  const path = h('input', { id: 'console-path', type: 'text', spellcheck: false, autocomplete: 'off' });
  const body = h('textarea', { id: 'console-body', rows: 7, spellcheck: false });
  const sendToken = h('input', { id: 'console-auth', type: 'checkbox' });
  const session = h('span', { class: 'muted' });
  const sendButton = h('button', { type: 'submit' }, 'Send');
  const responseStatus = h('p', { class: 'response-status', 'aria-live': 'polite' });
  const responseBody = h('pre', { class: 'response', tabindex: 0, 'aria-label': 'Response body' });

  const fill = () => {
    const chosen = PRESETS[Number(preset.value)]!;
    method.value = chosen.method;
    path.value = chosen.path.replace(':slug', me.slug ?? ':slug').replace(':username', me.username);
    body.value = chosen.body ? JSON.stringify(chosen.body(me), null, 2) : '';
    sendToken.checked = me.token !== null && (chosen.auth ?? false);
  };
  const showSession = () => {
    sendToken.disabled = me.token === null;
    session.textContent = me.token ? ` (signed in as ${me.username})` : ' (register or log in first)';
  };
  const refreshTargets = () => {
    const running = [...runs.values()].filter(
      (r) => (r.state === 'running' || r.state === 'elsewhere') && r.url,
    );
    const previous = target.value;
    target.replaceChildren(...running.map((r) => h('option', { value: r.url! }, `${r.pattern} — ${r.url}`)));
    if (running.some((r) => r.url === previous)) target.value = previous;
    sendButton.disabled = running.length === 0;
    if (running.length === 0)
      responseStatus.textContent = 'No pattern is running: start one from its stage page.';
  };

  const send = async (event: Event) => {
    event.preventDefault();
    const headers: Record<string, string> = {};
    if (body.value.trim()) headers['content-type'] = 'application/json';
    if (sendToken.checked && me.token) headers.authorization = `Token ${me.token}`;
    responseStatus.textContent = 'Sending…';
    const started = performance.now();
    try {
      const response = await fetch(`${target.value}${path.value}`, {
        method: method.value,
        headers,
        body: method.value === 'GET' || !body.value.trim() ? undefined : body.value,
      });
      const text = await response.text();
      const ms = Math.round(performance.now() - started);
      responseStatus.textContent = `HTTP ${response.status} ${response.statusText} in ${ms} ms`;
      responseStatus.dataset.status = String(response.status);
      let shown = text;
      try {
        const json = JSON.parse(text) as {
          user?: { token?: string; username?: string };
          article?: { slug?: string };
        };
        shown = JSON.stringify(json, null, 2);
        if (json.user?.token) {
          me.token = json.user.token;
          me.username = json.user.username ?? me.username;
        }
        if (json.article?.slug) me.slug = json.article.slug;
      } catch {
        // Not JSON: shown as it came.
      }
      responseBody.textContent = shown;
      showSession();
    } catch (error) {
      responseStatus.textContent = `The request failed: ${(error as Error).message}`;
    }
  };

  container.append(
    h('h1', {}, 'Try the app'),
    h(
      'p',
      { class: 'muted' },
      'Send Conduit API calls to any running pattern. Register or log in once; the token in the answer is sent with the calls that need it.',
    ),
    h(
      'form',
      { class: 'console', onsubmit: (event: Event) => void send(event) },
      h('label', { for: 'console-target' }, 'Running pattern'),
      target,
      h('label', { for: 'console-preset' }, 'Common call'),
      preset,
      h(
        'div',
        { class: 'request-line' },
        h('label', { for: 'console-method', class: 'visually-hidden' }, 'Method'),
        method,
        h('label', { for: 'console-path', class: 'visually-hidden' }, 'Path'),
        path,
      ),
      h('label', { for: 'console-body' }, 'JSON body'),
      body,
      h('p', {}, h('label', {}, sendToken, ' Send my token'), session),
      h('p', { class: 'buttons' }, sendButton),
    ),
    h('h2', {}, 'Response'),
    responseStatus,
    responseBody,
  );
  preset.addEventListener('change', fill);
  fill();
  showSession();
  refreshTargets();
  return live((event) => event.kind === 'run' && refreshTargets());
};
