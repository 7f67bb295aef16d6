import type { HostedUnitsReport, LatencyFigures } from '@journey/topology';
import { api, type PatternView, type ProcessStatus } from '../../api.js';
import { dataTable, h } from '../../dom.js';
import { isActive, type StageState } from './stage-state.js';

const latency = (figures: LatencyFigures | null) =>
  figures ? `${Math.round(figures.p50Ms)} / ${Math.round(figures.p99Ms)} ms` : '–';

// A light workload costs fractions of a cent: two decimals would show it as free.
const dollars = (usd: number) => `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;

const DEFAULT_REQUESTS_PER_MONTH = 1_000_000;

function unitsTable(process: string, report: HostedUnitsReport) {
  const unit = report.unit.replace(/s$/, '');
  return dataTable(
    `${process} hosts ${report.units.length} ${report.unit} on ${report.runtime}`,
    [
      unit[0]!.toUpperCase() + unit.slice(1),
      'Trigger',
      'Instances now / peak',
      'Invocations',
      'Cold starts',
      'Cold p50 / p99',
      'Warm p50 / p99',
    ],
    report.units.map((u) => [
      u.name,
      u.trigger,
      `${u.instances} / ${u.peakInstances}`,
      u.invocations,
      u.coldStarts,
      latency(u.cold),
      latency(u.warm),
    ]),
  );
}

/** The processes that host units, by the topology file: the panel is drawn only for a pattern that has one. */
const hostingProcesses = (pattern: PatternView) =>
  (pattern.graph?.nodes ?? []).filter((node) => node.hostsUnits).map((node) => node.id);

/**
 * What a function runtime runs inside itself, live: per function its instances, invocations, cold
 * starts and latencies (from each probe of the running copy), and what a month of the learner's
 * workload would cost on each platform's public price formula.
 */
export function hostedUnitsPanel(state: StageState) {
  const { pattern } = state;
  const hosting = hostingProcesses(pattern);
  const tables = h('div', { class: 'hosted-units', 'aria-live': 'polite' });
  const requests = h('input', {
    type: 'number',
    id: 'requests-per-month',
    min: 1,
    step: 1,
    value: DEFAULT_REQUESTS_PER_MONTH,
  });
  const cost = h('div', { class: 'cost-estimate', 'aria-live': 'polite' });
  const estimate = h('button', { type: 'submit' }, 'Estimate the monthly cost');
  const form = h(
    'form',
    {
      class: 'buttons',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void showCost(Number(requests.value));
      },
    },
    h('label', { for: 'requests-per-month' }, 'Requests a month '),
    requests,
    estimate,
  );

  async function showCost(requestsPerMonth: number) {
    if (!Number.isInteger(requestsPerMonth) || requestsPerMonth < 1) {
      cost.replaceChildren(h('p', { class: 'error' }, 'Type a whole number of requests, 1 or more.'));
      return;
    }
    try {
      const { processes } = await api.hostedUnits(pattern.slug, requestsPerMonth);
      cost.replaceChildren(
        ...processes.map(({ process, answer }) => {
          if (!answer.available)
            return h('p', { class: 'muted' }, `${process}: unavailable (${answer.detail})`);
          const estimated = answer.report.cost;
          if (!estimated) return h('p', { class: 'muted' }, `${process} reports no cost estimate`);
          return dataTable(
            `Estimated for ${estimated.workload}`,
            ['Platform', 'Per month', 'Breakdown'],
            estimated.rows.map((row) => [row.platform, dollars(row.monthlyUsd), row.breakdown]),
          );
        }),
      );
    } catch (failure) {
      cost.replaceChildren(h('p', { class: 'error' }, `No estimate: ${(failure as Error).message}`));
    }
  }

  const showUnits = (status: ProcessStatus | undefined, process: string) => {
    const answer = status?.hostedUnits;
    if (!answer) return h('p', { class: 'muted' }, `${process}: start the pattern to see what it hosts.`);
    if (!answer.available)
      return h('p', { class: 'muted' }, `${process}'s hosted units: unavailable (${answer.detail})`);
    return unitsTable(process, answer.report);
  };

  const render = () => {
    tables.replaceChildren(
      ...hosting.map((process) =>
        showUnits(
          state.run.processes.find((p) => p.name === process),
          process,
        ),
      ),
    );
    estimate.disabled = !isActive(state.run);
  };

  const element =
    hosting.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'hosted-units-heading' },
          h('h2', { id: 'hosted-units-heading' }, 'Functions and cost'),
          h(
            'p',
            { class: 'muted' },
            'Every figure is measured by the runtime: an instance starts cold on its first call and stays warm for the next ones; the cost applies each platform’s public price formula (requests and GB-seconds) to the average duration measured here.',
          ),
          tables,
          form,
          cost,
        )
      : null;
  return { element, render };
}
