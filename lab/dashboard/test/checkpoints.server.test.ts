import { loadRoadmap, openProgress, parseCheckCommand } from '@journey/roadmap';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '../src/server/app.js';
import { TOKEN_HEADER } from '../src/server/request-guard.js';
import { recordingCli, recordingLab } from './fake-lab.js';

const TOKEN = 'test-token-0123456789';
const HOST = '127.0.0.1:4000';
const OWN_ORIGIN = `http://${HOST}`;
const headers = { host: HOST, origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };

const monolith = loadRoadmap().find((stage) => stage.slug === 'monolith')!;
/** The CLI arguments of a command line as the roadmap writes it. */
const argsOf = (line: string) => line.split(/\s+/).slice(1);

describe('checkpoints on the dashboard', () => {
  let fixture: Awaited<ReturnType<typeof setUp>>;
  const setUp = async () => {
    const { lab } = recordingLab();
    const { cli, commands, isClosed } = recordingCli();
    const progress = openProgress(':memory:');
    const app = await buildDashboard({ lab, cli, progress, token: TOKEN });
    return { app, commands, isClosed, progress };
  };
  beforeEach(async () => {
    fixture = await setUp();
  });
  afterEach(async () => {
    await fixture.app.close();
    fixture.progress.close();
  });

  const runCheckpoint = (slug: string, id: string, extraHeaders: Record<string, string> = headers) =>
    fixture.app.inject({
      method: 'POST',
      url: `/api/roadmap/${slug}/checkpoints/${id}/run`,
      headers: extraHeaders,
    });
  const roadmap = async () =>
    (await fixture.app.inject({ url: '/api/roadmap', headers: { host: HOST } })).json().stages as Array<{
      slug: string;
      status: string;
      earned: number;
      checkpoints: Array<{ id: string; passed: boolean; results: Array<{ command: string; run: unknown }> }>;
    }>;
  /** Records a passing CLI run of every command that earns the checkpoint, as the CLI would. */
  const earn = (checkpoint: (typeof monolith.checkpoints)[number], passed = true) => {
    for (const line of checkpoint.earnedBy) {
      const { command, positionals, flags } = parseCheckCommand(line);
      fixture.progress.recordRun({
        command,
        positionals,
        flags,
        passed,
        code: 'abc1234',
        detail: 'recorded',
      });
    }
  };

  it('when the monolith declares its checkpoints, then each names a command that earns it and what passing means', () => {
    expect(monolith.checkpoints.length).toBeGreaterThan(0);
    for (const checkpoint of monolith.checkpoints) {
      expect(checkpoint.earnedBy.length).toBeGreaterThan(0);
      expect(checkpoint.passing.trim()).not.toBe('');
    }
  });

  it('when a run is posted without the token or from another origin, then it is refused and no command runs', async () => {
    const id = monolith.checkpoints[0]!.id;
    expect((await runCheckpoint('monolith', id, { host: HOST, origin: OWN_ORIGIN })).statusCode).toBe(401);
    expect(
      (await runCheckpoint('monolith', id, { ...headers, origin: 'http://evil.example' })).statusCode,
    ).toBe(403);
    expect(fixture.commands).toEqual([]);
  });

  it('when the stage or the checkpoint is unknown, then 404 naming the checkpoints there are', async () => {
    expect((await runCheckpoint('nowhere', 'contract')).statusCode).toBe(404);
    const unknown = await runCheckpoint('monolith', 'no-such-checkpoint');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toContain(monolith.checkpoints.map((c) => c.id).join(', '));
    expect(fixture.commands).toEqual([]);
  });

  it('when a checkpoint runs, then its commands run one after another through the CLI, a second run is a 409 until it ends, and the page shows how each ended', async () => {
    const checkpoint = monolith.checkpoints.find((c) =>
      c.earnedBy.some((l) => l.startsWith('journey check')),
    )!;
    const started = await runCheckpoint('monolith', checkpoint.id);
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ stage: 'monolith', checkpoint: checkpoint.id, state: 'running' });
    expect(fixture.commands.map((c) => c.args)).toEqual([argsOf(checkpoint.earnedBy[0]!)]);
    const other = monolith.checkpoints.find((c) => c.id !== checkpoint.id)!;
    const refused = await runCheckpoint('monolith', other.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toContain(`monolith › ${checkpoint.id}`);

    for (let i = 0; i < checkpoint.earnedBy.length; i++) {
      await expect.poll(() => fixture.commands.length).toBe(i + 1);
      fixture.commands[i]!.print(`output of command ${i + 1}`);
      fixture.commands[i]!.exit(i === 0 ? 1 : 0);
    }
    const page = async () =>
      (await fixture.app.inject({ url: '/api/patterns/monolith', headers: { host: HOST } })).json();
    await expect.poll(async () => (await page()).checkpointRuns[0]?.state).toBe('finished');
    const run = (await page()).checkpointRuns[0];
    expect(run.commands.map((c: { line: string; exit: string }) => [c.line, c.exit])).toEqual(
      checkpoint.earnedBy.map((line, i) => [line, i === 0 ? 'exit 1' : 'exit 0']),
    );
    expect(run.succeeded).toBe(false);
    expect(run.output).toContain('output of command 1');
    expect((await runCheckpoint('monolith', other.id)).statusCode).toBe(202);
  });

  it('when a checkpoint runs, then the event stream carries its output lines and its end', async () => {
    const address = await fixture.app.listen({ port: 0, host: '127.0.0.1' });
    const events = await fetch(`${address}/api/events`);
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    const checkpoint = monolith.checkpoints[0]!;
    const started = await fetch(`${address}/api/roadmap/monolith/checkpoints/${checkpoint.id}/run`, {
      method: 'POST',
      headers: { origin: address, [TOKEN_HEADER]: TOKEN },
    });
    expect(started.status).toBe(202);
    for (let i = 0; i < checkpoint.earnedBy.length; i++) {
      await expect.poll(() => fixture.commands.length).toBe(i + 1);
      fixture.commands[i]!.print(`• line ${i}`);
      fixture.commands[i]!.exit(0);
    }
    const lines: string[] = [];
    let finished: { succeeded: boolean } | undefined;
    let buffer = '';
    while (!finished) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const messages = buffer.split('\n\n');
      buffer = messages.pop()!;
      for (const message of messages.filter((m) => m.startsWith('data: '))) {
        const event = JSON.parse(message.slice('data: '.length));
        if (event.kind === 'checkpoint-output') lines.push(event.line);
        if (event.kind === 'checkpoint-run' && event.run.state === 'finished') finished = event.run;
      }
    }
    await reader.cancel();
    expect(lines).toEqual(checkpoint.earnedBy.map((_, i) => `• line ${i}`));
    expect(finished).toMatchObject({ succeeded: true });
  });

  it('when the dashboard closes, then the command runner is closed with it', async () => {
    await fixture.app.close();
    expect(fixture.isClosed()).toBe(true);
  });

  it('when every monolith checkpoint’s commands have passing runs, then the stage is done (earned), counted and listed with its runs', async () => {
    const [first, ...rest] = monolith.checkpoints;
    earn(first!);
    let stage = (await roadmap()).find((s) => s.slug === 'monolith')!;
    expect(stage).toMatchObject({ status: 'in progress', earned: 1 });
    expect(stage.checkpoints.find((c) => c.id === first!.id)).toMatchObject({ passed: true });
    expect(stage.checkpoints.find((c) => c.id === rest[0]!.id)?.results.every((r) => r.run === null)).toBe(
      true,
    );
    for (const checkpoint of rest) earn(checkpoint);
    stage = (await roadmap()).find((s) => s.slug === 'monolith')!;
    expect(stage).toMatchObject({ status: 'done (earned)', earned: monolith.checkpoints.length });
    expect(stage.checkpoints[0]!.results[0]!.run).toMatchObject({
      passed: true,
      code: 'abc1234',
      via: 'cli',
    });

    earn(first!, false);
    stage = (await roadmap()).find((s) => s.slug === 'monolith')!;
    expect(stage).toMatchObject({ status: 'in progress', earned: monolith.checkpoints.length - 1 });
    await fixture.app.inject({ method: 'POST', url: '/api/roadmap/monolith/done', headers });
    expect((await roadmap()).find((s) => s.slug === 'monolith')?.status).toBe('done (marked)');
  });
});
