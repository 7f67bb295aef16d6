import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { api, type BenchReport, live } from '../api.js';
import { h } from '../dom.js';
import type { View } from '../main.js';
import { benchTable, isBaseline, type BenchRow as Row } from './bench-table.js';
import { codeFigures } from './code-figures.js';
import { workloadCharts } from './workload-charts.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Colour-blind-safe (Okabe–Ito), dark enough on white.
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

/** Each target's rows from the newest run that measured it. */
function latestRows(reports: BenchReport[]): Map<string, { at: string; rows: Row[] }> {
  const latest = new Map<string, { at: string; rows: Row[] }>();
  for (const report of reports) {
    for (const row of report.rows) {
      const known = latest.get(row.target);
      if (!known) latest.set(row.target, { at: report.at, rows: [row] });
      else if (known.at === report.at) known.rows.push(row);
    }
  }
  return latest;
}

/**
 * Bench figures side by side, from the JSON reports `journey bench` (or a stage page) keeps, and the
 * code figures of `journey compare`; patterns chosen with checkboxes.
 */
export const compareView: View = (container) => {
  const charts: Chart[] = [];
  const code = codeFigures();
  const stopListening = live(code.onEvent);
  // The code figures need no bench run: every built pattern has them.
  const benchArea = h('div', {}, h('p', { class: 'muted' }, 'Loading benchmark history…'));
  const historyArea = h('div');
  container.append(h('h1', {}, 'Compare'), workloadCharts(), benchArea, code.element, historyArea);
  api.roadmap().then(
    ({ stages }) => code.show(stages.filter((stage) => stage.runnable).map((stage) => stage.slug)),
    (error: Error) => code.unavailable(`Could not list the built patterns: ${error.message}`),
  );
  api.bench().then(
    ({ reports }) => {
      benchArea.replaceChildren();
      if (reports.length === 0) {
        benchArea.append(
          h(
            'p',
            { class: 'notice' },
            'No benchmark runs yet. Run one in a terminal, e.g. `npm run bench -- monolith layered`, then come back.',
          ),
        );
        return;
      }
      const latest = latestRows(reports);
      const targets = [...latest.keys()];
      const chosen = new Set(targets.filter((t) => !isBaseline(t)));
      const chartArea = h('div', { class: 'charts' });
      const table = h('div', { class: 'table-scroll' });
      const draw = () => {
        for (const chart of charts.splice(0)) chart.destroy();
        chartArea.replaceChildren();
        const picked = targets.filter((t) => chosen.has(t));
        if (picked.length === 0) {
          chartArea.append(h('p', { class: 'muted' }, 'Pick at least one pattern.'));
          table.replaceChildren();
          return;
        }
        const endpoints = [...new Set(picked.flatMap((t) => latest.get(t)!.rows.map((r) => r.endpoint)))];
        const perEndpoint = (figure: (r: Row) => number) =>
          picked.map((target, i) => ({
            label: target,
            backgroundColor: PALETTE[i % PALETTE.length]!,
            data: endpoints.map((e) => {
              const row = latest.get(target)!.rows.find((r) => r.endpoint === e);
              return row ? figure(row) : null;
            }),
          }));
        const perTarget = (label: string, figure: (rows: Row[]) => number) => [
          {
            label,
            backgroundColor: picked.map((_, i) => PALETTE[i % PALETTE.length]!),
            data: picked.map((t) => figure(latest.get(t)!.rows)),
          },
        ];
        const panels: Array<
          [
            string,
            string[],
            Array<{ label: string; backgroundColor: string | string[]; data: Array<number | null> }>,
          ]
        > = [
          [
            'Requests per second (higher is better)',
            endpoints,
            perEndpoint((r) => Math.round(r.requestsPerSec)),
          ],
          ['p50 latency, ms (lower is better)', endpoints, perEndpoint((r) => r.p50Ms)],
          ['p99 latency, ms (lower is better)', endpoints, perEndpoint((r) => r.p99Ms)],
          [
            'Peak RSS, MiB',
            picked,
            perTarget('peak RSS', (rows) =>
              Math.round(Math.max(...rows.map((r) => r.peakRssBytes)) / 2 ** 20),
            ),
          ],
          ['Processes', picked, perTarget('processes', (rows) => Math.max(...rows.map((r) => r.processes)))],
        ];
        for (const [title, labels, datasets] of panels) {
          const canvas = h('canvas', {
            role: 'img',
            'aria-label': `${title}: ${picked.join(', ')}; the figures are in the table below`,
          });
          chartArea.append(
            h(
              'figure',
              { class: 'chart' },
              h('figcaption', {}, title),
              h('div', { class: 'chart-box' }, canvas),
            ),
          );
          charts.push(
            new Chart(canvas, {
              type: 'bar',
              data: { labels, datasets },
              options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                plugins: { legend: { display: datasets.length > 1 || labels !== picked } },
              },
            }),
          );
        }
        table.replaceChildren(benchTable(picked.flatMap((target) => latest.get(target)!.rows)));
      };
      const pickers = h(
        'fieldset',
        { class: 'pickers' },
        h('legend', {}, 'Patterns and baselines'),
        ...targets.map((target) =>
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              value: target,
              checked: chosen.has(target),
              onchange: (event: Event) => {
                const box = event.target as HTMLInputElement;
                if (box.checked) chosen.add(target);
                else chosen.delete(target);
                draw();
              },
            }),
            ` ${target}`,
            h(
              'span',
              { class: 'muted' },
              ` (run of ${latest.get(target)!.at.slice(0, 16).replace('T', ' ')})`,
            ),
          ),
        ),
      );
      benchArea.append(
        h(
          'p',
          { class: 'muted' },
          'Each target shows its newest run. Runs on a shared machine are noisy: compare rows from the same run when you can.',
        ),
        pickers,
        chartArea,
        h('h2', {}, 'Figures'),
        table,
      );
      historyArea.append(h('h2', {}, 'History'), historyList(reports));
      draw();
    },
    (error: Error) =>
      benchArea.replaceChildren(h('p', { role: 'alert' }, `Could not load the history: ${error.message}`)),
  );
  return () => {
    stopListening();
    for (const chart of charts) chart.destroy();
  };
};

function historyList(reports: BenchReport[]) {
  return h(
    'ol',
    { class: 'history' },
    ...reports.map((report) => {
      const s = report.settings;
      const targets = [...new Set(report.rows.map((r) => r.target))];
      return h(
        'li',
        {},
        h('time', { datetime: report.at }, report.at.slice(0, 19).replace('T', ' ')),
        ` — ${targets.join(', ')} · ${s.db}, ${s.connections} connections, ${s.rounds}×${s.durationSec}s, ${s.users} users / ${s.articles} articles · ${report.machine.cpus} × ${report.machine.model}`,
      );
    }),
  );
}
