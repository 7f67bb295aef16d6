import {
  type DatabaseChoice,
  fetchHostedUnits,
  labFacingUrl,
  loadPatternExperiments,
  loadTopology,
  type PatternSlug,
  patternFolder,
  runBench,
  runDeclaredExperiment,
  runPatternExperiment,
  saveBenchReport,
} from '@journey/orchestrator';
import { codeFigures, comparePatterns, type PatternFigures } from '@journey/orchestrator/compare';
import { LabConflict, type LabPort } from './lab-port.js';
import { createLabEntries } from './local-lab/lab-entries.js';
import { followForeignLogs } from './local-lab/log-streaming.js';
import { controlOf, runOf } from './local-lab/run-adoption.js';
import { refreshStatus, watchPatterns } from './local-lab/status-probes.js';
import { startOwned, stopOwned } from './local-lab/topology-runs.js';

const isActive = (run: { state: string }) => run.state === 'running' || run.state === 'elsewhere';

/**
 * The dashboard's lab, over the orchestrator's supervisor: it starts topologies on the learner's
 * persistent data the way `journey up` does (run-state file and control socket included, so `journey ps`,
 * `kill` and `down` work on them from a terminal), and drives topologies a `journey up` started through
 * their control socket. Every running topology is probed once a second (health and RSS).
 */
export function createLocalLab(options: { defaultChoices?: Readonly<Record<string, string>> } = {}): LabPort {
  const defaultChoices = { ...options.defaultChoices };
  const lab = createLabEntries();
  const stopWatching = watchPatterns(lab);
  /** The bench running now, if any: close() waits for it. */
  let benchInFlight: Promise<void> | undefined;

  /** Probes the pattern after an action, for the answer to show its effect. */
  const refreshed = async (pattern: PatternSlug) => {
    await refreshStatus(lab, pattern);
    return runOf(lab, pattern);
  };

  return {
    defaultChoices,
    runOf: (pattern) => runOf(lab, pattern),
    recentLogs(pattern) {
      followForeignLogs(lab, pattern);
      return [...lab.entryOf(pattern).logs];
    },

    async start(pattern, startOptions) {
      await startOwned(lab, pattern, {
        ...startOptions,
        choices: { ...defaultChoices, ...startOptions?.choices },
      });
      return runOf(lab, pattern);
    },

    async stop(pattern) {
      const entry = lab.entryOf(pattern);
      if (entry.owned && entry.state === 'running') await stopOwned(lab, pattern, entry, entry.owned);
      else await controlOf(lab, pattern).stop();
      return refreshed(pattern);
    },

    async kill(pattern, name) {
      await controlOf(lab, pattern).kill(name, 'SIGKILL');
      return refreshed(pattern);
    },

    async restart(pattern, name) {
      await controlOf(lab, pattern).restart(name);
      return refreshed(pattern);
    },

    async experiment(pattern, name, onEvent) {
      const run = runOf(lab, pattern);
      if ((run.state !== 'running' && run.state !== 'elsewhere') || !run.url)
        throw new LabConflict(`start ${pattern} first: the experiment breaks the running copy`);
      // A copy of its own, when the fault needs one, runs on what the running copy runs on.
      const choices = Object.fromEntries(run.infrastructure.map((piece) => [piece.kind, piece.choice]));
      return runDeclaredExperiment({
        topology: await loadTopology(pattern),
        name,
        running: { url: run.url, control: controlOf(lab, pattern) },
        start: { choices: { ...defaultChoices, ...choices } },
        onOwnCopy: (reason) => onEvent({ phase: 'steady', detail: `starting a fresh copy: ${reason}` }),
        onEvent,
      });
    },

    async loadExperiment(pattern, name, onProgress, signal) {
      const topology = await loadTopology(pattern);
      const declaration = (await loadPatternExperiments(topology, patternFolder(pattern))).find(
        (declared) => declared.name === name,
      );
      if (!declaration) throw new LabConflict(`${pattern} declares no load experiment "${name}"`, 404);
      const db = defaultChoices.database as DatabaseChoice | undefined;
      return runPatternExperiment({
        topology,
        patternFolder: patternFolder(pattern),
        declaration,
        ...(db && { db }),
        onProgress,
        signal,
      });
    },

    async hostedUnits(pattern, requestsPerMonth) {
      if (!isActive(runOf(lab, pattern))) throw new LabConflict(`${pattern} is not running`);
      const processes = await controlOf(lab, pattern).status();
      return Promise.all(
        processes.flatMap(({ name, pid, state, hostedUnits, ...where }) =>
          hostedUnits === undefined
            ? []
            : [
                (async () => ({
                  process: name,
                  answer:
                    pid === null
                      ? { available: false as const, detail: `${name} is ${state}` }
                      : await fetchHostedUnits({
                          url: labFacingUrl(where),
                          path: hostedUnits,
                          requestsPerMonth,
                        }),
                }))(),
              ],
        ),
      );
    },

    async bench(pattern, settings, onProgress) {
      const running = runBench({ ...settings, patterns: [pattern], onProgress });
      benchInFlight = running.then(
        () => {},
        () => {},
      );
      const report = await running;
      return { report, file: saveBenchReport(report) };
    },

    async codeFigures(patterns, { unitTests, onProgress }) {
      if (unitTests) return (await comparePatterns({ patterns, onProgress })).patterns;
      const figures: PatternFigures[] = [];
      for (const pattern of patterns) figures.push({ pattern, ...(await codeFigures(pattern)) });
      return figures;
    },

    subscribe: lab.subscribe,

    async close() {
      stopWatching();
      // runBench cannot be cut short and its processes run in their own groups, so leaving none behind
      // means waiting for it (about half a minute with the dashboard's quick settings).
      await benchInFlight;
      for (const [pattern, entry] of lab.all) {
        entry.following?.stop();
        if (entry.owned && entry.state === 'running') await stopOwned(lab, pattern, entry, entry.owned);
      }
    },
  };
}
