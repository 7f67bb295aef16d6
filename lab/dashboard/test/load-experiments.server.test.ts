import { loadPatternManifests, type PatternSlug } from '@journey/orchestrator';
import type { CheckRunInput } from '@journey/roadmap';
import { openProgress } from '@journey/roadmap';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '../src/server/app.js';
import { createExperimentRuns, type ExperimentRun } from '../src/server/experiment-runs.js';
import type { PatternRun } from '../src/server/lab-port.js';
import { TOKEN_HEADER } from '../src/server/request-guard.js';
import { recordingCli, recordingLab } from './fake-lab.js';

const TOKEN = 'test-token-0123456789';
const HOST = '127.0.0.1:4000';
const headers = { host: HOST, origin: `http://${HOST}`, [TOKEN_HEADER]: TOKEN };

/** A built pattern whose pattern.ts declares a load experiment, with its first one; none yet, maybe. */
const declaring = (await loadPatternManifests()).find((m) => (m.experiments ?? []).length > 0);
const LOAD = declaring && { pattern: declaring.slug as PatternSlug, name: declaring.experiments![0]!.name };
const NONE_DECLARED = 'skipped: no built pattern declares a load experiment in its pattern.ts yet';

describe('load experiments on the dashboard, over a recording lab', () => {
  let fixture: Awaited<ReturnType<typeof setUp>>;
  const setUp = async () => {
    const recording = recordingLab();
    const progress = openProgress(':memory:');
    const app = await buildDashboard({ lab: recording.lab, cli: recordingCli().cli, progress, token: TOKEN });
    return { app, progress, ...recording };
  };
  beforeEach(async () => {
    fixture = await setUp();
  });
  afterEach(async () => {
    await fixture.app.close();
    fixture.progress.close();
  });

  it('when a run streams progress and finishes, then each line is published, and its text, verdict and lesson with a record of the run', async () => {
    const records: Array<Omit<CheckRunInput, 'via' | 'codeDir'>> = [];
    const runs = createExperimentRuns(fixture.lab, (run) => records.push(run));
    const seen: ExperimentRun[] = [];
    runs.subscribe((event) => seen.push(event.run));
    const started = runs.start('serverless', 'cold-start-storm', 'load');
    expect(started).toMatchObject({ kind: 'load', state: 'running', held: null });
    const [inFlight] = fixture.loadExperiments;
    inFlight!.progress('50 first calls sent');
    inFlight!.finish({
      held: true,
      verdict: '50 calls, 5 instances: held',
      text: 'p50 120 ms',
      lesson: 'cap it',
    });
    await expect.poll(() => runs.latest('serverless')?.state).toBe('finished');
    expect(seen.map((run) => run.progress.at(-1) ?? null)).toContain('50 first calls sent');
    expect(runs.latest('serverless')).toMatchObject({
      held: true,
      verdict: '50 calls, 5 instances: held',
      report: 'p50 120 ms',
      lesson: 'cap it',
      mismatches: null,
      error: null,
    });
    expect(records).toEqual([
      {
        command: 'experiment',
        positionals: ['serverless', 'cold-start-storm'],
        flags: { db: 'postgres' },
        passed: true,
        detail: '50 calls, 5 instances: held',
      },
    ]);
  });

  it('when the dashboard closes during a load experiment, then the run is aborted and ends with the reason', async () => {
    const runs = createExperimentRuns(fixture.lab, () => {});
    runs.start('serverless', 'cold-start-storm', 'load');
    await runs.close();
    expect(fixture.loadExperiments[0]!.signal.aborted).toBe(true);
    expect(runs.latest('serverless')).toMatchObject({ state: 'finished', error: 'the dashboard is closing' });
  });

  it.skipIf(!LOAD)(
    `when a load experiment a pattern.ts declares is posted (${LOAD?.pattern ?? NONE_DECLARED}), then it starts though nothing runs, and the page lists it as load`,
    async () => {
      const { pattern, name } = LOAD!;
      const response = await fixture.app.inject({
        method: 'POST',
        url: `/api/patterns/${pattern}/experiments/${name}`,
        headers,
      });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toMatchObject({ kind: 'load', state: 'running' });
      expect(fixture.calls).toEqual([`load experiment ${pattern} ${name}`]);
      const page = await fixture.app.inject({ url: `/api/patterns/${pattern}`, headers: { host: HOST } });
      expect(page.json().experiments).toContainEqual({ name, title: expect.any(String), kind: 'load' });
    },
  );

  describe('the hosted-units route', () => {
    const hostedUnits = (query = '') =>
      fixture.app.inject({ url: `/api/patterns/serverless/hosted-units${query}`, headers: { host: HOST } });
    const running = (pattern: PatternSlug): PatternRun => ({
      pattern,
      state: 'running',
      url: 'http://127.0.0.1:1',
      infrastructureDescribed: null,
      processes: [],
      edges: [],
      infrastructure: [],
      error: null,
    });

    it('when the pattern is stopped, then 409 and nobody is asked', async () => {
      expect((await hostedUnits()).statusCode).toBe(409);
      expect(fixture.calls).toEqual([]);
    });

    it('when it runs, then each hosting process answers for the monthly workload typed', async () => {
      fixture.lab.runOf = running;
      const response = await hostedUnits('?requestsPerMonth=2000000');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        processes: [
          { process: 'runtime', answer: { available: false, detail: 'the recording lab hosts nothing' } },
        ],
      });
      expect(fixture.calls).toEqual(['hosted units serverless 2000000']);
    });

    it('when the monthly count is no whole number from 1, then 400 and nobody is asked', async () => {
      fixture.lab.runOf = running;
      for (const query of ['?requestsPerMonth=lots', '?requestsPerMonth=0', '?requestsPerMonth=1.5'])
        expect((await hostedUnits(query)).statusCode, query).toBe(400);
      expect(fixture.calls).toEqual([]);
    });
  });
});
