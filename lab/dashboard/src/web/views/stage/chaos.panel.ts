import type { ChaosRun, InvariantCheck, StoredRun } from '@journey/orchestrator/results';
import { h } from '../../dom.js';

type StoredChaosRun = StoredRun<'chaos'>;

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const faultLine = ({ kind, target, ...settings }: ChaosRun['fault']) =>
  [kind, target, ...Object.entries(settings).map(([name, value]) => `--${name} ${String(value)}`)].join(' ');
const checkItem = (check: InvariantCheck) =>
  h(
    'li',
    { class: check.held ? 'ok' : 'failed' },
    `${check.held ? '✓' : '✗'} ${check.name}: ${check.detail}`,
  );

/** One stored run: the fault, its hypothesis, what was seen during it, what was checked, the verdict. */
function runBlock({ at, data: run }: StoredChaosRun): HTMLElement {
  const confirmed = run.verdict === 'confirmed';
  return h(
    'details',
    { class: 'chaos-run', 'data-verdict': run.verdict },
    h(
      'summary',
      {},
      h(
        'span',
        { class: confirmed ? 'verdict ok' : 'verdict failed' },
        confirmed ? '✓ confirmed' : '✗ refuted',
      ),
      ` ${faultLine(run.fault)} · ${percent(run.availabilityDuring)} answered 2xx during the fault, p99 ${run.p99DuringMs} ms · ${new Date(at).toLocaleString()}`,
    ),
    h('p', { class: 'lead' }, `Hypothesis: ${run.hypothesis}`),
    run.because ? h('p', { class: 'verdict failed' }, `Refuted: ${run.because}`) : null,
    h(
      'table',
      {},
      h('tr', {}, ...['capability', '2xx', 'p50', 'p99', 'did'].map((title) => h('th', {}, title))),
      ...Object.entries(run.capabilities ?? {}).map(([capability, f]) =>
        h(
          'tr',
          {},
          h('td', {}, capability),
          h('td', {}, percent(f.availability)),
          h('td', {}, `${f.p50Ms} ms`),
          h('td', {}, `${f.p99Ms} ms`),
          h('td', {}, f.verdict),
        ),
      ),
    ),
    h('ul', { class: 'checks' }, ...(run.claims ?? []).map(checkItem), ...run.invariants.map(checkItem)),
  );
}

/**
 * The chaos runs of this pattern (`journey chaos`), newest first, read from what the lab stored: each
 * verdict with its hypothesis, availability and latency during the fault, and the invariants.
 */
export function chaosPanel(slug: string): HTMLElement {
  const list = h(
    'div',
    { class: 'chaos-runs' },
    h('p', { class: 'muted' }, 'Reading the stored chaos runs…'),
  );
  void fetch(`/api/patterns/${slug}/chaos-runs`)
    .then((response) => response.json() as Promise<{ runs?: StoredChaosRun[]; error?: string }>)
    .then(({ runs = [], error }) => {
      if (error) throw new Error(error);
      list.replaceChildren(
        ...(runs.length > 0
          ? runs.map(runBlock)
          : [
              h(
                'p',
                { class: 'muted' },
                `No chaos run yet: journey chaos ${slug} lists what can be done to it.`,
              ),
            ]),
      );
    })
    .catch((failure: Error) =>
      list.replaceChildren(
        h('p', { class: 'muted' }, `The chaos runs could not be read: ${failure.message}`),
      ),
    );
  return h(
    'section',
    { 'aria-labelledby': 'chaos-heading' },
    h('h2', { id: 'chaos-heading' }, 'Chaos runs'),
    h(
      'p',
      { class: 'muted' },
      'One vocabulary for every pattern, run from the terminal: journey chaos <pattern> kill|latency|drop|away <target>. Each run states its hypothesis first, measures availability and latency during the fault, then checks that nothing acknowledged was lost, every write is stored once and the read side converged.',
    ),
    list,
  );
}
