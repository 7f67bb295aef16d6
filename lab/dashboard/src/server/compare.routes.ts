import { EventEmitter } from 'node:events';
import { isPatternSlug, isRunnable, type PatternSlug, runnablePatterns } from '@journey/orchestrator';
import { storedRuns } from '@journey/orchestrator/results';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LabPort } from './lab-port.js';

type PatternsQuery = { Querystring: { patterns?: string } };

export type CompareEvent = { kind: 'compare'; message: string };

/**
 * `journey compare`'s code figures for the compare view, and the workload runs it stored. The structural ones (files, code lines,
 * structure, topology, rule violations) answer a GET in about half a second per pattern; the unit
 * tests run vitest in a child process, so they wait for a click (a POST, behind the token) and report
 * their progress on the event stream. One unit-test run at a time: they share the machine's cores.
 */
export function compareRoutes(
  app: FastifyInstance,
  lab: LabPort,
  isBuilt: (slug: string) => boolean = isRunnable,
) {
  const events = new EventEmitter().setMaxListeners(0);
  let unitTestsRunning = false;

  /** `?patterns=<slug>,<slug>`: built patterns only, or an error already sent. */
  const patternsOf = (
    query: PatternsQuery['Querystring'],
    reply: FastifyReply,
  ): PatternSlug[] | undefined => {
    const names = [...new Set((query.patterns ?? '').split(',').filter(Boolean))];
    if (names.length === 0) {
      void reply
        .code(400)
        .send({ error: `name the patterns, e.g. ?patterns=${runnablePatterns().filter(isBuilt).join(',')}` });
      return undefined;
    }
    const unknown = names.filter((name) => !isPatternSlug(name) || !isBuilt(name));
    if (unknown.length > 0) {
      void reply.code(404).send({ error: `no built pattern named ${unknown.join(', ')}` });
      return undefined;
    }
    return names as PatternSlug[];
  };

  app.get<PatternsQuery>('/api/compare/code', async (request, reply) => {
    const patterns = patternsOf(request.query, reply);
    if (patterns) return { patterns: await lab.codeFigures(patterns, { unitTests: false }) };
  });

  // What `journey compare` stored, newest first, for the workload charts: a read of small JSON files.
  app.get('/api/compare/runs', async () => ({ runs: storedRuns('compare') }));

  app.post<PatternsQuery>('/api/compare/unit-tests', async (request, reply) => {
    const patterns = patternsOf(request.query, reply);
    if (!patterns) return;
    if (unitTestsRunning) return reply.code(409).send({ error: 'the unit tests are already running' });
    unitTestsRunning = true;
    try {
      const onProgress = (message: string) => events.emit('event', { kind: 'compare', message });
      return { patterns: await lab.codeFigures(patterns, { unitTests: true, onProgress }) };
    } finally {
      unitTestsRunning = false;
    }
  });

  return {
    subscribe(listener: (event: CompareEvent) => void) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
  };
}
