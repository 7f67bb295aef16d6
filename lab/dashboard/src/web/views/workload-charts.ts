import { api, type StoredCompareRun } from '../api.js';
import { h } from '../dom.js';
import { type BarChart, svgBarChart } from './svg-bar-chart.js';

type Figures = StoredCompareRun['data']['patterns'][number];

// Colour-blind-safe (Okabe–Ito), dark enough on white: one per series of a chart.
const BLUE = '#0072b2';
const ORANGE = '#d55e00';
const GREEN = '#009e73';

const when = (at: string) => at.slice(0, 19).replace('T', ' ');

function describeRun(run: StoredCompareRun): string {
  const settings = run.data.workload as {
    shape?: string;
    workload?: { connections: number; durationSec: number; loggedInShare: number };
  };
  const load = settings.workload;
  return [
    when(run.at),
    run.data.patterns.map((p) => p.pattern).join(', '),
    load
      ? `${settings.shape}, ${load.connections} users × ${load.durationSec}s, ${Math.round(load.loggedInShare * 100)}% signed in`
      : '',
    `${run.machine.cores} × ${run.machine.cpu}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The charts of one stored run: a figure a pattern cannot have (cold start outside serverless) is a dash. */
function chartsOf(run: StoredCompareRun): BarChart[] {
  const patterns = run.data.patterns;
  const categories = patterns.map((p) => p.pattern);
  const one = (
    title: string,
    unit: string,
    figure: (p: Figures) => number | undefined,
    decimals = 0,
  ): BarChart => ({
    title,
    unit,
    categories,
    decimals,
    series: [{ name: title, colour: BLUE, values: patterns.map((p) => figure(p) ?? null) }],
  });
  const charts: BarChart[] = [
    one('Requests per second (higher is better)', '', (p) => p.requestsPerSecond),
    {
      title: 'Latency, ms (lower is better)',
      unit: ' ms',
      categories,
      decimals: 1,
      series: [
        { name: 'p50', colour: BLUE, values: patterns.map((p) => p.p50Ms) },
        { name: 'p95', colour: ORANGE, values: patterns.map((p) => p.p95Ms) },
        { name: 'p99', colour: GREEN, values: patterns.map((p) => p.p99Ms) },
      ],
    },
    one('Error rate, % of calls', '%', (p) => p.errorRate * 100, 2),
    one('Total RSS of its processes, MiB', ' MiB', (p) => p.totalRssBytes / 2 ** 20),
    one('Network hops per request', '', (p) => p.hopsPerRequest, 2),
    one('Deployable units', '', (p) => p.deployableUnits),
    one('Lines of code', '', (p) => p.linesOfCode),
  ];
  if (patterns.some((p) => p.coldStartMs !== undefined))
    charts.push(one('Cold start, ms (serverless)', ' ms', (p) => p.coldStartMs, 1));
  if (patterns.some((p) => p.propagationLagMs !== undefined))
    charts.push(
      one('Propagation lag p50, ms (write acknowledged → read side)', ' ms', (p) => p.propagationLagMs, 1),
    );
  return charts;
}

/**
 * The stored `journey compare` runs as bar charts: the latest when the view opens, an earlier one picked
 * from the list. Each run's figures come from one session on one machine, so they compare fairly.
 */
export function workloadCharts(): HTMLElement {
  const area = h('section', { class: 'workload-runs', 'aria-labelledby': 'workload-runs-title' });
  const title = h('h2', { id: 'workload-runs-title' }, 'Workload comparison');
  area.append(title, h('p', { class: 'muted' }, 'Loading the stored compare runs…'));
  api.compareRuns().then(
    ({ runs }) => {
      area.replaceChildren(title);
      if (runs.length === 0) {
        area.append(
          h(
            'p',
            { class: 'notice' },
            'No compare runs yet. Run one in a terminal, e.g. `npx journey compare all --duration 10`, then come back.',
          ),
        );
        return;
      }
      const charts = h('div', { class: 'charts workload-charts' });
      const show = (run: StoredCompareRun) =>
        charts.replaceChildren(
          h('p', { class: 'muted run-settings' }, `${describeRun(run)} · database: ${run.data.database}`),
          ...chartsOf(run).map(svgBarChart),
        );
      const picker = h(
        'select',
        {
          id: 'compare-run',
          onchange: (event: Event) => show(runs[Number((event.target as HTMLSelectElement).value)]!),
        },
        ...runs.map((run, index) => h('option', { value: index }, describeRun(run))),
      );
      area.append(h('label', { for: 'compare-run' }, 'Run '), picker, charts);
      show(runs[0]!);
    },
    (error: Error) =>
      area.replaceChildren(
        title,
        h('p', { role: 'alert' }, `Could not load the compare runs: ${error.message}`),
      ),
  );
  return area;
}
