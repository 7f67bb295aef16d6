import type { ServerResponse } from 'node:http';
import { runnablePatterns } from '@journey/orchestrator';
import type { FastifyInstance } from 'fastify';
import type { LabPort } from './lab-port.js';

/** Anything that publishes live events: the lab, the conformance and experiment runs. */
type Source = (listener: (event: unknown) => void) => () => void;

const KEEPALIVE_MS = 15_000;

/**
 * One server-sent-events stream with everything live: run state and process health, log lines and
 * conformance progress. It opens with the run state of every runnable pattern, so a page needs no
 * separate first fetch to be current.
 */
export function eventRoutes(app: FastifyInstance, lab: LabPort, sources: Source[]) {
  const streams = new Set<ServerResponse>();
  // Open streams never go idle, so the server would wait for them forever on close.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const send = (event: unknown) => raw.write(`data: ${JSON.stringify(event)}\n\n`);
    for (const slug of runnablePatterns()) send({ kind: 'run', run: lab.runOf(slug) });
    const unsubscribes = sources.map((subscribe) => subscribe(send));
    const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
    streams.add(raw);
    request.raw.on('close', () => {
      clearInterval(keepalive);
      for (const unsubscribe of unsubscribes) unsubscribe();
      streams.delete(raw);
    });
  });
}
