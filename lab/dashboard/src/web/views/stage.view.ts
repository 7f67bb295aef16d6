import {
  api,
  type BenchRun,
  type ConformanceRun,
  type ExperimentRun,
  type LogLine,
  live,
  type PatternRun,
  type PatternView,
  type ProcessStatus,
} from '../api.js';
import { announce, h, mib, perSecond } from '../dom.js';
import type { View } from '../main.js';
import { benchTable } from './bench-table.js';
import { topologyDiagram } from './topology-diagram.js';

const KEPT_LOG_LINES = 200;

const RUN_LABEL: Record<PatternRun['state'], string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  stopping: 'Stopping…',
  elsewhere: 'Running (started by `journey up` in a terminal)',
  failed: 'Failed to start',
};

/**
 * One pattern: what it is, its live topology, start/stop, kill/restart, the conformance suite, the
 * failure experiments, a quick benchmark and the log.
 */
export const stageView =
  (slug: string): View =>
  (container) => {
    container.append(h('p', { class: 'muted' }, 'Loading…'));
    let unsubscribe: (() => void) | undefined;
    let destroyDiagram: (() => void) | undefined;
    api.pattern(slug).then(
      (pattern) => {
        const page = stagePage(pattern);
        container.replaceChildren(page.element);
        page.mounted();
        unsubscribe = page.unsubscribe;
        destroyDiagram = page.destroy;
      },
      (error: Error) => container.replaceChildren(h('p', { role: 'alert' }, error.message)),
    );
    return () => {
      unsubscribe?.();
      destroyDiagram?.();
    };
  };

function stagePage(pattern: PatternView) {
  let run = pattern.run;
  let busy = false;
  const act = async (label: string, work: () => Promise<unknown>) => {
    busy = true;
    renderRun();
    announce(`${label}…`);
    try {
      await work();
      announce(`${label}: done`);
      error.textContent = '';
    } catch (failure) {
      error.textContent = `${label} failed: ${(failure as Error).message}`;
    } finally {
      busy = false;
      renderRun();
    }
  };

  const error = h('p', { class: 'error', role: 'alert' });
  const status = h('p', { class: 'run-status' });
  // The same choice as `journey up --broker`, offered only where the topology has a broker.
  const brokerPicker =
    pattern.brokerChoices.length > 0
      ? h(
          'select',
          { id: 'broker-choice' },
          ...pattern.brokerChoices.map((choice) => h('option', { value: choice }, choice)),
        )
      : undefined;
  const brokerField = brokerPicker
    ? h('span', { class: 'field' }, h('label', { for: 'broker-choice' }, 'Broker '), brokerPicker, ' ')
    : null;
  const startButton = h(
    'button',
    {
      type: 'button',
      onclick: () => void act(`Starting ${pattern.slug}`, () => api.start(pattern.slug, brokerPicker?.value)),
    },
    'Start',
  );
  const stopButton = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => void act(`Stopping ${pattern.slug}`, () => api.stop(pattern.slug)),
    },
    'Stop',
  );
  const processRows = h('tbody');
  const diagram = pattern.graph ? topologyDiagram(pattern.graph) : undefined;

  /** The run's processes, or the topology's own list (all stopped) while nothing runs, so the table is never blank. */
  const processesOf = (current: PatternRun): ProcessStatus[] =>
    current.processes.length > 0
      ? current.processes
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
          }));

  function renderRun() {
    const active = run.state === 'running' || run.state === 'elsewhere';
    status.replaceChildren(
      h(
        'span',
        {},
        h('strong', { 'data-run-state': run.state }, RUN_LABEL[run.state]),
        active && run.url
          ? h('span', {}, ' · API at ', h('a', { href: `${run.url}/api/articles?limit=5` }, `${run.url}/api`))
          : null,
        run.database ? h('span', { class: 'muted' }, ` · ${run.database}`) : null,
        ...run.brokers.map((b) => h('span', { class: 'muted' }, ` · ${b.describe}`)),
        run.error ? h('span', { class: 'error' }, ` · ${run.error}`) : null,
      ),
    );
    startButton.disabled = busy || !(run.state === 'stopped' || run.state === 'failed');
    if (brokerPicker) brokerPicker.disabled = startButton.disabled;
    stopButton.disabled = busy || !active;
    diagram?.update(run);
    processRows.replaceChildren(
      ...processesOf(run).map((p) =>
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
          h('td', {}, p.port ?? '–'),
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
                disabled: busy || !active || p.pid === null,
                'aria-label': `Kill ${p.name}`,
                onclick: () => void act(`Killing ${p.name}`, () => api.process(pattern.slug, p.name, 'kill')),
              },
              'Kill',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                disabled: busy || !active,
                'aria-label': `Restart ${p.name}`,
                onclick: () =>
                  void act(`Restarting ${p.name}`, () => api.process(pattern.slug, p.name, 'restart')),
              },
              'Restart',
            ),
          ),
        ),
      ),
    );
    conformanceButton.disabled = !active || conformanceRunning;
    for (const button of experimentButtons) button.disabled = busy || !active || experimentRunning;
  }

  // Conformance suite
  let conformanceRunning = pattern.conformance?.state === 'running';
  const conformanceButton = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        void api.conformance(pattern.slug).then(renderConformance, (failure: Error) => {
          error.textContent = `The conformance suite could not start: ${failure.message}`;
        }),
    },
    'Run conformance + Postman suites',
  );
  const conformanceProgress = h('progress', { max: 1, value: 0, 'aria-label': 'Conformance checks run' });
  const conformanceSummary = h('p', { class: 'conformance-summary', 'aria-live': 'polite' });
  const conformanceResults = h('ol', { class: 'results' });
  const officialFailures = h('ul', { class: 'results', 'aria-label': 'Official suite failures' });
  function renderConformance(suite: ConformanceRun) {
    conformanceRunning = suite.state === 'running';
    const done = suite.results.length;
    conformanceProgress.max = suite.checks.length;
    conformanceProgress.value = done;
    const o = suite.official;
    const ours = `Our suite: ${suite.passed} passed, ${suite.failed} failed`;
    const postman = `official Postman suite: ${o.requests} requests, ${o.assertions - o.failedAssertions}/${o.assertions} assertions passed${o.scriptErrors ? `, ${o.scriptErrors} script errors` : ''}`;
    conformanceSummary.textContent =
      suite.state === 'finished'
        ? `Finished. ${ours}; ${postman}. The “contract” checkpoint is recorded as ${suite.contractPassed ? 'passed' : 'failed'}.`
        : o.state === 'waiting'
          ? `${done} of ${suite.checks.length} checks run · ${suite.passed} passed, ${suite.failed} failed`
          : `${ours}. Running the ${postman}…`;
    conformanceSummary.dataset.state =
      suite.state === 'running' ? 'running' : suite.contractPassed ? 'passed' : 'failed';
    officialFailures.replaceChildren(...o.failures.map((line) => h('li', { class: 'failed' }, line)));
    conformanceResults.replaceChildren(
      ...suite.results.map((r) =>
        h(
          'li',
          { class: r.ok ? 'ok' : 'failed' },
          h('span', { 'aria-hidden': 'true' }, r.ok ? '✓ ' : '✗ '),
          h('span', { class: 'visually-hidden' }, r.ok ? 'passed: ' : 'failed: '),
          `${r.area}: ${r.name}`,
          h('span', { class: 'muted' }, ` (${r.durationMs} ms)`),
          r.error ? h('pre', { class: 'check-error' }, r.error) : null,
        ),
      ),
    );
    conformanceButton.disabled =
      conformanceRunning || !(run.state === 'running' || run.state === 'elsewhere');
  }

  // Failure experiments declared in the topology file
  let experimentRunning = pattern.experiment?.state === 'running';
  const experimentButtons = pattern.experiments.map((experiment) =>
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: () =>
          void api.experiment(pattern.slug, experiment.name).then(renderExperiment, (failure: Error) => {
            error.textContent = `The experiment could not start: ${failure.message}`;
          }),
      },
      `Run “${experiment.name}”: ${experiment.title}`,
    ),
  );
  const experimentProgress = h('ol', { class: 'experiment-progress', 'aria-live': 'polite' });
  const experimentOutcome = h('div', { class: 'experiment-outcome' });
  function renderExperiment(experiment: ExperimentRun) {
    experimentRunning = experiment.state === 'running';
    experimentProgress.replaceChildren(...experiment.progress.map((line) => h('li', {}, line)));
    const held = experiment.mismatches?.length === 0;
    experimentOutcome.replaceChildren(
      h(
        'div',
        {},
        experiment.report ? h('pre', { class: 'log', tabindex: 0 }, experiment.report) : null,
        experiment.lesson ? h('p', { class: 'lead' }, experiment.lesson) : null,
        experiment.state === 'finished'
          ? h(
              'p',
              {
                class: held ? 'verdict ok' : 'verdict failed',
                'data-verdict': held ? 'held' : 'differed',
              },
              experiment.error
                ? `The experiment failed: ${experiment.error}`
                : held
                  ? `✓ “${experiment.name}”: the outcome matches what the topology predicts.`
                  : `✗ “${experiment.name}”: the outcome differs from the prediction: ${experiment.mismatches!.join('; ')}`,
            )
          : null,
      ),
    );
    renderRun();
  }

  // Quick benchmark
  const benchButton = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        void api.benchPattern(pattern.slug).then(renderBench, (failure: Error) => {
          benchOutcome.replaceChildren(
            h(
              'p',
              { class: 'verdict failed', role: 'alert' },
              `The benchmark could not start: ${failure.message}`,
            ),
          );
        }),
    },
    'Run a quick benchmark',
  );
  const benchSeed = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Seeding progress' });
  const benchProgress = h('ol', { class: 'bench-progress', 'aria-live': 'polite' });
  const benchOutcome = h('div', { class: 'bench-outcome' });
  function renderBench(bench: BenchRun) {
    benchButton.disabled = bench.state === 'running';
    benchSeed.hidden = bench.seed === null;
    if (bench.seed) {
      benchSeed.max = bench.seed.total;
      benchSeed.value = bench.seed.done;
    }
    benchProgress.replaceChildren(
      ...bench.progress.map((line) => h('li', {}, line)),
      ...(bench.seed ? [h('li', {}, `seeding: ${bench.seed.done} of ${bench.seed.total}`)] : []),
    );
    benchOutcome.replaceChildren(
      h(
        'div',
        {},
        bench.report
          ? h(
              'div',
              { class: 'table-scroll' },
              benchTable(bench.report.rows, {
                caption: `Benchmark of ${bench.pattern} next to the baselines measured in the same run, ${bench.report.at.slice(0, 19)}`,
                rawBaseline: bench.report.rawBaseline,
              }),
            )
          : null,
        bench.file
          ? h(
              'p',
              { class: 'muted' },
              `Saved to ${bench.file}; it is in the history of `,
              h('a', { href: '#/compare' }, 'Compare'),
              '.',
            )
          : null,
        bench.error ? h('p', { class: 'verdict failed' }, `The benchmark failed: ${bench.error}`) : null,
      ),
    );
  }
  const quick = pattern.benchSettings;

  // Log
  const log = h('pre', { class: 'log', tabindex: 0, 'aria-label': 'Process log' });
  const appendLog = (line: LogLine) => {
    log.append(`[${line.process}] ${line.line}\n`);
    while (log.childNodes.length > KEPT_LOG_LINES) log.firstChild?.remove();
    log.scrollTop = log.scrollHeight;
  };
  for (const line of pattern.logs) appendLog(line);

  const built = pattern.graph !== null;
  const element = h(
    'article',
    { class: 'stage-page' },
    h('h1', {}, pattern.title),
    h('p', { class: 'badges' }, h('span', { class: 'badge' }, pattern.difficulty), ` ${pattern.stageTitle}`),
    ...(pattern.summary ?? []).map((paragraph) => h('p', { class: 'lead' }, paragraph)),
    built
      ? h(
          'section',
          { 'aria-labelledby': 'run-heading' },
          h('h2', { id: 'run-heading' }, 'Run it'),
          status,
          h('p', { class: 'buttons' }, brokerField, startButton, stopButton),
          error,
          diagram?.element ?? null,
          h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'processes' },
              h('caption', {}, 'Processes'),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...[
                    'Process',
                    'State',
                    'Health',
                    'PID',
                    'Port',
                    'RSS',
                    'Requests',
                    'Restarts',
                    'Actions',
                  ].map((c) => h('th', { scope: 'col' }, c)),
                ),
              ),
              processRows,
            ),
          ),
        )
      : h(
          'p',
          { class: 'notice' },
          'This pattern is not built yet: it arrives in a later issue. Its objectives are on the ',
          h('a', { href: '#/' }, 'roadmap'),
          '.',
        ),
    built
      ? h(
          'section',
          { 'aria-labelledby': 'conformance-heading' },
          h('h2', { id: 'conformance-heading' }, 'Conformance suite'),
          h(
            'p',
            { class: 'muted' },
            'The black-box checks every pattern must pass, then the official RealWorld Postman collection, run against the copy you started (both create their own users and articles). The outcome is recorded as the stage’s “contract” checkpoint.',
          ),
          h('p', { class: 'buttons' }, conformanceButton),
          conformanceProgress,
          conformanceSummary,
          officialFailures,
          conformanceResults,
        )
      : null,
    experimentButtons.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'experiment-heading' },
          h('h2', { id: 'experiment-heading' }, 'Failure experiment'),
          h(
            'p',
            { class: 'muted' },
            'Probe load runs against every capability while processes are killed (SIGKILL) and restarted; the outcome is judged against the prediction in the topology file.',
          ),
          h('p', { class: 'buttons' }, ...experimentButtons),
          experimentProgress,
          experimentOutcome,
        )
      : null,
    built
      ? h(
          'section',
          { 'aria-labelledby': 'bench-heading' },
          h('h2', { id: 'bench-heading' }, 'Benchmark'),
          h(
            'p',
            { class: 'muted' },
            `A quick \`journey bench ${pattern.slug}\`: a fresh copy on its own ${quick.db} database (the copy you started is left alone), ` +
              `${quick.users} users and ${quick.articles} articles seeded, then the rows ${(quick.only ?? []).join(' and ')} ` +
              `next to the baselines: ${quick.rounds} round of ${quick.durationSec} s after ${quick.warmupSec} s warm-up, ` +
              `${quick.connections} connections. About half a minute; one benchmark at a time. For careful figures run it in a terminal with more rounds.`,
          ),
          h('p', { class: 'buttons' }, benchButton),
          benchSeed,
          benchProgress,
          benchOutcome,
        )
      : null,
    built
      ? h('section', { 'aria-labelledby': 'log-heading' }, h('h2', { id: 'log-heading' }, 'Log'), log)
      : null,
  );

  renderRun();
  if (pattern.conformance) renderConformance(pattern.conformance);
  if (pattern.experiment) renderExperiment(pattern.experiment);
  if (pattern.bench) renderBench(pattern.bench);
  const unsubscribe = live((event) => {
    if (event.kind === 'run' && event.run.pattern === pattern.slug) {
      run = event.run;
      renderRun();
    } else if (event.kind === 'log' && event.pattern === pattern.slug) appendLog(event);
    else if (event.kind === 'conformance' && event.run.pattern === pattern.slug) renderConformance(event.run);
    else if (event.kind === 'experiment' && event.run.pattern === pattern.slug) renderExperiment(event.run);
    else if (event.kind === 'bench' && event.run.pattern === pattern.slug) renderBench(event.run);
  });
  return { element, unsubscribe, mounted: () => diagram?.mount(), destroy: () => diagram?.destroy() };
}
