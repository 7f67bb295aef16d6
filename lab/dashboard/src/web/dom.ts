/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Builds an element: `on…` attributes become listeners, `false`/`null` attributes are left out, and
 * children are text nodes unless they are nodes already — so nothing from the API is ever parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Says something to screen-reader users without moving their focus. */
export function announce(message: string): void {
  const announcer = document.getElementById('announcer');
  if (announcer) announcer.textContent = message;
}

/** A table with a caption and a header row; cells are text. */
export const dataTable = (caption: string, header: string[], rows: (string | number)[][]) =>
  h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...header.map((cell) => h('th', { scope: 'col' }, cell)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
  );

export const mib = (bytes: number | null) => (bytes === null ? '–' : `${Math.round(bytes / 2 ** 20)} MiB`);

export const perSecond = (rate: number | null) =>
  rate === null ? '–' : `${rate.toFixed(rate < 10 ? 1 : 0)} req/s`;
