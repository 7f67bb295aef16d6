import { h } from '../dom.js';

export interface BarSeries {
  name: string;
  colour: string;
  /** One per category; null where the category has no such figure (cold start outside serverless). */
  values: Array<number | null>;
}

export interface BarChart {
  title: string;
  /** After each value: ` ms`, `%`, ` MiB`. */
  unit: string;
  categories: string[];
  series: BarSeries[];
  /** Digits after the point in the labels. */
  decimals?: number;
}

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 400;
const ROW = 20;
const LABEL_WIDTH = 100;
const VALUE_ROOM = 70;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Horizontal bars, one group per category (a pattern) and one bar per series (p50, p95, p99), drawn as
 * plain SVG: a handful of rects needs no chart library. Every figure is also in the label that a screen
 * reader reads, and next to its bar; a missing figure is a dash, not a zero-length bar.
 */
export function svgBarChart(chart: BarChart): HTMLElement {
  const format = (value: number) => `${value.toFixed(chart.decimals ?? 0)}${chart.unit}`;
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const groupHeight = ROW * chart.series.length + 8;
  const height = groupHeight * chart.categories.length + (chart.series.length > 1 ? ROW + 4 : 0);
  const barRoom = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const figures = chart.categories.map(
    (category, c) =>
      `${category}: ${chart.series
        .map(
          (s) =>
            `${chart.series.length > 1 ? `${s.name} ` : ''}${s.values[c] === null ? '–' : format(s.values[c]!)}`,
        )
        .join(', ')}`,
  );
  const image = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: '100%',
    role: 'img',
    'aria-label': `${chart.title}. ${figures.join('; ')}`,
    class: 'bar-chart',
  });
  chart.categories.forEach((category, c) => {
    const top = c * groupHeight;
    image.append(
      svg(
        'text',
        { x: LABEL_WIDTH - 8, y: top + groupHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        category,
      ),
    );
    chart.series.forEach((series, s) => {
      const value = series.values[c] ?? null;
      const y = top + s * ROW + 4;
      const width = value === null || max === 0 ? 0 : Math.max(1, (value / max) * barRoom);
      const bar = svg('rect', {
        x: LABEL_WIDTH,
        y,
        width,
        height: ROW - 4,
        fill: series.colour,
        'data-category': category,
        'data-series': series.name,
        'data-value': value ?? '',
      });
      bar.append(svg('title', {}, `${category} ${series.name}: ${value === null ? 'none' : format(value)}`));
      image.append(
        bar,
        svg(
          'text',
          { x: LABEL_WIDTH + width + 6, y: y + (ROW - 4) / 2, 'dominant-baseline': 'middle' },
          value === null ? '–' : format(value),
        ),
      );
    });
  });
  if (chart.series.length > 1) {
    let x = LABEL_WIDTH;
    for (const series of chart.series) {
      const y = height - ROW + 2;
      image.append(
        svg('rect', { x, y, width: 12, height: 12, fill: series.colour }),
        svg('text', { x: x + 16, y: y + 6, 'dominant-baseline': 'middle' }, series.name),
      );
      x += 60;
    }
  }
  return h('figure', { class: 'chart' }, h('figcaption', {}, chart.title), image as unknown as Node);
}
