import { api, type PatternRun, type ProcessStatus } from '../../api.js';
import { h, mib, perSecond } from '../../dom.js';
import { isActive, type StageState } from './stage-state.js';

const COLUMNS = ['Process', 'State', 'Health', 'PID', 'Port', 'RSS', 'Requests', 'Restarts', 'Actions'];

/** The topology's processes with their state and figures, each with Kill and Restart buttons. */
export function processTable(state: StageState) {
  const { pattern } = state;
  const rows = h('tbody');

  /** The run's processes, or the topology's own list (all stopped) while nothing runs, so the table is never blank. */
  const processesOf = (run: PatternRun): ProcessStatus[] =>
    run.processes.length > 0
      ? run.processes
      : (pattern.graph?.nodes ?? [])
          .filter((node) => node.kind === 'process')
          .map((node) => ({
            name: node.id,
            state: 'stopped',
            healthy: null,
            healthDetail: null,
            pid: null,
            port: null,
            rssBytes: null,
            requestsPerSecond: null,
            restarts: 0,
            exit: null,
            hostedUnits: null,
            traffic: null,
          }));

  const row = (p: ProcessStatus, active: boolean) =>
    h(
      'tr',
      { 'data-process': p.name },
      h('th', { scope: 'row' }, p.name),
      h('td', { 'data-state': p.state }, p.state),
      h(
        'td',
        {},
        p.healthy === null
          ? '–'
          : p.healthy
            ? `healthy (${p.healthDetail})`
            : `unhealthy (${p.healthDetail})`,
      ),
      h('td', {}, p.pid ?? '–'),
      h('td', {}, p.port === null ? '–' : p.adminPort ? `${p.port} (admin ${p.adminPort})` : p.port),
      h('td', {}, mib(p.rssBytes)),
      h('td', {}, perSecond(p.requestsPerSecond)),
      h('td', {}, p.restarts),
      h(
        'td',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            disabled: state.busy || !active || p.pid === null,
            'aria-label': `Kill ${p.name}`,
            onclick: () =>
              void state.act(`Killing ${p.name}`, () => api.process(pattern.slug, p.name, 'kill')),
          },
          'Kill',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            disabled: state.busy || !active,
            'aria-label': `Restart ${p.name}`,
            onclick: () =>
              void state.act(`Restarting ${p.name}`, () => api.process(pattern.slug, p.name, 'restart')),
          },
          'Restart',
        ),
      ),
    );

  const element = h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'processes' },
      h('caption', {}, 'Processes'),
      h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
      rows,
    ),
  );

  return {
    element,
    render() {
      const active = isActive(state.run);
      rows.replaceChildren(...processesOf(state.run).map((p) => row(p, active)));
    },
  };
}
