import { api, type ConformanceRun } from '../../api.js';
import { h } from '../../dom.js';
import { isActive, type StageState } from './stage-state.js';

/** `journey test monolith --db sqlite`: the terminal command a run from the page counts as. */
const testCommand = (suite: ConformanceRun) =>
  [
    '`journey test',
    suite.pattern,
    ...Object.entries(suite.flags).map(([flag, value]) => `--${flag} ${value}`),
  ]
    .join(' ')
    .concat('`');

/** The conformance suite and the official Postman suite, run against the copy the learner started. */
export function conformancePanel(state: StageState) {
  const { pattern } = state;
  let running = pattern.conformance?.state === 'running';
  const button = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        void api.conformance(pattern.slug).then(show, (failure: Error) => {
          state.error.textContent = `The conformance suite could not start: ${failure.message}`;
        }),
    },
    'Run conformance + Postman suites',
  );
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Conformance checks run' });
  const summary = h('p', { class: 'conformance-summary', 'aria-live': 'polite' });
  const results = h('ol', { class: 'results' });
  const officialFailures = h('ul', { class: 'results', 'aria-label': 'Official suite failures' });

  const render = () => {
    button.disabled = running || !isActive(state.run);
  };

  function show(suite: ConformanceRun) {
    running = suite.state === 'running';
    const done = suite.results.length;
    progress.max = suite.checks.length;
    progress.value = done;
    const o = suite.official;
    const ours = `Our suite: ${suite.passed} passed, ${suite.failed} failed`;
    const postman = `official Postman suite: ${o.requests} requests, ${o.assertions - o.failedAssertions}/${o.assertions} assertions passed${o.scriptErrors ? `, ${o.scriptErrors} script errors` : ''}`;
    summary.textContent =
      suite.state === 'finished'
        ? `Finished. ${ours}; ${postman}. Recorded as a ${suite.contractPassed ? 'passing' : 'failing'} run of ${testCommand(suite)}.`
        : o.state === 'waiting'
          ? `${done} of ${suite.checks.length} checks run · ${suite.passed} passed, ${suite.failed} failed`
          : `${ours}. Running the ${postman}…`;
    summary.dataset.state =
      suite.state === 'running' ? 'running' : suite.contractPassed ? 'passed' : 'failed';
    officialFailures.replaceChildren(...o.failures.map((line) => h('li', { class: 'failed' }, line)));
    results.replaceChildren(
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
    render();
  }

  const element = h(
    'section',
    { 'aria-labelledby': 'conformance-heading' },
    h('h2', { id: 'conformance-heading' }, 'Conformance suite'),
    h(
      'p',
      { class: 'muted' },
      'The black-box checks every pattern must pass, then the official RealWorld Postman collection, run against the copy you started (both create their own users and articles). The outcome is recorded as a run of ',
      h('code', {}, `journey test ${pattern.slug}`),
      ' with the copy’s infrastructure, so it earns the checkpoints that command earns.',
    ),
    h('p', { class: 'buttons' }, button),
    progress,
    summary,
    officialFailures,
    results,
  );
  return { element, render, show };
}
